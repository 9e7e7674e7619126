package org.fdipulse.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Reads one JSON object into an input record (contract section 4): field names are the Avro field names, decimals may
 * be strings or numbers, instants are ISO-8601 strings with {@code Z} or an offset. Rejects only what the schema
 * cannot hold, naming the field and the fix.
 */
public final class JsonToAvro {

    /** Why a line cannot become a record. */
    public enum Problem { BAD_JSON, MISSING_FIELD, WRONG_TYPE, BAD_NUMBER, NUMBER_OUT_OF_RANGE, BAD_INSTANT, TOO_MANY_DECIMALS }

    public static final class InvalidLineException extends Exception {
        private final Problem problem;

        InvalidLineException(Problem problem, String message) {
            super(message);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    static {
        AvroGuards.install();
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private JsonToAvro() {
    }

    public static <T extends SpecificRecordBase> T read(String json, Supplier<T> newRecord) throws InvalidLineException {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidLineException(Problem.BAD_JSON, "not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidLineException(Problem.BAD_JSON, "not a JSON object");
        }
        T record = newRecord.get();
        for (Schema.Field field : record.getSchema().getFields()) {
            JsonNode value = node.get(field.name());
            if (value == null || value.isNull()) {
                if (field.hasDefaultValue()) {
                    record.put(field.pos(), SpecificData.get().getDefaultValue(field));
                    continue;
                }
                if (value == null) {
                    throw new InvalidLineException(Problem.MISSING_FIELD, "field '" + field.name() + "' is required");
                }
            }
            record.put(field.pos(), convert(field.name(), field.schema(), value));
        }
        return record;
    }

    private static Object convert(String name, Schema schema, JsonNode value) throws InvalidLineException {
        if (schema.getType() == Schema.Type.UNION) {
            if (value.isNull()) {
                return null;
            }
            for (Schema branch : schema.getTypes()) {
                if (branch.getType() != Schema.Type.NULL) {
                    return convert(name, branch, value);
                }
            }
        }
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal decimal) {
            return decimal(name, value, decimal);
        }
        if (logical instanceof LogicalTypes.TimestampMillis) {
            return instant(name, value);
        }
        switch (schema.getType()) {
            case STRING -> {
                if (!value.isTextual()) {
                    throw wrongType(name, "a string", value);
                }
                return value.textValue();
            }
            case INT -> {
                if (!value.isIntegralNumber()) {
                    throw wrongType(name, "an integer", value);
                }
                if (!value.canConvertToInt()) {
                    throw new InvalidLineException(Problem.NUMBER_OUT_OF_RANGE, "field '" + name + "': " + value
                            + " does not fit a 32-bit integer");
                }
                return value.intValue();
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw wrongType(name, "true or false", value);
                }
                return value.booleanValue();
            }
            case ENUM -> {
                if (!value.isTextual() || !schema.hasEnumSymbol(value.textValue())) {
                    throw wrongType(name, "one of " + schema.getEnumSymbols(), value);
                }
                return SpecificData.get().createEnum(value.textValue(), schema);
            }
            default -> throw new IllegalStateException("schema type " + schema.getType() + " of field " + name
                    + " is not supported by the JSON reader");
        }
    }

    private static BigDecimal decimal(String name, JsonNode value, LogicalTypes.Decimal type) throws InvalidLineException {
        BigDecimal number;
        if (value.isNumber()) {
            number = value.decimalValue();
        } else if (value.isTextual()) {
            try {
                number = new BigDecimal(value.textValue().trim());
            } catch (NumberFormatException e) {
                throw new InvalidLineException(Problem.BAD_NUMBER, "field '" + name + "': '" + value.textValue()
                        + "' is not a decimal number");
            }
        } else {
            throw wrongType(name, "a decimal number or a string holding one", value);
        }
        int scale = type.getScale();
        // Integer digits are counted before any rescaling: 1e999999999 would otherwise be expanded to a billion digits.
        int integerDigits = number.signum() == 0 ? 0 : number.precision() - number.scale();
        if (integerDigits > type.getPrecision() - scale) {
            throw new InvalidLineException(Problem.NUMBER_OUT_OF_RANGE, "field '" + name + "': " + shortText(value)
                    + " has more than " + (type.getPrecision() - scale) + " digits before the decimal point, the most the "
                    + "schema holds (" + type.getPrecision() + " digits, " + scale + " of them decimals)");
        }
        if (number.stripTrailingZeros().scale() > scale) {
            throw new InvalidLineException(Problem.TOO_MANY_DECIMALS, "field '" + name + "': " + shortText(value)
                    + " has more than " + scale + " decimals");
        }
        return number.setScale(scale);
    }

    /** A number as the user wrote it, cut short: the message names it without repeating a megabyte of digits. */
    private static String shortText(JsonNode value) {
        String text = value.isTextual() ? value.textValue() : value.toString();
        return text.length() <= 60 ? text : text.substring(0, 57) + "…";
    }

    private static Instant instant(String name, JsonNode value) throws InvalidLineException {
        if (!value.isTextual()) {
            throw wrongType(name, "an ISO-8601 instant string", value);
        }
        try {
            return OffsetDateTime.parse(value.textValue().trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidLineException(Problem.BAD_INSTANT, "field '" + name + "': '" + value.textValue()
                    + "' is not an ISO-8601 instant with Z or an offset, e.g. 2025-03-31T16:30:00Z");
        }
    }

    private static InvalidLineException wrongType(String name, String expected, JsonNode value) {
        return new InvalidLineException(Problem.WRONG_TYPE, "field '" + name + "' must be " + expected + ", not " + value);
    }
}
