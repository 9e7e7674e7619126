package org.fdipulse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ingest reads lines as BufferedReader does, but no line longer than its limit")
class BoundedLinesTest {

    private static List<String> read(String text, int max) throws IOException {
        BoundedLines lines = new BoundedLines(new StringReader(text), max);
        List<String> out = new ArrayList<>();
        for (BoundedLines.Line line; (line = lines.next()) != null; ) {
            out.add(line.tooLong() ? "TOO_LONG(" + line.length() + ")" : line.text());
        }
        return out;
    }

    @Test
    @DisplayName("\\n, \\r and \\r\\n end a line; a last line without an end counts; empty lines stay")
    void lineEnds() throws IOException {
        assertEquals(List.of("a", "b", "c", "", "d"), read("a\nb\r\nc\r\rd", 10));
        assertEquals(List.of("a", ""), read("a\n\n", 10));
        assertEquals(List.of(), read("", 10));
    }

    @Test
    @DisplayName("a line over the limit is reported with its length, and the next line reads normally")
    void tooLong() throws IOException {
        assertEquals(List.of("ok", "TOO_LONG(20000)", "next"), read("ok\n" + "x".repeat(20_000) + "\nnext", 10_000));
        assertEquals(List.of("1234567890"), read("1234567890", 10));
        BoundedLines lines = new BoundedLines(new StringReader("y".repeat(11)), 10);
        assertTrue(lines.next().tooLong());
        assertNull(lines.next());
    }
}
