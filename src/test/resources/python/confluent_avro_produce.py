#!/usr/bin/python3
"""Produce JSON lines as Confluent-framed Avro values, the schema registered in a Confluent-API schema registry.

A non-Java producer for the integration tests, made of Confluent's own Python client as Debian packages it
(python3-confluent-kafka 1.7, python3-avro, python3-requests): run it with Debian's /usr/bin/python3, the only Python
those packages install for.

    confluent_avro_produce.py --bootstrap B --registry URL --topic T --schema FILE.avsc --input FILE.jsonl
                              [--key-field eventId]

Registers the schema under the subject T-value (POST URL/subjects/T-value/versions), then sends each line of the
input as one record: key = the line's KEY-FIELD as a UTF-8 string, value = magic byte 0, the schema id (4 bytes, big
endian), the record in Avro binary. It uses the client's older serializer (confluent_kafka.avro: its
CachedSchemaRegistryClient and MessageSerializer), which writes with python3-avro: the newer
confluent_kafka.schema_registry.avro.AvroSerializer imports fastavro, which Debian does not package.

The JSON lines are those the job's `generate` command writes and its `ingest` command reads (JsonToAvro): decimals as
strings (or JSON numbers), instants as ISO-8601 strings with Z or an offset, a missing or null field with a default
takes it. The conversion follows the schema's logical types:
  decimal (bytes, scale s)  -> decimal.Decimal quantized to exactly s decimals; more decimals than s, or more integer
                               digits than precision - s, is an error naming the field. (python3-avro 1.11 writes
                               the digits of a Decimal whatever its exponent, so Decimal("1.5") at scale 2 would be
                               read back as 0.15: quantizing first is what makes it right.)
  timestamp-millis (long)   -> an aware datetime.datetime (datetime.fromisoformat; a string without an offset is an
                               error, as for the job); python3-avro writes its milliseconds since the epoch, floored.
Records go with librdkafka's murmur2_random partitioner, the Java client's default, so a key lands in the partition a
Java producer would choose (librdkafka's own default, consistent_random, usually picks another).

Exit 0 when every record was acknowledged (acks=all, idempotent); 1 on a bad line, a registry error or a failed
delivery, with the reason on standard error.
"""
import argparse
import datetime
import decimal
import json
import sys
import time

import avro.schema
import requests
from confluent_kafka import Producer
from confluent_kafka.avro import CachedSchemaRegistryClient, ClientError, MessageSerializer


class BadLine(Exception):
    pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bootstrap", required=True, help="Kafka bootstrap servers, host:port[,host:port]")
    parser.add_argument("--registry", required=True, help="the registry's Confluent-API base URL")
    parser.add_argument("--topic", required=True)
    parser.add_argument("--schema", required=True, help="an .avsc file holding one record schema")
    parser.add_argument("--input", required=True, help="a JSON-lines file, one record per line")
    parser.add_argument("--key-field", default="eventId", help="the field whose value is the record's key")
    args = parser.parse_args()

    with open(args.schema, encoding="utf-8") as f:
        schema = avro.schema.parse(f.read())
    if schema.type != "record":
        return fail("%s: not a record schema" % args.schema)

    records = []
    with open(args.input, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                parsed = json.loads(line, parse_float=decimal.Decimal)
                if not isinstance(parsed, dict):
                    raise BadLine("not a JSON object")
                key = parsed.get(args.key_field)
                records.append((None if key is None else str(key).encode("utf-8"), to_record(schema, parsed)))
            except (ValueError, BadLine) as e:
                return fail("%s line %d: %s" % (args.input, number, e))

    registry = CachedSchemaRegistryClient({"url": args.registry})
    subject = args.topic + "-value"
    try:
        schema_id = register(registry, subject, schema)
    except (ClientError, requests.RequestException) as e:
        return fail("could not register the schema under %s at %s: %s" % (subject, args.registry, e))
    serializer = MessageSerializer(registry)

    producer = Producer({"bootstrap.servers": args.bootstrap, "acks": "all", "enable.idempotence": True,
                         "partitioner": "murmur2_random", "linger.ms": 5})
    failures = []

    def delivered(error, message):
        if error is not None:
            failures.append("%s: %s" % (message.key(), error))

    for key, record in records:
        value = serializer.encode_record_with_schema(args.topic, schema, record)
        while True:
            try:
                producer.produce(args.topic, key=key, value=value, on_delivery=delivered)
                break
            except BufferError:  # the local queue is full: let deliveries drain it
                producer.poll(0.5)
        producer.poll(0)
    left = producer.flush(120)
    if left:
        failures.append("%d records not acknowledged within 120 s" % left)
    if failures:
        return fail("delivery failed: " + "; ".join(failures[:5]))
    print("registered schema id %d under %s; produced %d records to %s" % (schema_id, subject, len(records), args.topic),
          file=sys.stderr)
    return 0


def register(registry, subject, schema):
    """Registers (or finds) the schema; retries, since Apicurio may answer 500 or 409 to concurrent registrations."""
    for attempt in range(1, 7):
        try:
            return registry.register(subject, schema)
        except (ClientError, requests.ConnectionError) as e:
            if attempt == 6:
                raise
            print("registering under %s failed (%s); retrying" % (subject, e), file=sys.stderr)
            time.sleep(0.25 * 2 ** attempt)


def to_record(schema, obj):
    """A JSON object as the dict python3-avro writes for a record schema, field by field."""
    record = {}
    for field in schema.fields:
        value = obj.get(field.name)
        if value is None:
            if field.has_default:
                record[field.name] = default_of(field)
                continue
            if field.name not in obj:
                raise BadLine("field '%s' is required" % field.name)
        record[field.name] = convert(field.name, field.type, value)
    return record


def default_of(field):
    """A field's default, in the form the writer takes (JSON's, with the logical types converted)."""
    if field.default is None:
        return None
    branch = field.type.schemas[0] if isinstance(field.type, avro.schema.UnionSchema) else field.type
    return convert(field.name, branch, field.default)


def convert(name, schema, value):
    if isinstance(schema, avro.schema.UnionSchema):
        if value is None:
            if any(branch.type == "null" for branch in schema.schemas):
                return None
            raise BadLine("field '%s' may not be null" % name)
        for branch in schema.schemas:
            if branch.type != "null":
                return convert(name, branch, value)
    logical = getattr(schema, "logical_type", None)
    if logical == "decimal":
        return to_decimal(name, value, schema.get_prop("precision"), schema.get_prop("scale") or 0)
    if logical == "timestamp-millis":
        return to_instant(name, value)
    kind = schema.type
    if kind == "string":
        if not isinstance(value, str):
            raise BadLine("field '%s' must be a string, not %s" % (name, json.dumps(value, default=str)))
        return value
    if kind in ("int", "long"):
        if isinstance(value, bool) or not isinstance(value, int):
            raise BadLine("field '%s' must be an integer, not %s" % (name, json.dumps(value, default=str)))
        bits = 31 if kind == "int" else 63
        if not -(1 << bits) <= value < (1 << bits):
            raise BadLine("field '%s': %d does not fit a %d-bit integer" % (name, value, bits + 1))
        return value
    if kind == "boolean":
        if not isinstance(value, bool):
            raise BadLine("field '%s' must be true or false, not %s" % (name, json.dumps(value, default=str)))
        return value
    if kind == "enum":
        if value not in schema.symbols:
            raise BadLine("field '%s' must be one of %s, not %s" % (name, schema.symbols, json.dumps(value, default=str)))
        return value
    raise BadLine("field '%s': schema type %s is not supported by this producer" % (name, kind))


def to_decimal(name, value, precision, scale):
    if isinstance(value, str):
        try:
            number = decimal.Decimal(value.strip())
        except decimal.InvalidOperation:
            raise BadLine("field '%s': '%s' is not a decimal number" % (name, value))
    elif isinstance(value, (int, decimal.Decimal)) and not isinstance(value, bool):
        number = decimal.Decimal(value)
    else:
        raise BadLine("field '%s' must be a decimal number or a string holding one" % name)
    if not number.is_finite():
        raise BadLine("field '%s': '%s' is not a decimal number" % (name, value))
    # integer digits counted before any rescaling: 1e999999999 would otherwise be expanded to a billion digits
    integer_digits = 0 if number.is_zero() else max(0, number.adjusted() + 1)
    if precision is not None and integer_digits > precision - scale:
        raise BadLine("field '%s': %s has more than %d digits before the decimal point" % (name, value, precision - scale))
    with decimal.localcontext() as context:
        context.prec = (precision or 38) + 2
        scaled = number.quantize(decimal.Decimal(1).scaleb(-scale))
        if scaled != number:
            raise BadLine("field '%s': %s has more than %d decimals" % (name, value, scale))
    return scaled


def to_instant(name, value):
    if not isinstance(value, str):
        raise BadLine("field '%s' must be an ISO-8601 instant string" % name)
    try:
        instant = datetime.datetime.fromisoformat(value.strip())
    except ValueError:
        instant = None
    if instant is None or instant.tzinfo is None:
        raise BadLine("field '%s': '%s' is not an ISO-8601 instant with Z or an offset, e.g. 2025-03-31T16:30:00Z"
                      % (name, value))
    return instant


def fail(message):
    print(message, file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
