package org.fdipulse.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;

/**
 * The older versions of a record schema that the project ships, as {@code schemas/history/<Name>-v<N>.avsc} in the
 * jar. Registering them lets a decoder resolve bytes written by an older producer into the current class.
 */
public final class SchemaHistory {

    private SchemaHistory() {
    }

    /** v1, v2, … of the named record, in order, up to the first version not shipped. */
    public static List<Schema> olderVersions(String recordName) {
        List<Schema> versions = new ArrayList<>();
        for (int v = 1; ; v++) {
            String resource = "schemas/history/" + recordName + "-v" + v + ".avsc";
            try (InputStream in = SchemaHistory.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
    }

    public static SchemaStore.Cache storeOf(String recordName) {
        SchemaStore.Cache store = new SchemaStore.Cache();
        olderVersions(recordName).forEach(store::addSchema);
        return store;
    }
}
