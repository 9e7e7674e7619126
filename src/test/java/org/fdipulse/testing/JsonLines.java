package org.fdipulse.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecordBase;
import org.fdipulse.serde.JsonToAvro;

/** Reads a JSON-lines file of input records, as {@code ingest} would, failing on any line it cannot hold. */
public final class JsonLines {

    private JsonLines() {
    }

    public static <T extends SpecificRecordBase> List<T> read(Path file, Supplier<T> record) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(line -> {
            try {
                return JsonToAvro.read(line, record);
            } catch (JsonToAvro.InvalidLineException e) {
                throw new AssertionError(file + ": " + e.getMessage() + ": " + line, e);
            }
        }).toList();
    }
}
