package org.fdipulse.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.fdipulse.app.ThreadFailures;
import org.fdipulse.metrics.PipelineCounters;
import org.fdipulse.reference.ReferenceData;
import org.fdipulse.rules.RejectionReason;

/**
 * {@code /metrics}: Kafka Streams' own metrics (Micrometer's binder), and the job's counters since this instance
 * started — records accepted per input, duplicates, stale measure updates, dead letters by reason — and the live
 * feed's freshness timer. The job's counters are approximate ({@link PipelineCounters} says why), and their help
 * text says so, since that is what a reader of {@code /metrics} sees.
 */
final class PulseMetrics implements AutoCloseable {

    private static final String APPROXIMATE = ", by this instance since it started; approximate: a record processed"
            + " again after an aborted exactly-once transaction is counted again";

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<KafkaStreamsMetrics> binders;
    private final FigureGauges figures;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final List<MeterBinder> jvmBinders = List.of(new JvmMemoryMetrics(), gc, new JvmThreadMetrics(),
            new ClassLoaderMetrics(), new ProcessorMetrics(), new UptimeMetrics());

    /** @param streams the job first, then its companion */
    PulseMetrics(List<KafkaStreams> streams, PipelineCounters counters, ThreadFailures threadFailures,
                 ReferenceData reference, String currency) {
        figures = new FigureGauges(streams.get(0), reference, currency, registry);
        binders = streams.stream().map(KafkaStreamsMetrics::new).toList();
        binders.forEach(b -> b.bindTo(registry));
        // The process itself, as every JVM service on a Prometheus dashboard shows it.
        jvmBinders.forEach(b -> b.bindTo(registry));
        String version = Optional.ofNullable(PulseMetrics.class.getPackage().getImplementationVersion()).orElse("development");
        Gauge.builder("fdi.build.info", () -> 1).description("The running build: its version as a label, value 1")
                .tag("version", version).tag("java", System.getProperty("java.version")).register(registry);
        for (String input : List.of("investment-intake", "measure-intake")) {
            FunctionCounter.builder("fdi.records.accepted", counters, c -> c.acceptedCount(input))
                    .description("Input records that passed validation" + APPROXIMATE).tag("input", input).register(registry);
        }
        FunctionCounter.builder("fdi.duplicates", counters, PipelineCounters::duplicateInvestments)
                .description("Investment records whose revision was not higher than the one in force (R3)" + APPROXIMATE).register(registry);
        FunctionCounter.builder("fdi.stale.measure.updates", counters, PipelineCounters::staleMeasureUpdates)
                .description("Measure updates older than the one in force (R5)" + APPROXIMATE).register(registry);
        FunctionCounter.builder("fdi.stream.threads.replaced", threadFailures, ThreadFailures::count)
                .description("Stream threads that died on an error and were replaced (see the log and /health)").register(registry);
        for (RejectionReason reason : RejectionReason.values()) {
            FunctionCounter.builder("fdi.dead.letters", counters, c -> c.rejectedCount(reason))
                    .description("Records sent to the dead-letter topic (R6)" + APPROXIMATE
                            + "; exact: fdi_dead_letters_recorded").tag("reason", reason.name()).register(registry);
        }
    }

    /** Calls to the schema registry tried again because it gave no answer (contract section 11); 0 without one. */
    void countRegistryRetries(org.fdipulse.app.PulseApp app) {
        FunctionCounter.builder("fdi.schema.registry.retries", app, org.fdipulse.app.PulseApp::registryRetries)
                .description("Calls to the schema registry that found it without an answer and were tried again; nothing "
                        + "is dead-lettered for them (/health/ready says why while it lasts)").register(registry);
    }

    /** The free bytes under the state directory: below 4 MiB the stores stop taking writes (StateDirectorySpace). */
    void watchStateDirectory(org.fdipulse.app.PulseApp app) {
        Gauge.builder("fdi.state.dir.usable.bytes", app.stateDirectorySpace(), org.fdipulse.app.StateDirectorySpace::usableBytes)
                .description("Free bytes on the filesystem of the state directory (-1 until read); below "
                        + org.fdipulse.app.StateDirectorySpace.NEEDED_BYTES + " the job's stores stop taking writes and "
                        + "/health/ready says 503").register(registry);
    }

    String scrape() {
        figures.refresh();
        return registry.scrape();
    }

    @Override
    public void close() {
        binders.forEach(KafkaStreamsMetrics::close);
        gc.close();
        registry.close();
    }
}
