package org.fdipulse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the state directory's free space: a full disk is said out loud, and its end too")
class StateDirectorySpaceTest {

    private static final long MIB = 1024 * 1024;

    @Test
    @DisplayName("below 4 MiB free the directory is short, with a reason naming it and the fix; above, it is not")
    void shortBelowOneMemtable() {
        AtomicLong free = new AtomicLong(100 * MIB);
        StateDirectorySpace space = new StateDirectorySpace(Path.of("/data/fdi-pulse-state"), dir -> free.get(), () -> 0, System::nanoTime);
        space.check();
        assertTrue(space.shortage().isEmpty());
        assertEquals(100 * MIB, space.usableBytes());

        free.set(4 * MIB - 1);
        space.check();
        String reason = space.shortage().orElseThrow();
        assertTrue(reason.contains("/data/fdi-pulse-state") && reason.contains("no space left")
                && reason.contains("--state-dir") && reason.contains((4 * MIB - 1) + " bytes free"), reason);

        free.set(4 * MIB);
        space.check();
        assertTrue(space.shortage().isEmpty(), "exactly one memtable free is enough for RocksDB to recover");
    }

    @Test
    @DisplayName("a change is reported once: repeated checks in the same state report nothing")
    void reportedOncePerChange() {
        AtomicLong free = new AtomicLong(0);
        StateDirectorySpace space = new StateDirectorySpace(Path.of("state"), dir -> free.get(), () -> 0, System::nanoTime);
        assertTrue(space.check(), "full at the first check: a change from 'not known to be short'");
        assertFalse(space.check());
        free.set(10);
        assertFalse(space.check(), "still short: no second line");
        free.set(50 * MIB);
        assertTrue(space.check(), "room again");
        assertFalse(space.check());
    }

    @Test
    @DisplayName("once space is back, not ready until every stream thread has polled since; past 30 s, the reason says restart")
    void blockedThreadAfterTheDiskFilled() {
        AtomicLong free = new AtomicLong(0);
        AtomicLong now = new AtomicLong(1_000_000_000L);
        AtomicLong lastPollAt = new AtomicLong(now.get());
        StateDirectorySpace space = new StateDirectorySpace(Path.of("/data/state"), dir -> free.get(),
                () -> (now.get() - lastPollAt.get()) / 1e9, now::get);
        space.check();
        assertTrue(space.shortage().orElseThrow().contains("no space left"));

        now.addAndGet(20 * 1_000_000_000L); // the thread blocks: no poll for 20 s, then space comes back
        free.set(100 * MIB);
        space.check();
        now.addAndGet(5 * 1_000_000_000L);
        space.check();
        assertTrue(space.shortage().orElseThrow().contains("waiting for every stream thread to resume"), space.shortage().orElseThrow());

        now.addAndGet(StateDirectorySpace.RESUME_GRACE_SECONDS * 1_000_000_000L);
        space.check();
        String reason = space.shortage().orElseThrow();
        assertTrue(reason.contains("blocked in RocksDB for 55 s") && reason.contains("restart this instance")
                && reason.contains("/data/state"), reason);

        lastPollAt.set(now.get()); // it polls again: ready, and stays so
        space.check();
        assertTrue(space.shortage().isEmpty());
        lastPollAt.set(now.get() - 3_600_000_000_000L);
        assertTrue(space.shortage().isEmpty(), "a slow poll long after the shortage is not this class's business");
    }

    @Test
    @DisplayName("a failed read keeps the last state: a filesystem that cannot say how full it is is not called full")
    void failedReadKeepsState() {
        StateDirectorySpace space = new StateDirectorySpace(Path.of("state"), dir -> {
            throw new IOException("stale file handle");
        }, () -> 0, System::nanoTime);
        assertFalse(space.check());
        assertTrue(space.shortage().isEmpty());
        assertEquals(-1, space.usableBytes());
    }

    @Test
    @DisplayName("watching a directory not created yet reads its nearest existing parent's filesystem")
    void watchesParentUntilCreated(@TempDir Path temp) throws Exception {
        Path notYet = temp.resolve("a").resolve("b");
        try (StateDirectorySpace space = StateDirectorySpace.watch(notYet, () -> 0)) {
            assertEquals(Files.getFileStore(temp).getUsableSpace() > 4 * MIB, space.shortage().isEmpty());
            assertTrue(space.usableBytes() > 0, "read from " + temp);
            assertEquals(notYet.toAbsolutePath().normalize(), space.directory());
        }
    }
}
