package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.fdipulse.testing.ContractModel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The state directory's filesystem fills while the job counts: a tmpfs the test mounts (root only, as CI runs), filled
 * by a file the test writes until "No space left on device", while the second half of the investments arrives. The
 * job must say so ({@code /health/ready} 503 naming the directory, a log line with the fix), stay alive, and once the
 * file is deleted carry on to figures that equal the model's: nothing lost, nothing counted twice.
 */
@DisplayName("reliability: a full state directory stops the job's progress out loud, and it carries on exactly once freed")
class DiskFullIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Big enough that the stores fit with room to spare: RocksDB reserves about 4 MB on disk for each store it writes
     * to (measured: 16 of the job's store instances took 63 MB of a 64 MB tmpfs after 2,800 investments, filling it by
     * themselves), so a tmpfs of a few tens of MB is full before the test fills it. The tmpfs takes memory only for
     * what is written to it.
     */
    private static final String SIZE = "320m";
    /**
     * How long the disk stays full once the job has said so: past the stream threads' transaction timeout (10 s
     * under exactly-once), so that the broker aborts the transaction a thread blocked on the full disk holds open, as
     * it would in a real outage. A duration, not a condition.
     */
    private static final Duration FULL_FOR = Duration.ofSeconds(15);

    @Test
    @DisplayName("fill the state dir's filesystem mid-stream: /health/ready 503 and a log line name it; freed, every figure equals the model's")
    void diskFull() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "DiskFullIT mounts a tmpfs and needs root (CI runs as root); skipped for " + System.getProperty("user.name"));
        Path mount = Path.of("target", "it-disk", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(mount);
        Process mounting = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + SIZE, "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String said = new String(mounting.getInputStream().readAllBytes());
        assumeTrue(mounting.waitFor() == 0, "DiskFullIT could not mount a tmpfs on " + mount + " (" + said.trim()
                + "); a container needs CAP_SYS_ADMIN for it");
        try {
            fillMidStream(mount);
        } finally {
            new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start().waitFor();
        }
    }

    private static void fillMidStream(Path mount) throws Exception {
        RandomData data = RandomData.generate("diskfull", 10000, 47);
        ContractModel model = data.model();
        List<String> investments = Files.readAllLines(data.investments());
        long total = investments.size();
        Path firstHalf = data.dir().resolve("investments-first-half.jsonl");
        Path secondHalf = data.dir().resolve("investments-second-half.jsonl");
        Files.write(firstHalf, investments.subList(0, investments.size() / 2));
        Files.write(secondHalf, investments.subList(investments.size() / 2, investments.size()));

        Deployment d = new Deployment("diskfull");
        d.ingest("fx-rates", data.rates());
        d.ingest("measures", data.measures());
        d.ingest("investments", firstHalf);
        Path state = mount.resolve("state");
        int port = Deployment.freePort();
        // A small RocksDB memory budget: memtables are flushed to disk within the test's seconds (with the default
        // 128 MB, 10,000 investments fit in memory and the full disk would not be met before the end).
        Jar.Running restarted = null;
        Jar.Running first = d.run("USD", port, state, "fdi.rocksdb.memory.mb=4");
        try (first; Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", d.bootstrap))) {
            Jar.Running job = first;
            GroupWatch.awaitMidStream(admin, "diskfull-usd", d.topic("investments"), total / 4, total, job, "the fill");
            awaitReady(port, job, 200, "ready before the fill");

            Path filler = mount.resolve("filler");
            long filled = fillUntilNoSpace(filler);
            long full = System.nanoTime();
            System.out.printf("[measured] the filler took the last %.1f MB of the %s tmpfs%n", filled / 1e6, SIZE);
            try (Jar.Running moreInput = d.startIngest("investments", secondHalf)) {
                JsonNode notReady = awaitReady(port, job, 503, "503 while the state dir is full");
                System.out.printf("[measured] /health/ready 503 %.1f s after the disk filled: %s%n",
                        (System.nanoTime() - full) / 1e9, notReady.get("reason").asText());
                assertTrue(notReady.get("reason").asText().contains(state.toString())
                        && notReady.get("reason").asText().contains("--state-dir"), "the reason names the directory and the fix: " + notReady);
                Leaders.awaitCondition("the log names the full state directory", () -> first.err().contains("has no space left"));
                String line = job.err().lines().filter(l -> l.contains("has no space left")).findFirst().orElseThrow();
                assertTrue(line.contains(state.toString()) && line.contains("--state-dir"), "the log line names the directory and the fix: " + line);

                long committedWhenFull = GroupWatch.committed(admin, "diskfull-usd", d.topic("investments"));
                TimeUnit.NANOSECONDS.sleep(Math.max(0, FULL_FOR.toNanos() - (System.nanoTime() - full)));
                assertTrue(job.isAlive(), "the job waits for space rather than dying: " + job.err());
                // Measured, not asserted: a thread blocked in RocksDB commits nothing and stays; one whose write failed
                // is replaced, and its tasks' deleted local state frees room that the job then goes on with.
                System.out.printf("[measured] %d s after the disk filled: committed %d → %d of %d investments; threads "
                        + "replaced %s; /health/ready %d; %s the thread failure's log line%n", FULL_FOR.toSeconds(),
                        committedWhenFull, GroupWatch.committed(admin, "diskfull-usd", d.topic("investments")), total,
                        health(port).get("threadsReplaced"), JobHttp.get(port, "/health/ready").statusCode(),
                        job.err().contains("died because the state directory has no space left") ? "with" : "without");

                Files.delete(filler);
                long freed = System.nanoTime();
                JsonNode after = awaitResumedOrBlocked(port, job);
                if (after == null) {
                    System.out.printf("[measured] space freed: /health/ready 200 %.1f s later%n", (System.nanoTime() - freed) / 1e9);
                } else {
                    // RocksDB did not clear its error: the blocked thread cannot be ended, the operator restarts
                    System.out.printf("[measured] space freed: %.1f s later /health/ready 503: %s; the test restarts the job%n",
                            (System.nanoTime() - freed) / 1e9, after.get("reason").asText());
                    Leaders.awaitCondition("the log says to restart", () -> first.err().contains("Restart this instance"));
                    long stopping = System.nanoTime();
                    job.close();
                    System.out.printf("[measured] SIGTERM to exit %.1f s (a blocked thread holds up Kafka Streams' close)%n",
                            (System.nanoTime() - stopping) / 1e9);
                    restarted = d.run("USD", port, state, "fdi.rocksdb.memory.mb=4");
                    job = restarted;
                }
                assertEquals(0, moreInput.awaitExit(Duration.ofMinutes(2)), "the second half of the investments was ingested");
                d.assertMatches(model, job);
                System.out.printf("[measured] space freed: every figure exact %.1f s later; threads replaced %s%n",
                        (System.nanoTime() - freed) / 1e9, health(port).get("threadsReplaced"));
            }
            assertTrue(first.err().contains("has room again"), "the log says when the directory has room again");
            System.out.println("[measured] the job's log on the full disk:");
            first.err().lines().filter(l -> l.contains("StateDirectorySpace") || l.contains("ThreadFailures"))
                    .forEach(l -> System.out.println("  " + (l.length() > 300 ? l.substring(0, 300) + "…" : l)));
            job.assertStopsCleanly();
        } finally {
            if (restarted != null) {
                restarted.close();
            }
        }
    }

    /**
     * Once space is freed: null when {@code /health/ready} says 200 (the job resumed by itself), or its 503 body when it
     * says a stream thread stayed blocked and the instance needs a restart. Two minutes at most.
     */
    private static JsonNode awaitResumedOrBlocked(int port, Jar.Running job) throws Exception {
        JsonNode[] last = new JsonNode[1];
        int[] status = new int[1];
        Leaders.awaitCondition("ready, or a reason asking for a restart", () -> {
            if (!job.isAlive()) {
                throw new AssertionError("the job stopped: " + job.err());
            }
            HttpResponse<String> ready = JobHttp.get(port, "/health/ready");
            status[0] = ready.statusCode();
            last[0] = JSON.readTree(ready.body());
            return status[0] == 200 || last[0].path("reason").asText().contains("restart this instance");
        });
        return status[0] == 200 ? null : last[0];
    }

    /**
     * Writes {@code filler} until the filesystem refuses: in 1 MiB writes, then smaller ones down to 4 KiB (a page),
     * so that no room is left. Returns the bytes written.
     */
    private static long fillUntilNoSpace(Path filler) throws IOException {
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler)) {
            int chunk = 1 << 20;
            byte[] bytes = new byte[chunk];
            while (chunk >= 4096) {
                try {
                    out.write(bytes, 0, chunk);
                    out.flush();
                    written += chunk;
                } catch (IOException noSpace) {
                    assertTrue(String.valueOf(noSpace.getMessage()).contains("No space left"), "the filler stopped on: " + noSpace);
                    chunk /= 4;
                }
            }
        } catch (IOException closing) {
            // closing flushes nothing more (every write was flushed); a close that reports the full disk is expected
        }
        return written;
    }

    /** Waits (2 minutes at most) until {@code /health/ready} answers {@code status}; returns its body. */
    private static JsonNode awaitReady(int port, Jar.Running job, int status, String what) throws Exception {
        JsonNode[] last = new JsonNode[1];
        Leaders.awaitCondition(what, () -> {
            if (!job.isAlive()) {
                throw new AssertionError("the job stopped: " + job.err());
            }
            HttpResponse<String> ready = JobHttp.get(port, "/health/ready");
            last[0] = JSON.readTree(ready.body());
            return ready.statusCode() == status;
        });
        return last[0];
    }

    private static JsonNode health(int port) throws Exception {
        return JSON.readTree(JobHttp.get(port, "/health").body());
    }
}
