package org.fdipulse.topology;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.fdipulse.avro.ServicesShare;
import org.fdipulse.config.PulseSettings;
import org.fdipulse.config.StateStoreType;
import org.fdipulse.model.CellDelta;
import org.fdipulse.model.Keys;
import org.fdipulse.model.QuarterTotals;
import org.fdipulse.model.SectorTotal;
import org.fdipulse.reference.ReferenceData;
import org.fdipulse.rules.Quarter;
import org.fdipulse.rules.ServicesShareRollup;
import org.fdipulse.serde.AvroSerdes;
import org.fdipulse.serde.InternalSerdes;

import static org.fdipulse.rules.ServicesShareRollup.ALL;

/**
 * The investment figures of one scope (a city, or ALL) in one task — the global half of a two-phase aggregation:
 * input is keyed by scope, so every sector cell of a city and every quarter of a scope live in this task's stores.
 * Each {@link CellDelta}, the combined change of one sector and quarter from one ledger task's interval
 * ({@link LocalScopeSums}), moves its sector cell (cities only) and its scope's quarter totals (R4). Each publication interval, it publishes
 * every changed cell, and every changed quarter with the 3 after it whose TTM or YTD covers it.
 */
final class InvestmentRollup extends ContextualProcessor<String, CellDelta, String, SpecificRecord> {

    /** Sector cells {@code city|sector|quarter}, partitioned by city. */
    static final String SECTOR_CELLS = "sector-cells";
    /** Quarter totals {@code scope|quarter}, partitioned by scope. */
    static final String QUARTER_TOTALS = "services-share-quarters";
    /** The published share records {@code scope|quarter}, for queries; partitioned by scope. */
    static final String PUBLISHED_SHARES = "services-share-published";
    static final String PENDING = "investment-figures-pending";

    private static final String CELL = "cell:";
    private static final String SHARE = "share:";

    private final String currency;
    private final ReferenceData reference;
    private final Duration publishInterval;
    private KeyValueStore<String, SectorTotal> cells;
    private KeyValueStore<String, QuarterTotals> quarters;
    private KeyValueStore<String, ServicesShare> published;
    private PendingPublications pending;

    private InvestmentRollup(PulseSettings settings) {
        this.currency = settings.reportingCurrency();
        this.reference = settings.reference();
        this.publishInterval = settings.publishInterval();
    }

    static ProcessorSupplier<String, CellDelta, String, SpecificRecord> supplier(PulseSettings settings) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, CellDelta, String, SpecificRecord> get() {
                return new InvestmentRollup(settings);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                StateStoreType stores = settings.stateStores();
                return Set.of(stores.cached(SECTOR_CELLS, InternalSerdes.SECTOR_TOTAL),
                        stores.cached(QUARTER_TOTALS, InternalSerdes.QUARTER_TOTALS),
                        stores.cached(PUBLISHED_SHARES, AvroSerdes.servicesShare()),
                        PendingPublications.store(PENDING, stores));
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        super.init(context);
        cells = context.getStateStore(SECTOR_CELLS);
        quarters = context.getStateStore(QUARTER_TOTALS);
        published = context.getStateStore(PUBLISHED_SHARES);
        pending = new PendingPublications(context.getStateStore(PENDING));
        PendingPublications.schedule(context, publishInterval, this::publish);
    }

    @Override
    public void process(Record<String, CellDelta> record) {
        String scope = record.key();
        CellDelta delta = record.value();
        if (!ALL.equals(scope)) {
            String cell = Keys.sectorCell(scope, delta.sector(), delta.quarter());
            SectorTotal total = Optional.ofNullable(cells.get(cell)).orElseGet(SectorTotal::empty);
            cells.put(cell, total.plus(delta));
            pending.mark(CELL + cell, record.timestamp());
        }
        String scopeQuarter = Keys.scopeQuarter(scope, delta.quarter());
        QuarterTotals totals = Optional.ofNullable(quarters.get(scopeQuarter)).orElse(QuarterTotals.ZERO);
        quarters.put(scopeQuarter, totals.plus(delta.amount(), reference.isServices(delta.sector())));
        pending.mark(SHARE + scopeQuarter, record.timestamp());
    }

    private void publish() {
        TreeMap<String, Long> shares = new TreeMap<>();
        pending.drain((marked, timestamp) -> {
            if (marked.startsWith(CELL)) {
                String cell = marked.substring(CELL.length());
                context().forward(new Record<>(cell, OutputRecords.sectorSummary(cell, cells.get(cell), currency), timestamp));
            } else {
                String[] scopeQuarter = Keys.parts(marked.substring(SHARE.length()));
                for (Quarter quarter : ServicesShareRollup.quartersCovering(Quarter.parse(scopeQuarter[1]))) {
                    shares.merge(Keys.scopeQuarter(scopeQuarter[0], quarter.toString()), timestamp, Math::max);
                }
            }
        });
        shares.forEach(this::publishShare);
    }

    /** A quarter without totals has never had a counted investment, and gets no record (R4). */
    private void publishShare(String scopeQuarter, long timestamp) {
        if (quarters.get(scopeQuarter) == null) {
            return;
        }
        String[] parts = Keys.parts(scopeQuarter);
        var share = ServicesShareRollup.share(parts[0], Quarter.parse(parts[1]),
                q -> Optional.ofNullable(quarters.get(Keys.scopeQuarter(parts[0], q.toString()))));
        ServicesShare value = OutputRecords.servicesShare(share, currency);
        published.put(scopeQuarter, value);
        context().forward(new Record<>(scopeQuarter, value, timestamp));
    }
}
