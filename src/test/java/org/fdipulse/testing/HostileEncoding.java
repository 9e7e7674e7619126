package org.fdipulse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Records as a hostile or careless producer can write them and Avro's own encoder refuses to: decimals of any number
 * of digits. Avro's single-object fingerprint ignores a decimal's precision (the Parsing Canonical Form drops it), so
 * these bytes carry the real schema's fingerprint and reach the job's decoder like any other record.
 */
public final class HostileEncoding {

    private HostileEncoding() {
    }

    /** The record, single-object encoded, with every decimal written as its unscaled bytes, unchecked. */
    public static byte[] encodeUnchecked(SpecificRecordBase record) {
        Schema schema = record.getSchema();
        GenericData data = new GenericData();
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        GenericData.Record copy = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            Object value = record.get(field.pos());
            if (value instanceof BigDecimal decimal) {
                value = ByteBuffer.wrap(decimal.unscaledValue().toByteArray());
            } else if (value instanceof Enum<?> symbol) {
                Schema enumSchema = field.schema().getType() == Schema.Type.UNION
                        ? field.schema().getTypes().stream().filter(s -> s.getType() == Schema.Type.ENUM).findFirst().orElseThrow()
                        : field.schema();
                value = new GenericData.EnumSymbol(enumSchema, symbol.name());
            }
            copy.put(field.pos(), value);
        }
        try {
            ByteBuffer buffer = new BinaryMessageEncoder<GenericData.Record>(data, schema).encode(copy);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
