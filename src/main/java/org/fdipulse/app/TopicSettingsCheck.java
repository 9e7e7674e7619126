package org.fdipulse.app;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.TopicConfig;
import org.fdipulse.config.Topics;
import org.fdipulse.topology.PulseTopology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, at start, the settings of topics that existed before the job created them, where a wrong one loses data
 * silently:
 * <ul>
 *   <li>the rates topic must keep every record ({@code retention.ms=-1}, {@code retention.bytes=-1}, not compacted):
 *       the rate book is rebuilt from it at every start, and a rate that expired would leave the events of its time
 *       without a rate (NO_FX_RATE) after the next restart;</li>
 *   <li>output topics must be compacted: a consumer reads the current figure as the latest record of its key, and
 *       with deletion a figure that has not changed for a week would vanish.</li>
 * </ul>
 * A problem stops {@code run} with the topic, the setting and the fix; {@code fdi.topics.check=warn} only logs it.
 */
final class TopicSettingsCheck {

    static final String MODE = "fdi.topics.check";

    private static final Logger LOG = LoggerFactory.getLogger(TopicSettingsCheck.class);

    private final boolean warnOnly;

    private TopicSettingsCheck(boolean warnOnly) {
        this.warnOnly = warnOnly;
    }

    static TopicSettingsCheck of(Properties config) {
        String mode = config.getProperty(MODE, "fail").trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("fail") && !mode.equals("warn")) {
            throw new IllegalArgumentException(MODE + " '" + mode + "' is neither fail nor warn");
        }
        return new TopicSettingsCheck(mode.equals("warn"));
    }

    /** @throws IllegalStateException naming every problem, unless only warning */
    void verify(Topics topics, Map<String, Config> settings) {
        List<String> problems = problems(topics, settings);
        if (problems.isEmpty()) {
            return;
        }
        if (warnOnly) {
            problems.forEach(problem -> LOG.warn("{} (starting anyway: {}=warn)", problem, MODE));
            return;
        }
        throw new IllegalStateException(String.join("\n", problems) + "\nFix the topic settings as shown, or start with --set "
                + MODE + "=warn to run anyway.");
    }

    /**
     * Why the job must not start on this cluster, if it must not: the changelog of a store an earlier version kept
     * ({@link PulseTopology#RETIRED_STORES}) exists, so the application's state is in an earlier layout. A new store
     * would start empty beside it and publish figures that leave out everything counted before; values of the old
     * layout in stores that kept their names are refused at their first read ({@code InternalSerdes}), but a store
     * that is new is never read in the old layout. Not a setting {@value #MODE}=warn can pass over: the figures would
     * be wrong.
     */
    static Optional<String> earlierState(Set<String> existingTopics, String applicationId) {
        Optional<String> retired = PulseTopology.RETIRED_STORES.stream().map(store -> changelog(applicationId, store))
                .filter(existingTopics::contains).findFirst()
                .map(changelog -> "topic " + changelog + " holds the state of an earlier version of fdi-pulse under"
                        + " application.id " + applicationId + ", in a layout this version does not read.");
        // A v2 job's state has the published shares but neither the programme-impact panel nor the source-mix totals
        // (a job of the first v3 build lacks the latter): a store that is new would start empty and publish figures
        // without everything counted before the upgrade.
        String shares = changelog(applicationId, PulseTopology.SERVICES_SHARES);
        Optional<String> missing = PulseTopology.STORES_OF_V3.stream()
                .filter(store -> !existingTopics.contains(changelog(applicationId, store))).findFirst();
        Optional<String> beforeV3 = existingTopics.contains(shares) && missing.isPresent()
                ? Optional.of("topic " + shares + " holds the state of a version of fdi-pulse before contract v3 under"
                + " application.id " + applicationId + ", without the store " + missing.get() + " of v3, which would start"
                + " empty and leave out every figure published before.") : Optional.empty();
        return retired.or(() -> beforeV3).map(why -> why + " Stop every instance, reset the application"
                + " (kafka-streams-application-reset --application-id " + applicationId + " --input-topics …), delete the"
                + " state directories and start again, as the README's \"Upgrading\" says");
    }

    private static String changelog(String applicationId, String store) {
        return applicationId + "-" + store + "-changelog";
    }

    static List<String> problems(Topics topics, Map<String, Config> settings) {
        List<String> problems = new ArrayList<>();
        Config rates = settings.get(topics.fxRates());
        for (String retention : List.of(TopicConfig.RETENTION_MS_CONFIG, TopicConfig.RETENTION_BYTES_CONFIG)) {
            String value = value(rates, retention);
            if (!"-1".equals(value)) {
                problems.add(problem(topics.fxRates(), retention + "=" + value, "the rate book is rebuilt from this topic "
                        + "at every start, so expired rates are lost", retention + "=-1"));
            }
        }
        if (policies(rates).contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            problems.add(problem(topics.fxRates(), "cleanup.policy=" + value(rates, TopicConfig.CLEANUP_POLICY_CONFIG),
                    "compaction keeps one rate per currency and drops the history that events are converted with",
                    "cleanup.policy=delete"));
        }
        for (String output : topics.outputs()) {
            Config config = settings.get(output);
            if (!policies(config).contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                problems.add(problem(output, "cleanup.policy=" + value(config, TopicConfig.CLEANUP_POLICY_CONFIG),
                        "an output topic holds the latest figure per key, and deletion drops figures that have not "
                                + "changed lately", "cleanup.policy=compact"));
            }
        }
        return problems;
    }

    private static String problem(String topic, String setting, String why, String fix) {
        return "topic " + topic + " has " + setting + ": " + why + ". Fix: kafka-configs.sh --bootstrap-server HOST:PORT "
                + "--alter --entity-type topics --entity-name " + topic + " --add-config " + fix;
    }

    private static List<String> policies(Config config) {
        return Arrays.stream(value(config, TopicConfig.CLEANUP_POLICY_CONFIG).split(","))
                .map(p -> p.trim().toLowerCase(Locale.ROOT)).toList();
    }

    private static String value(Config config, String name) {
        ConfigEntry entry = config == null ? null : config.get(name);
        return entry == null || entry.value() == null ? "" : entry.value().trim();
    }
}
