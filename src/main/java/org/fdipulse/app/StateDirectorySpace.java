package org.fdipulse.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The free space of the filesystem under the state directory ({@code --state-dir}), checked every second, so that a
 * full disk is said out loud: {@code /health/ready} answers 503 with {@link #shortage()} as its reason, one log line
 * names the directory and the fix when space runs out and another when it is back, and {@code /metrics} shows the
 * free bytes.
 *
 * <p>Why the job needs this: Kafka Streams says nothing of a full state directory, and what it does depends on which
 * RocksDB write meets the full disk first. Measured (DiskFullIT; Kafka Streams 4.4, rocksdbjni 10.1.3), either:
 * <ul>
 * <li>the background flush of a memtable fails, RocksDB marks the store in error, and the stream thread's next write
 * to it blocks inside RocksDB: no exception, no log line, the client still RUNNING and {@code /health} 200, while
 * nothing is committed and no figure moves. RocksDB means to clear the error by itself once the filesystem has
 * {@value #NEEDED_BYTES} bytes free, one memtable ({@code BoundedRocksDbMemory}): its LOG says "free space [2568192
 * bytes] is less than required disk buffer [4194304 bytes] … Cannot clear hard error" every few seconds until then;
 * or</li>
 * <li>a write fails at once ("While appending to file: …/000013.sst: No space left on device"): the stream thread
 * dies and is replaced ({@link ThreadFailures}), and under exactly-once its tasks' local state is deleted, to be
 * restored from the changelog topics. That frees the space the stores held (149 MiB in one run), so the job may go
 * on by itself, from its changelogs, before anyone frees anything.</li>
 * </ul>
 * Either way nothing is lost or counted twice: a blocked or dead thread's open transaction is aborted (by the broker
 * after {@code transaction.timeout.ms}, or as the thread dies), and the thread that takes over resumes from the last
 * commit.
 *
 * <p>A blocked thread did not come back in any run here once space was back: in one, with 113 MiB free, it stayed in
 * RocksDB's write stall for over four minutes (native stack: {@code DBImpl::DelayWrite}, waiting without timeout).
 * Nothing in the process can end a thread waiting inside RocksDB: even Kafka Streams' close gives up on it after its
 * timeout (a SIGTERM took 30.9 s). So once space is back, readiness waits until every stream thread has polled Kafka
 * again; if one has not within {@value #RESUME_GRACE_SECONDS} s, the reason and a log line say to restart the
 * instance, which restores its stores from the changelog topics.
 */
public final class StateDirectorySpace implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StateDirectorySpace.class);

    /** RocksDB's "required disk buffer" to recover from a full disk: one memtable of 4 MiB. */
    public static final long NEEDED_BYTES = 4L * 1024 * 1024;

    /**
     * How long a stream thread may take to poll again once space is back before the job asks for a restart. RocksDB
     * checks whether it can clear its error every 5 s or so; six of those.
     */
    static final long RESUME_GRACE_SECONDS = 30;

    /** The usable bytes of the filesystem holding a directory; a seam for tests. */
    interface UsableSpace {
        long bytes(Path directory) throws IOException;
    }

    private final Path directory;
    private final UsableSpace usable;
    private final DoubleSupplier secondsSinceEveryThreadPolled;
    private final LongSupplier nanoClock;
    private volatile long lastUsable = -1;
    private volatile boolean short_;
    /** When space came back after a shortage, while some stream thread has not polled since; else 0. */
    private volatile long roomAgainAt;
    private volatile boolean restartLogged;
    private ScheduledExecutorService checker;

    /**
     * @param secondsSinceEveryThreadPolled the longest time since one of the job's stream threads last polled Kafka
     * @param nanoClock {@link System#nanoTime} but in tests
     */
    StateDirectorySpace(Path directory, UsableSpace usable, DoubleSupplier secondsSinceEveryThreadPolled, LongSupplier nanoClock) {
        this.directory = directory.toAbsolutePath().normalize();
        this.usable = usable;
        this.secondsSinceEveryThreadPolled = secondsSinceEveryThreadPolled;
        this.nanoClock = nanoClock;
    }

    /** Watches {@code directory} (or, until Kafka Streams creates it, its nearest existing parent) every second. */
    static StateDirectorySpace watch(Path directory, DoubleSupplier secondsSinceEveryThreadPolled) {
        StateDirectorySpace space = new StateDirectorySpace(directory, StateDirectorySpace::usableBytes,
                secondsSinceEveryThreadPolled, System::nanoTime);
        space.check();
        space.checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fdi-pulse-state-dir-space");
            t.setDaemon(true);
            return t;
        });
        space.checker.scheduleWithFixedDelay(space::check, 1, 1, TimeUnit.SECONDS);
        return space;
    }

    private static long usableBytes(Path directory) throws IOException {
        Path existing = directory;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return Files.getFileStore(existing == null ? Path.of("").toAbsolutePath() : existing).getUsableSpace();
    }

    /**
     * Reads the free space once; logs when the directory runs short or has room again. Returns whether the state
     * changed. A failed read keeps the last state: a filesystem that cannot say how full it is is not called full.
     */
    boolean check() {
        long bytes;
        try {
            bytes = usable.bytes(directory);
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot read the free space under the state directory {}", directory, e);
            return false;
        }
        lastUsable = bytes;
        boolean nowShort = bytes < NEEDED_BYTES;
        if (nowShort == short_) {
            checkResumed();
            return false;
        }
        short_ = nowShort;
        roomAgainAt = nowShort ? 0 : nanoClock.getAsLong();
        restartLogged = false;
        if (nowShort) {
            LOG.error("the state directory {} has no space left ({} bytes free, less than the {} MiB the job's RocksDB "
                    + "stores need to write a memtable): stream threads wait inside RocksDB, or fail and are replaced, "
                    + "and figures stop moving until there is room. Nothing is lost or counted twice meanwhile. Free "
                    + "space on that filesystem (if a stream thread has not resumed {} s after, restart the instance), "
                    + "or stop the job and move --state-dir to a larger filesystem (it restores its stores from the "
                    + "changelog topics)", directory, bytes, NEEDED_BYTES >> 20, RESUME_GRACE_SECONDS);
        } else {
            LOG.info("the state directory {} has room again ({} MiB free): RocksDB clears its error by itself within "
                    + "seconds, and the job carries on from its last commit (if a stream thread does not poll again "
                    + "within {} s, the log and /health/ready ask for a restart)", directory, bytes >> 20, RESUME_GRACE_SECONDS);
        }
        return true;
    }

    /** After a shortage: whether every stream thread has polled since space came back, and if not for long, says so. */
    private void checkResumed() {
        long since = roomAgainAt;
        if (since == 0) {
            return;
        }
        double sinceRoom = (nanoClock.getAsLong() - since) / 1e9;
        double sincePoll = secondsSinceEveryThreadPolled.getAsDouble();
        if (sincePoll < sinceRoom) {
            roomAgainAt = 0;
            LOG.info("every stream thread is polling again after the state directory {} had no space left", directory);
        } else if (sinceRoom >= RESUME_GRACE_SECONDS && !restartLogged) {
            restartLogged = true;
            LOG.error("a stream thread has not polled Kafka for {} s, since before the state directory {} had room again "
                    + "{} s ago: it is blocked in RocksDB, which did not recover from the full disk. Restart this "
                    + "instance; it restores its stores from the changelog topics, and nothing is lost or counted twice",
                    Math.round(sincePoll), directory, Math.round(sinceRoom));
        }
    }

    /**
     * Why the job cannot make progress for lack of disk space, while it lasts; the readiness probe's reason. Once space
     * is back, also while a stream thread has not polled since (blocked in RocksDB), with what to do.
     */
    public Optional<String> shortage() {
        long since = roomAgainAt;
        if (since != 0) {
            double sinceRoom = (nanoClock.getAsLong() - since) / 1e9;
            double sincePoll = secondsSinceEveryThreadPolled.getAsDouble();
            if (sincePoll >= sinceRoom) {
                return Optional.of(sinceRoom < RESUME_GRACE_SECONDS
                        ? "the state directory " + directory + " has room again; waiting for every stream thread to resume"
                        : "a stream thread has been blocked in RocksDB for " + Math.round(sincePoll) + " s, since the state "
                        + "directory " + directory + " had no space left, and did not resume when space came back: "
                        + "restart this instance (it restores its stores from the changelog topics)");
            }
        }
        if (!short_) {
            return Optional.empty();
        }
        return Optional.of("the state directory " + directory + " has no space left (" + lastUsable + " bytes free, "
                + (NEEDED_BYTES >> 20) + " MiB needed): free space on its filesystem or move --state-dir to a larger one");
    }

    /** The free bytes last read, or -1 before the first read succeeded. */
    public long usableBytes() {
        return lastUsable;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        if (checker != null) {
            checker.shutdownNow();
        }
    }
}
