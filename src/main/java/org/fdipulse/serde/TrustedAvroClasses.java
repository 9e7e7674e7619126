package org.fdipulse.serde;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate classes outside trusted packages. Our generated classes live in
 * {@code org.fdipulse.avro}; every path that builds them (decoding, the JSON reader) registers it first.
 */
public final class TrustedAvroClasses {

    private static final String PACKAGE = "org.fdipulse.avro.";
    private static boolean registered;

    private TrustedAvroClasses() {
    }

    public static synchronized void register() {
        if (!registered) {
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                    ClassSecurityValidator.getGlobal(),
                    type -> type.getName().startsWith(PACKAGE)));
            registered = true;
        }
    }
}
