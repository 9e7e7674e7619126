package org.fdipulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of this process's RocksDB background threads (flushes and compactions), which ThreadMXBean cannot see:
 * RocksDB starts them natively and names them {@code rocksdb:low} and {@code rocksdb:high}. They are shared by every
 * store of the process, and work for whichever application wrote the data, so the benchmark reads them before and
 * after each phase. Read from Linux's {@code /proc/self/task/<tid>/stat} (user + system time, in clock ticks of
 * 10 ms); 0 where there is no {@code /proc}.
 */
final class RocksDbThreadCpu {

    private static final long NANOS_PER_TICK = 10_000_000L;

    private RocksDbThreadCpu() {
    }

    static long nanos() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return 0;
        }
        try (Stream<Path> threads = Files.list(tasks)) {
            return threads.mapToLong(RocksDbThreadCpu::rocksDbTicks).sum() * NANOS_PER_TICK;
        } catch (IOException e) {
            return 0;
        }
    }

    private static long rocksDbTicks(Path thread) {
        try {
            if (!Files.readString(thread.resolve("comm")).startsWith("rocksdb")) {
                return 0;
            }
            // after the name in parentheses: state is field 3, utime 14 and stime 15 of the line
            String stat = Files.readString(thread.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0; // the thread ended between the listing and the read
        }
    }
}
