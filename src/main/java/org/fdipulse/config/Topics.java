package org.fdipulse.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.fdipulse.output.OutputTopic;
import org.fdipulse.output.Outputs;

/**
 * The topic names of contract section 2, each overridable by a property {@code fdi.topic.<role>}: the inputs and the
 * dead-letter topic here, and every output of {@link Outputs} under its entry's role.
 *
 * @param investments    input: {@code InvestmentEvent} keyed by eventId
 * @param measureUpdates input: {@code MeasureUpdate} keyed by city|measureId
 * @param fxRates        input: {@code FxRate} keyed by currency
 * @param deadLetter     rejected input, with the input's key and bytes
 * @param outputNames    each output's topic name
 */
public record Topics(String investments, String measureUpdates, String fxRates, String deadLetter,
                     Map<OutputTopic<?>, String> outputNames) {

    public static final String INVESTMENTS = "fdi.investments";
    public static final String MEASURE_UPDATES = "pilot.measure-updates";
    public static final String FX_RATES = "fx.rates";
    public static final String DEAD_LETTER = "fdi.dead-letter";

    public Topics {
        outputNames = Collections.unmodifiableMap(new LinkedHashMap<>(outputNames));
    }

    /** @throws IllegalArgumentException when two roles name the same topic ({@link #requireNamesOfTheirOwn}) */
    public static Topics from(Properties props) {
        Map<OutputTopic<?>, String> outputs = new LinkedHashMap<>();
        Outputs.EVERY.forEach(output -> outputs.put(output, name(props, output.role(), output.defaultName())));
        Topics topics = new Topics(
                name(props, "investments", INVESTMENTS),
                name(props, "measure-updates", MEASURE_UPDATES),
                name(props, "fx-rates", FX_RATES),
                name(props, "dead-letter", DEAD_LETTER),
                outputs);
        topics.requireNamesOfTheirOwn();
        return topics;
    }

    /** The topic {@code output} is written to. */
    public String name(OutputTopic<?> output) {
        return outputNames.get(output);
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
        outputNames.forEach((output, topic) -> byRole.put(output.role(), topic));
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
        return List.copyOf(outputNames.values());
    }

    /**
     * Each output topic with the name of the live-feed event that carries its records (contract section 5), read by
     * the live feed.
     */
    public Map<String, String> outputEvents() {
        Map<String, String> events = new LinkedHashMap<>();
        outputNames.forEach((output, topic) -> events.put(topic, output.liveFeedEvent()));
        return Collections.unmodifiableMap(events);
    }

    private static String name(Properties props, String role, String fallback) {
        return props.getProperty("fdi.topic." + role, fallback).trim();
    }
}
