package org.fdipulse.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The build's guard on {@code schemas/}: every released version of a record is kept in {@code schemas/history/}, the
 * newest of them is the current schema, and the current schema reads every one of them. An incompatible edit (a
 * field removed without a default, a type changed) or an edit not released as a new version fails here.
 */
@DisplayName("schema evolution: the current schemas read every released version")
class SchemaCompatibilityTest {

    static Stream<String> records() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("schemas"))) {
            return files.filter(f -> f.toString().endsWith(".avsc"))
                    .map(f -> f.getFileName().toString().replace(".avsc", "")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    @DisplayName("released versions are readable by the current schema, their readers read the current one, and the newest is the current one")
    void currentReadsEveryReleasedVersion(String record) throws IOException {
        Schema current = new Schema.Parser().parse(Path.of("schemas", record + ".avsc").toFile());
        List<Schema> released = SchemaHistory.olderVersions(record);
        assertFalse(released.isEmpty(), record + " has no released version in schemas/history/ (" + record + "-v1.avsc)");
        for (int v = 0; v < released.size(); v++) {
            var result = SchemaCompatibility.checkReaderWriterCompatibility(current, released.get(v));
            assertEquals(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE, result.getType(),
                    record + " cannot read its v" + (v + 1) + ": " + result.getDescription());
        }
        for (int v = 0; v < released.size(); v++) {
            var result = SchemaCompatibility.checkReaderWriterCompatibility(released.get(v), current);
            assertEquals(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE, result.getType(),
                    "a reader of " + record + " v" + (v + 1) + " cannot read the current schema: " + result.getDescription());
        }
        assertEquals(current.toString(), released.get(released.size() - 1).toString(),
                record + ".avsc differs from its newest released version: copy it to schemas/history/" + record + "-v"
                        + (released.size() + 1) + ".avsc once the change is compatible");
    }
}
