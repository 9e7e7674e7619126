package org.fdipulse.serde;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.fdipulse.serde.registry.RegistrySettings;
import org.fdipulse.serde.registry.SchemaRegistryClient;

/**
 * The formats an input value may be in ({@code fdi.input.formats}, a comma-separated list): {@code avro} (single-object
 * encoding, marker {@code C3 01}), {@code confluent-avro} (registry framing, first byte {@code 00}, contract section
 * 11) and {@code json} (a UTF-8 JSON object). Their first bytes tell them apart, so one topic may hold all three. The
 * registry client is there when {@code confluent-avro} is listed.
 */
public record InputFormats(boolean avro, boolean confluentAvro, boolean json, Optional<SchemaRegistryClient> registry) {

    public static final String PROPERTY = "fdi.input.formats";
    public static final String AVRO = "avro";
    public static final String CONFLUENT_AVRO = "confluent-avro";
    public static final String JSON = "json";
    public static final InputFormats AVRO_ONLY = new InputFormats(true, false, false, Optional.empty());

    public InputFormats {
        if (confluentAvro && registry.isEmpty()) {
            throw new IllegalArgumentException(PROPERTY + " lists " + CONFLUENT_AVRO + " but " + RegistrySettings.URL
                    + " is not set; give the registry's URL");
        }
    }

    /** @param registry the client of {@code schema.registry.url}, when it is set */
    public static InputFormats parse(String formats, Optional<SchemaRegistryClient> registry) {
        String text = formats == null ? AVRO : formats;
        Set<String> given = Set.of(text.trim().toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
        if (given.isEmpty() || !Set.of(AVRO, CONFLUENT_AVRO, JSON).containsAll(given)) {
            throw new IllegalArgumentException(PROPERTY + " '" + formats + "' is not a list of " + AVRO + ", " + CONFLUENT_AVRO
                    + " and " + JSON + ", e.g. avro,confluent-avro");
        }
        boolean confluent = given.contains(CONFLUENT_AVRO);
        return new InputFormats(given.contains(AVRO), confluent, given.contains(JSON),
                confluent ? registry : Optional.empty());
    }

    @Override
    public String toString() {
        return String.join(",", java.util.stream.Stream.of(avro ? AVRO : null, confluentAvro ? CONFLUENT_AVRO : null,
                json ? JSON : null).filter(java.util.Objects::nonNull).toList());
    }
}
