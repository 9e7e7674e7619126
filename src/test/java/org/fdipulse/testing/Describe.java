package org.fdipulse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.fdipulse.avro.Alert;
import org.fdipulse.avro.CapitalMix;
import org.fdipulse.avro.PilotProgress;
import org.fdipulse.avro.SectorSummary;
import org.fdipulse.avro.ServicesShare;
import org.fdipulse.avro.ShareFigures;

/** One text per output value, so that a model's expectation and the job's record compare as plain strings. */
public final class Describe {

    private Describe() {
    }

    static String cell(BigDecimal amount, int investments) {
        return amount.setScale(2) + " x" + investments;
    }

    static String share(BigDecimal services, BigDecimal total, BigDecimal share) {
        return services.setScale(2) + "/" + total.setScale(2) + "/" + (share == null ? "null" : share.setScale(4).toPlainString());
    }

    static String progress(int planned, int inProgress, int implemented, int total, BigDecimal rate) {
        return planned + "/" + inProgress + "/" + implemented + "/" + total + "/" + (rate == null ? "null" : rate.setScale(4).toPlainString());
    }

    /** R8: {@code TYPE=amount … green a/share targeted a/share targetedGreen a/share} */
    static String capitalMix(String byType, BigDecimal total, BigDecimal green, BigDecimal targeted, BigDecimal targetedGreen) {
        return byType + " green " + part(green, total) + " targeted " + part(targeted, total)
                + " targetedGreen " + part(targetedGreen, total);
    }

    private static String part(BigDecimal amount, BigDecimal total) {
        return amount.setScale(2) + "/" + (total.signum() == 0 ? "null"
                : amount.divide(total, 4, RoundingMode.HALF_EVEN).toPlainString());
    }

    public static String of(SectorSummary s) {
        return cell(s.getAmount(), s.getInvestments());
    }

    public static String of(ServicesShare s) {
        return share(s.getServices(), s.getTotal(), s.getServicesShare()) + " ttm " + of(s.getTtm()) + " ytd " + of(s.getYtd());
    }

    public static String of(PilotProgress p) {
        return progress(p.getPlanned(), p.getInProgress(), p.getImplemented(), p.getTotal(), p.getImplementationRate());
    }

    /** R7, as {@link ContractModel#yearOnYear()} writes it. */
    public static String yearOnYear(ServicesShare s) {
        return "q " + yoy(s.getTotalYoy(), s.getServicesYoy()) + " ttm " + yoy(s.getTtm().getTotalYoy(), s.getTtm().getServicesYoy())
                + " ytd " + yoy(s.getYtd().getTotalYoy(), s.getYtd().getServicesYoy());
    }

    public static String yearOnYearJson(JsonNode v) {
        return "q " + yoyJson(v) + " ttm " + yoyJson(v.get("ttm")) + " ytd " + yoyJson(v.get("ytd"));
    }

    /** R11, as {@link ContractModel#sourceMix()} writes it: groups and economies in name order. */
    public static String sourceMixJson(JsonNode v) {
        StringBuilder text = new StringBuilder("total " + v.get("total").asText() + " unspecified "
                + v.get("unspecified").asText() + " groups");
        new java.util.TreeMap<String, JsonNode>(fields(v.get("byGroup"))).forEach((group, g) -> text.append(' ').append(group)
                .append('=').append(g.get("amount").asText()).append('/').append(ratioJson(g.get("share")))
                .append('/').append(g.get("ytd").asText()).append('/').append(ratioJson(g.get("ytdShare")))
                .append('/').append(ratioJson(g.get("ytdYoy"))));
        text.append(" economies");
        new java.util.TreeMap<String, JsonNode>(fields(v.get("byEconomy"))).forEach((economy, e) -> text.append(' ')
                .append(economy).append('=').append(e.get("amount").asText()).append('/').append(e.get("ytd").asText())
                .append('/').append(ratioJson(e.get("ytdYoy"))));
        return text.toString();
    }

    private static java.util.Map<String, JsonNode> fields(JsonNode object) {
        java.util.Map<String, JsonNode> out = new java.util.HashMap<>();
        object.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue()));
        return out;
    }

    public static String of(org.fdipulse.avro.SourceMix m) {
        return sourceMixJson(org.fdipulse.output.JsonViews.sourceMix(m));
    }

    public static String of(CapitalMix m) {
        StringBuilder byType = new StringBuilder();
        for (String type : ContractModel.INVESTOR_TYPES) {
            byType.append(type).append('=').append(m.getByInvestorType().get(type).setScale(2)).append(' ');
        }
        return byType.toString().trim() + " green " + m.getGreen().setScale(2) + "/" + ratio(m.getGreenShare())
                + " targeted " + m.getTargetedInvestors().setScale(2) + "/" + ratio(m.getTargetedInvestorsShare())
                + " targetedGreen " + m.getTargetedGreen().setScale(2) + "/" + ratio(m.getTargetedGreenShare());
    }

    public static String capitalMixJson(JsonNode v) {
        StringBuilder byType = new StringBuilder();
        for (String type : ContractModel.INVESTOR_TYPES) {
            byType.append(type).append('=').append(v.get("byInvestorType").get(type).asText()).append(' ');
        }
        return byType.toString().trim() + " green " + v.get("green").asText() + "/" + ratioJson(v.get("greenShare"))
                + " targeted " + v.get("targetedInvestors").asText() + "/" + ratioJson(v.get("targetedInvestorsShare"))
                + " targetedGreen " + v.get("targetedGreen").asText() + "/" + ratioJson(v.get("targetedGreenShare"));
    }

    /** R9, as {@link ContractModel#firingAlerts()} writes a firing alert: its threshold. */
    public static String of(Alert a) {
        return ratio(a.getThreshold());
    }

    private static String yoy(BigDecimal total, BigDecimal services) {
        return ratio(total) + "/" + ratio(services);
    }

    private static String yoyJson(JsonNode figures) {
        return ratioJson(figures.get("totalYoy")) + "/" + ratioJson(figures.get("servicesYoy"));
    }

    private static String ratio(BigDecimal value) {
        return value == null ? "null" : value.setScale(4).toPlainString();
    }

    private static String ratioJson(JsonNode value) {
        return value == null || value.isNull() ? "null" : value.decimalValue().setScale(4).toPlainString();
    }

    private static String of(ShareFigures f) {
        return share(f.getServices(), f.getTotal(), f.getServicesShare());
    }

    /** The same texts from the JSON shapes {@code tail} prints (contract section 5). */
    public static String sectorJson(JsonNode v) {
        return cell(new BigDecimal(v.get("amount").asText()), v.get("investments").asInt());
    }

    public static String shareJson(JsonNode v) {
        return figuresJson(v) + " ttm " + figuresJson(v.get("ttm")) + " ytd " + figuresJson(v.get("ytd"));
    }

    public static String progressJson(JsonNode v) {
        JsonNode rate = v.get("implementationRate");
        return progress(v.get("planned").asInt(), v.get("inProgress").asInt(), v.get("implemented").asInt(),
                v.get("total").asInt(), rate.isNull() ? null : rate.decimalValue());
    }

    private static String figuresJson(JsonNode f) {
        JsonNode share = f.get("servicesShare");
        return share(new BigDecimal(f.get("services").asText()), new BigDecimal(f.get("total").asText()),
                share.isNull() ? null : share.decimalValue());
    }
}
