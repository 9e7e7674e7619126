package org.fdipulse.output;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.TreeMap;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.fdipulse.avro.SourceMix;
import org.fdipulse.avro.Alert;
import org.fdipulse.avro.CapitalMix;
import org.fdipulse.avro.ImpactEstimate;
import org.fdipulse.avro.PilotProgress;
import org.fdipulse.avro.SectorSummary;
import org.fdipulse.avro.ServicesShare;
import org.fdipulse.avro.ShareFigures;
import org.fdipulse.model.CapitalMixTotals;

/**
 * The JSON shapes of contract section 5, shared by {@code tail} and the HTTP API: amounts are strings with exactly two
 * decimals, ratios are numbers (or null), instants are ISO-8601 strings.
 */
public final class JsonViews {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    /** Reads decimals as BigDecimal, exactly: amounts never pass through a double. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(NODES)
            .build();

    private JsonViews() {
    }

    /**
     * {@code {scope, quarter, currency, services, total, servicesShare, totalYoy, servicesYoy, ttm: {…}, ytd: {…}}}:
     * each figure set with the year-on-year changes of R7 (v2), null when there is nothing a year earlier.
     */
    public static ObjectNode share(ServicesShare s) {
        ObjectNode node = NODES.objectNode();
        node.put("scope", s.getScope());
        node.put("quarter", s.getQuarter());
        node.put("currency", s.getCurrency());
        figures(node, s.getServices(), s.getTotal(), s.getServicesShare(), s.getTotalYoy(), s.getServicesYoy());
        node.set("ttm", figures(s.getTtm()));
        node.set("ytd", figures(s.getYtd()));
        return node;
    }

    /** {@code {city, sector, quarter, currency, amount, investments}} */
    public static ObjectNode sectorSummary(SectorSummary s) {
        ObjectNode node = NODES.objectNode();
        node.put("city", s.getCity());
        node.put("sector", s.getSector());
        node.put("quarter", s.getQuarter());
        node.put("currency", s.getCurrency());
        node.put("amount", amount(s.getAmount()));
        node.put("investments", s.getInvestments());
        return node;
    }

    /** {@code {scope, focusArea, planned, inProgress, implemented, total, implementationRate}} */
    public static ObjectNode progress(PilotProgress p) {
        ObjectNode node = NODES.objectNode();
        node.put("scope", p.getScope());
        node.put("focusArea", p.getFocusArea());
        node.put("planned", p.getPlanned());
        node.put("inProgress", p.getInProgress());
        node.put("implemented", p.getImplemented());
        node.put("total", p.getTotal());
        node.put("implementationRate", p.getImplementationRate());
        return node;
    }

    /**
     * {@code {scope, quarter, currency, total, byInvestorType: {SYMBOL: amount, …}, green, greenShare,
     * targetedInvestors, targetedInvestorsShare, targetedGreen, targetedGreenShare}} (R8), investor types in the
     * order of the schema's symbols, then UNSPECIFIED.
     */
    public static ObjectNode capitalMix(CapitalMix m) {
        ObjectNode node = NODES.objectNode();
        node.put("scope", m.getScope());
        node.put("quarter", m.getQuarter());
        node.put("currency", m.getCurrency());
        node.put("total", amount(m.getTotal()));
        ObjectNode byType = node.putObject("byInvestorType");
        for (String type : CapitalMixTotals.INVESTOR_TYPES) {
            BigDecimal amount = m.getByInvestorType().get(type);
            byType.put(type, amount == null ? null : amount(amount));
        }
        node.put("green", amount(m.getGreen()));
        node.put("greenShare", m.getGreenShare());
        node.put("targetedInvestors", amount(m.getTargetedInvestors()));
        node.put("targetedInvestorsShare", m.getTargetedInvestorsShare());
        node.put("targetedGreen", amount(m.getTargetedGreen()));
        node.put("targetedGreenShare", m.getTargetedGreenShare());
        return node;
    }

    /** {@code {rule, scope, quarter, state, value, threshold, changedAt}} (R9), changedAt ISO-8601 UTC. */
    /** Groups and economies in key order, so that one record always has one text. */
    public static ObjectNode sourceMix(SourceMix m) {
        ObjectNode node = NODES.objectNode();
        node.put("scope", m.getScope());
        node.put("quarter", m.getQuarter());
        node.put("currency", m.getCurrency());
        node.put("total", amount(m.getTotal()));
        node.put("unspecified", amount(m.getUnspecified()));
        ObjectNode byGroup = node.putObject("byGroup");
        new TreeMap<>(m.getByGroup()).forEach((group, g) -> {
            ObjectNode figures = byGroup.putObject(group.toString());
            figures.put("amount", amount(g.getAmount()));
            figures.put("share", g.getShare());
            figures.put("ytd", amount(g.getYtd()));
            figures.put("ytdShare", g.getYtdShare());
            figures.put("ytdYoy", g.getYtdYoy());
        });
        ObjectNode byEconomy = node.putObject("byEconomy");
        new TreeMap<>(m.getByEconomy()).forEach((economy, e) -> {
            ObjectNode figures = byEconomy.putObject(economy.toString());
            figures.put("amount", amount(e.getAmount()));
            figures.put("ytd", amount(e.getYtd()));
            figures.put("ytdYoy", e.getYtdYoy());
        });
        return node;
    }

    public static ObjectNode alert(Alert a) {
        ObjectNode node = NODES.objectNode();
        node.put("rule", a.getRule());
        node.put("scope", a.getScope());
        node.put("quarter", a.getQuarter());
        node.put("state", a.getState().name());
        node.put("value", a.getValue());
        node.put("threshold", a.getThreshold());
        node.put("changedAt", a.getChangedAt().toString());
        return node;
    }

    /**
     * {@code {kind, cohort, quarter, baseQuarter, eventTime, estimate, standardError, low, high, treatedCities,
     * controlCities, cohorts, currency, outcome}} (R10): figures as numbers with 4 decimals, absent fields null.
     */
    public static ObjectNode impact(ImpactEstimate e) {
        ObjectNode node = NODES.objectNode();
        node.put("kind", e.getKind().name());
        node.put("cohort", e.getCohort());
        node.put("quarter", e.getQuarter());
        node.put("baseQuarter", e.getBaseQuarter());
        node.put("eventTime", e.getEventTime());
        node.put("estimate", e.getEstimate());
        node.put("standardError", e.getStandardError());
        node.put("low", e.getLow());
        node.put("high", e.getHigh());
        node.put("treatedCities", e.getTreatedCities());
        node.put("controlCities", e.getControlCities());
        node.put("cohorts", e.getCohorts());
        node.put("currency", e.getCurrency());
        node.put("outcome", e.getOutcome());
        return node;
    }

    /** An input record as {@code ingest} takes it: Avro field names, decimals as strings, instants ISO-8601. */
    public static ObjectNode inputRecord(SpecificRecord record) {
        ObjectNode node = NODES.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            node.set(field.name(), value(record.get(field.pos())));
        }
        return node;
    }

    public static String amount(BigDecimal value) {
        return value.setScale(2).toPlainString();
    }

    private static ObjectNode figures(ShareFigures f) {
        return figures(NODES.objectNode(), f.getServices(), f.getTotal(), f.getServicesShare(), f.getTotalYoy(),
                f.getServicesYoy());
    }

    private static ObjectNode figures(ObjectNode node, BigDecimal services, BigDecimal total, BigDecimal share,
                                      BigDecimal totalYoy, BigDecimal servicesYoy) {
        node.put("services", amount(services));
        node.put("total", amount(total));
        node.put("servicesShare", share);
        node.put("totalYoy", totalYoy);
        node.put("servicesYoy", servicesYoy);
        return node;
    }

    private static JsonNode value(Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof BigDecimal d) {
            return NODES.textNode(d.toPlainString());
        }
        if (v instanceof Instant i) {
            return NODES.textNode(i.toString());
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof Integer n) {
            return NODES.numberNode(n);
        }
        if (v instanceof Long n) {
            return NODES.numberNode(n);
        }
        return NODES.textNode(v.toString());
    }
}
