package org.fdipulse.config;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store of the process with one shared block cache, which the memtables
 * are counted against. By default each store instance (a store × a partition: dozens here) would take its own 50 MB
 * cache and up to 48 MB of memtables, so memory would grow with partitions. Size: {@code fdi.rocksdb.memory.mb}
 * (default {@value #DEFAULT_MB}), of which a quarter is for memtables. The pattern is Kafka Streams' documented one.
 *
 * <p>The memtables are kept small ({@value #MEMTABLE_KB} KB, allocated in {@value #ARENA_BLOCK_KB} KB blocks). The
 * write-buffer manager counts every allocated block of every store instance against the shared budget, and when the
 * budget is exceeded, each write flushes the memtable of the store it writes to, however little it holds. With
 * RocksDB's default blocks (1 MB, for 16 MB memtables), the job's 60-odd store instances (about 16 stores × 4
 * partitions) held more than the 32 MB budget as soon as each had taken one write, so from then on every write —
 * and every commit, which records the changelog offsets in each store — flushed a memtable of a few records: the
 * benchmark saw 18,000 SST files written for one store in five minutes, and RocksDB's flush and compaction threads
 * using three times the CPU of the stream threads (docs/performance.md, change 11).
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    public static final String MEMORY_MB = "fdi.rocksdb.memory.mb";
    static final long DEFAULT_MB = 128;
    static final long MEMTABLE_KB = 4 * 1024;
    static final long ARENA_BLOCK_KB = 64;

    private static Cache cache;
    private static WriteBufferManager writeBuffers;

    private static synchronized void init(Map<String, Object> configs) {
        if (cache == null) {
            long bytes = budgetMb(configs.get(MEMORY_MB)) * 1024 * 1024;
            cache = new LRUCache(bytes, -1, false, 0.1);
            writeBuffers = new WriteBufferManager(bytes / 4, cache);
        }
    }

    /**
     * The budget in MB, {@value #DEFAULT_MB} when not set. {@link PulseSettings#from} calls this at start: a bad value
     * found first here, as a store opens, would stop a stream thread with an error that names no setting.
     *
     * @throws IllegalArgumentException naming the setting, when it is not a positive whole number
     */
    static long budgetMb(Object configured) {
        return PositiveSetting.of(MEMORY_MB, configured, Long.MAX_VALUE / (1024 * 1024), "a positive whole number of megabytes",
                "set it to e.g. " + DEFAULT_MB).orElse(DEFAULT_MB);
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        init(configs);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBuffers);
        options.setWriteBufferSize(MEMTABLE_KB * 1024);
        options.setArenaBlockSize(ARENA_BLOCK_KB * 1024);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write-buffer manager are shared by every store of the process: never closed per store
    }
}
