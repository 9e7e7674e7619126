package org.fdipulse.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A class-data-sharing archive of the jar's classes for the commands the tests start, hundreds per run: each maps the
 * Kafka client, Avro, Jackson and picocli classes from it instead of loading and verifying them again, about 0.4 s of
 * CPU less per command on this machine. The first {@code tail} of the test JVM writes the archive as it exits (the
 * JVM's dynamic archive, {@code -XX:ArchiveClassesAtExit}); the commands after it read it. A command behaves and
 * prints the same with it or without it: the JVM's own log is off, so nothing of the archive reaches its output.
 */
final class ClassArchive {

    private static final Path ARCHIVE = Path.of("target", "it-classes.jsa");
    private static final Path BEING_WRITTEN = Path.of("target", "it-classes.jsa.part");
    private static final String WRITER_COMMAND = "tail";

    private enum State { NONE, WRITING, READY, UNAVAILABLE }

    private static State state = State.NONE;

    private ClassArchive() {
    }

    /**
     * The JVM options for {@code command}: write the archive (only a command the caller waits for, so that it can say
     * when it {@link #ended}), read it, or neither while it is being written.
     */
    static synchronized List<String> optionsFor(String command, boolean awaited) throws IOException {
        switch (state) {
            case NONE -> {
                if (!awaited || !command.equals(WRITER_COMMAND)) {
                    return List.of();
                }
                // an archive left by an earlier build does not match this jar
                Files.deleteIfExists(ARCHIVE);
                Files.deleteIfExists(BEING_WRITTEN);
                state = State.WRITING;
                return List.of("-XX:ArchiveClassesAtExit=" + BEING_WRITTEN, "-Xlog:disable");
            }
            case READY -> {
                return List.of("-XX:SharedArchiveFile=" + ARCHIVE, "-Xlog:disable");
            }
            default -> {
                return List.of();
            }
        }
    }

    /** Called when a command started with {@code options} has ended: if it wrote the archive, the next ones read it. */
    static synchronized void ended(List<String> options) throws IOException {
        if (state == State.WRITING && options.stream().anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="))) {
            if (Files.exists(BEING_WRITTEN) && Files.size(BEING_WRITTEN) > 0) {
                Files.move(BEING_WRITTEN, ARCHIVE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                state = State.READY;
            } else {
                state = State.UNAVAILABLE;
            }
        }
    }
}
