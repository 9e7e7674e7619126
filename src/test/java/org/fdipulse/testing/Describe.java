package org.fdipulse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
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

    public static String of(SectorSummary s) {
        return cell(s.getAmount(), s.getInvestments());
    }

    public static String of(ServicesShare s) {
        return share(s.getServices(), s.getTotal(), s.getServicesShare()) + " ttm " + of(s.getTtm()) + " ytd " + of(s.getYtd());
    }

    public static String of(PilotProgress p) {
        return progress(p.getPlanned(), p.getInProgress(), p.getImplemented(), p.getTotal(), p.getImplementationRate());
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
