package org.fdipulse.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 document of every public route, written by hand in
 * {@code src/main/resources/openapi.json} and served as it is. {@code OpenApiDocumentTest} fails when a route is
 * declared and not documented or documented and not declared; {@code HttpApiIT} asks every documented path of a
 * running job, with the document's examples, and checks each answer against its schema.
 */
public final class OpenApiDocument {

    public static final String PATH = "/openapi.json";
    public static final String RESOURCE = "openapi.json";

    private OpenApiDocument() {
    }

    /** The document's bytes, from the classpath; fails at once when the jar lacks it. */
    public static byte[] bytes() {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no " + RESOURCE + " (src/main/resources)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
