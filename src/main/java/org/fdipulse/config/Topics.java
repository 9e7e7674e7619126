package org.fdipulse.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The topic names of contract section 2, each overridable by a property {@code fdi.topic.<role>}.
 *
 * @param investments        input: {@code InvestmentEvent} keyed by eventId
 * @param measureUpdates     input: {@code MeasureUpdate} keyed by city|measureId
 * @param fxRates            input: {@code FxRate} keyed by currency
 * @param sectorSummary      output: {@code SectorSummary} keyed by city|sector|quarter
 * @param servicesShare      output: {@code ServicesShare} keyed by scope|quarter
 * @param pilotProgress      output: {@code PilotProgress} keyed by scope|focusArea
 * @param capitalMix         output (v2): {@code CapitalMix} keyed by scope|quarter
 * @param alerts             output (v2): {@code Alert} keyed by rule|scope|quarter
 * @param deadLetter         rejected input, with the input's key and bytes
 */
public record Topics(String investments, String measureUpdates, String fxRates,
                     String sectorSummary, String servicesShare, String pilotProgress, String capitalMix,
                     String alerts, String deadLetter) {

    public static final String INVESTMENTS = "fdi.investments";
    public static final String MEASURE_UPDATES = "pilot.measure-updates";
    public static final String FX_RATES = "fx.rates";
    public static final String SECTOR_SUMMARY = "fdi.sector-summary";
    public static final String SERVICES_SHARE = "fdi.services-share";
    public static final String PILOT_PROGRESS = "pilot.progress";
    public static final String CAPITAL_MIX = "fdi.capital-mix";
    public static final String ALERTS = "fdi.alerts";
    public static final String DEAD_LETTER = "fdi.dead-letter";

    /** @throws IllegalArgumentException when two roles name the same topic ({@link #requireNamesOfTheirOwn}) */
    public static Topics from(Properties props) {
        Topics topics = new Topics(
                name(props, "investments", INVESTMENTS),
                name(props, "measure-updates", MEASURE_UPDATES),
                name(props, "fx-rates", FX_RATES),
                name(props, "sector-summary", SECTOR_SUMMARY),
                name(props, "services-share", SERVICES_SHARE),
                name(props, "pilot-progress", PILOT_PROGRESS),
                name(props, "capital-mix", CAPITAL_MIX),
                name(props, "alerts", ALERTS),
                name(props, "dead-letter", DEAD_LETTER));
        topics.requireNamesOfTheirOwn();
        return topics;
    }

    /**
     * Two outputs on one compacted topic would overwrite each other's records wherever their keys coincide
     * ({@code scope|quarter} keys both the shares and the capital mix), and an output on an input topic would be read
     * back as input: a careless setting is refused before anything is written.
     */
    private void requireNamesOfTheirOwn() {
        Map<String, String> roleOf = new HashMap<>();
        Map<String, String> byRole = new LinkedHashMap<>();
        byRole.put("investments", investments);
        byRole.put("measure-updates", measureUpdates);
        byRole.put("fx-rates", fxRates);
        byRole.put("sector-summary", sectorSummary);
        byRole.put("services-share", servicesShare);
        byRole.put("pilot-progress", pilotProgress);
        byRole.put("capital-mix", capitalMix);
        byRole.put("alerts", alerts);
        byRole.put("dead-letter", deadLetter);
        byRole.forEach((role, topic) -> {
            String other = roleOf.putIfAbsent(topic, role);
            if (other != null) {
                throw new IllegalArgumentException("fdi.topic." + other + " and fdi.topic." + role + " both name topic '"
                        + topic + "': every topic of the job needs a name of its own; set one of them to another topic");
            }
        });
    }

    /** The topics the job writes its figures to, each compacted: the latest record per key is the current value. */
    public List<String> outputs() {
        return List.copyOf(outputEvents().keySet());
    }

    /**
     * Each output topic with the name of the live-feed event that carries its records (contract section 5): the one
     * list of outputs, which topic creation, the settings check and the live feed all read.
     */
    public Map<String, String> outputEvents() {
        Map<String, String> events = new LinkedHashMap<>();
        events.put(sectorSummary, "sector-summary");
        events.put(servicesShare, "services-share");
        events.put(pilotProgress, "pilot-progress");
        events.put(capitalMix, "capital-mix");
        events.put(alerts, "alert");
        return Collections.unmodifiableMap(events);
    }

    private static String name(Properties props, String role, String fallback) {
        return props.getProperty("fdi.topic." + role, fallback).trim();
    }
}
