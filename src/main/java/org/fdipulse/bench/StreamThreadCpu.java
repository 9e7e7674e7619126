package org.fdipulse.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of an application's Kafka Streams threads in this JVM (stream threads and the global thread), found by
 * name: Kafka Streams names them {@code <client.id>-StreamThread-N}, and the client id starts with the application id.
 */
final class StreamThreadCpu {

    private StreamThreadCpu() {
    }

    /** @param namePrefix the application id and a dash; the companion application's threads share the job's prefix */
    static long nanos(String namePrefix) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(namePrefix) && info.getThreadName().contains("StreamThread")) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                total += Math.max(0, cpu);
            }
        }
        return total;
    }
}
