package org.fdipulse.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.function.Function;
import org.fdipulse.keys.Scope;
import org.fdipulse.output.JsonViews;
import org.fdipulse.output.Outputs;
import org.fdipulse.topology.PulseTopology;

/**
 * The job's state stores the HTTP API reads, what each is partitioned on (to find the instance that holds a key), and
 * how its values travel between instances as JSON.
 */
enum QueryableStore {
    SHARES(PulseTopology.SERVICES_SHARES, Outputs.SERVICES_SHARE::toJsonChecked, true),
    CAPITAL_MIX(PulseTopology.CAPITAL_MIX, Outputs.CAPITAL_MIX::toJsonChecked, true),
    SOURCE_MIX(PulseTopology.SOURCE_MIX, Outputs.SOURCE_MIX::toJsonChecked, true),
    /** Keys {@code scope|quarter|rule}. */
    ALERTS(PulseTopology.ALERTS, Outputs.ALERTS::toJsonChecked, true),
    /** Keys {@code city|quarter|sector}; values {@code {amount, investments}}. */
    SECTOR_CELLS(PulseTopology.SECTOR_CELLS, JsonViews.MAPPER::valueToTree, true),
    /** Keys {@code scope|focusArea} (focus area {@code ALL}: the scope overall); values the published records. */
    PILOT_PROGRESS(PulseTopology.PILOT_PROGRESS, Outputs.PILOT_PROGRESS::toJsonChecked, true),
    DEAD_LETTERS(PulseTopology.DEAD_LETTER_COUNTS, JsonViews.MAPPER::valueToTree, false),
    /** Keys {@code cell|g|t}, {@code event|e}, {@code overall}: all in the one task of the programme-impact panel (R10). */
    PROGRAMME_IMPACT(PulseTopology.PROGRAMME_IMPACT, Outputs.PROGRAMME_IMPACT::toJsonChecked, false);

    final String storeName;
    final Function<Object, JsonNode> toJson;
    /** Keys {@code scope|…} partitioned by scope alone: the rollups keep all the figures of a scope in one task. */
    final boolean partitionedByScope;

    QueryableStore(String storeName, Function<Object, JsonNode> toJson, boolean partitionedByScope) {
        this.storeName = storeName;
        this.toJson = toJson;
        this.partitionedByScope = partitionedByScope;
    }

    static Optional<QueryableStore> named(String storeName) {
        for (QueryableStore store : values()) {
            if (store.storeName.equals(storeName)) {
                return Optional.of(store);
            }
        }
        return Optional.empty();
    }

    /**
     * The key the store's records were partitioned on: its scope, where partitioned by scope, else the key itself.
     * Kafka Streams' default partitioner placed that key, so {@code queryMetadataForKey} with a string serializer
     * finds its partition.
     */
    String partitionKey(String key) {
        return partitionedByScope ? Scope.of(key) : key;
    }
}
