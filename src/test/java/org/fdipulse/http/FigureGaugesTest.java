package org.fdipulse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.fdipulse.avro.ServicesShare;
import org.fdipulse.avro.ShareFigures;
import org.fdipulse.config.StateStoreType;
import org.fdipulse.keys.Scope;
import org.fdipulse.keys.ScopeQuarter;
import org.fdipulse.reference.ReferenceData;
import org.fdipulse.output.Outputs;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("the share gauges read the latest quarters of each scope, as a scan of the whole store would find them")
class FigureGaugesTest {

    private static final String STORE = "shares";

    @ParameterizedTest
    @EnumSource(StateStoreType.class)
    @DisplayName("one reverse range scan per scope gives the rows of a full scan: same records, same order")
    void latestSharesAsAFullScan(StateStoreType type) throws IOException {
        List<String> scopes = new ArrayList<>(new TreeSet<>(ReferenceData.load(new Properties()).cityCodes()));
        scopes.add(Scope.ALL);
        // scope codes that begin with another's: a scan for one must not find the other's records
        scopes.addAll(List.of("ning", "ningbox", "x"));
        Collections.sort(scopes);
        try (TopologyTestDriver driver = new TopologyTestDriver(topologyWithStore(type), settings())) {
            KeyValueStore<String, ServicesShare> store = driver.getKeyValueStore(STORE);
            Random random = new Random(19);
            List<ServicesShare> records = new ArrayList<>();
            for (String scope : scopes) {
                int quarters = random.nextInt(14); // none, fewer than 8, and more
                for (int q = 0; q < quarters; q++) {
                    records.add(share(scope, (2015 + random.nextInt(12)) + "-Q" + (1 + random.nextInt(4)), random));
                }
            }
            Collections.shuffle(records, random);
            records.forEach(r -> store.put(new ScopeQuarter(r.getScope(), r.getQuarter()).encode(), r));

            List<ServicesShare> latest = FigureGauges.latest(store, scopes);

            assertEquals(keys(fullScan(store)), keys(latest));
            assertEquals(fullScan(store), latest);
        }
    }

    /** What FigureGauges read before: every record, by scope, the latest quarters of each first, at most 8. */
    private static List<ServicesShare> fullScan(KeyValueStore<String, ServicesShare> store) {
        Map<String, TreeMap<String, ServicesShare>> byScope = new TreeMap<>();
        try (KeyValueIterator<String, ServicesShare> all = store.all()) {
            all.forEachRemaining(kv -> byScope.computeIfAbsent(kv.value.getScope(), s -> new TreeMap<>())
                    .put(kv.value.getQuarter(), kv.value));
        }
        List<ServicesShare> rows = new ArrayList<>();
        byScope.values().forEach(quarters -> quarters.descendingMap().values().stream()
                .limit(FigureGauges.QUARTERS).forEach(rows::add));
        return rows;
    }

    private static List<String> keys(List<ServicesShare> shares) {
        return shares.stream().map(s -> new ScopeQuarter(s.getScope(), s.getQuarter()).encode()).toList();
    }

    private static ServicesShare share(String scope, String quarter, Random random) {
        BigDecimal services = BigDecimal.valueOf(random.nextInt(1000), 2);
        BigDecimal total = services.add(BigDecimal.valueOf(1 + random.nextInt(1000), 2));
        ShareFigures window = new ShareFigures(services, total, null, null, null);
        return new ServicesShare(scope, quarter, "USD", services, total, null, window, window, null, null);
    }

    /** A topology that only holds the store, as the rollup's: String keys, share records, behind the record cache. */
    private static Topology topologyWithStore(StateStoreType type) {
        Topology topology = new Topology();
        topology.addSource("in", "unused");
        topology.addProcessor("holder", () -> new Processor<Object, Object, Object, Object>() {
            @Override
            public void process(Record<Object, Object> record) {
            }
        }, "in");
        topology.addStateStore(type.cached(STORE, Outputs.SERVICES_SHARE.avro()), "holder");
        return topology;
    }

    private static Properties settings() throws IOException {
        Path stateDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "ttd-state")), "figure-gauges-");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "figure-gauges-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        return props;
    }
}
