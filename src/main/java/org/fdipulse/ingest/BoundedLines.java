package org.fdipulse.ingest;

import java.io.IOException;
import java.io.Reader;

/**
 * Lines of a text stream, as {@link java.io.BufferedReader#readLine()} splits them ({@code \n}, {@code \r} or
 * {@code \r\n}), but never holding more than {@code maxChars} of one line: a longer line is skipped to its end and
 * reported as too long, so that one runaway line (a file without line breaks, binary data) cannot exhaust the heap.
 */
final class BoundedLines {

    /** One line: its text, or, when it was longer than the limit, no text and its length. */
    record Line(String text, long length) {
        boolean tooLong() {
            return text == null;
        }
    }

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private boolean skipLineFeed;

    BoundedLines(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line, or null at the end of the stream. */
    Line next() throws IOException {
        StringBuilder text = new StringBuilder();
        long length = 0;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? line(text, length) : null;
                }
            }
            char c = buffer[position++];
            if (skipLineFeed) {
                skipLineFeed = false;
                if (c == '\n') {
                    continue;
                }
            }
            any = true;
            if (c == '\n' || c == '\r') {
                skipLineFeed = c == '\r';
                return line(text, length);
            }
            length++;
            if (length <= maxChars) {
                text.append(c);
            } else if (!text.isEmpty()) {
                text.setLength(0);
                text.trimToSize();
            }
        }
    }

    private Line line(StringBuilder text, long length) {
        return new Line(length <= maxChars ? text.toString() : null, length);
    }
}
