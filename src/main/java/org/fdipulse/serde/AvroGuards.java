package org.fdipulse.serde;

import org.apache.avro.SystemLimitException;
import org.apache.avro.util.ClassSecurityValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings Avro must have before it decodes anything from outside, installed once by every path that does.
 *
 * <ul>
 *   <li>Avro 1.12 refuses to instantiate classes outside trusted packages; ours are generated into
 *       {@code org.fdipulse.avro}.</li>
 *   <li>A string or bytes field declares its length up front, and Avro allocates it before reading. Without a
 *       limit, a 14-byte record claiming a 2 GB string costs 2 GB of heap or kills the thread with
 *       OutOfMemoryError. With one, it fails to decode and is dead-lettered as MALFORMED. Avro reads the limits
 *       once, when it first checks one, so they are set here, before any decoding.</li>
 * </ul>
 */
public final class AvroGuards {

    /** Far above any field of the contract's records (ids of at most 128 characters, decimals of 38 digits). */
    public static final int MAX_FIELD_BYTES = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(AvroGuards.class);
    private static final String PACKAGE = "org.fdipulse.avro.";
    private static boolean installed;

    private AvroGuards() {
    }

    public static synchronized void install() {
        if (installed) {
            return;
        }
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                ClassSecurityValidator.getGlobal(),
                type -> type.getName().startsWith(PACKAGE)));
        setIfAbsent(SystemLimitException.MAX_STRING_LENGTH_PROPERTY);
        setIfAbsent(SystemLimitException.MAX_BYTES_LENGTH_PROPERTY);
        try {
            SystemLimitException.checkMaxStringLength(MAX_FIELD_BYTES + 1L);
            LOG.warn("Avro's field-length limits were fixed before fdi-pulse could set them; a record declaring a huge "
                    + "string can exhaust the heap. Start the JVM with -D{}={} and -D{}={}.",
                    SystemLimitException.MAX_STRING_LENGTH_PROPERTY, MAX_FIELD_BYTES,
                    SystemLimitException.MAX_BYTES_LENGTH_PROPERTY, MAX_FIELD_BYTES);
        } catch (SystemLimitException expected) {
            // the limit is in force
        }
        installed = true;
    }

    private static void setIfAbsent(String property) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, String.valueOf(MAX_FIELD_BYTES));
        }
    }
}
