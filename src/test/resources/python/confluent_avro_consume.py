#!/usr/bin/python3
"""Read a topic of Confluent-framed Avro values and print each record as one JSON line.

A non-Java consumer for the integration tests, made of Confluent's own Python client as Debian packages it
(python3-confluent-kafka 1.7, python3-avro, python3-requests): run it with Debian's /usr/bin/python3, the only Python
those packages install for.

    confluent_avro_consume.py --bootstrap B --registry URL --topic T [--idle-exit SECONDS]

Reads every partition of the topic from the beginning (no consumer group: the partitions are assigned, nothing is
committed) with isolation.level=read_committed, so records of aborted or still-open transactions are never printed.
Each value must be magic byte 0, a schema id (4 bytes, big endian), Avro binary: the writer schema is fetched by its
id from the registry (GET URL/schemas/ids/{id}, once per id) by the client's older deserializer
(confluent_kafka.avro's MessageSerializer on python3-avro; the newer AvroDeserializer needs fastavro, which Debian does
not package). Prints, per record in the order of each partition:

    {"key": "<key as UTF-8, or null>", "value": {...the record's fields in schema order...} or null}

Decimals print as strings with exactly the schema's scale ("125653.47"); timestamp-millis fields as ISO-8601 UTC
strings the way Java's Instant.toString writes them ("2025-09-16T14:57:08Z", "2025-09-16T14:57:08.120Z"), which is how
the job's `generate` writes its JSON lines; enums as their symbol. Exits 0 once no new record has arrived for
--idle-exit seconds (default 5); 1 if the topic does not exist, a value cannot be decoded or its schema fetched.
"""
import argparse
import base64
import datetime
import decimal
import json
import sys
import time

from confluent_kafka import OFFSET_BEGINNING, Consumer, KafkaError, TopicPartition
from confluent_kafka.avro import CachedSchemaRegistryClient, MessageSerializer
from confluent_kafka.avro.serializer import SerializerError


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bootstrap", required=True, help="Kafka bootstrap servers, host:port[,host:port]")
    parser.add_argument("--registry", required=True, help="the registry's Confluent-API base URL")
    parser.add_argument("--topic", required=True)
    parser.add_argument("--idle-exit", type=float, default=5.0, help="seconds without a new record before exiting")
    parser.add_argument("--contract-json", action="store_true",
                        help="decimals as the contract's JSON writes them: amounts (scale 2) as strings, ratios as numbers")
    args = parser.parse_args()

    consumer = Consumer({"bootstrap.servers": args.bootstrap, "group.id": "confluent-avro-consume",
                         "enable.auto.commit": False, "isolation.level": "read_committed"})
    try:
        metadata = consumer.list_topics(args.topic, timeout=30).topics.get(args.topic)
        if metadata is None or metadata.error is not None:
            print("topic %s does not exist: %s" % (args.topic, metadata.error if metadata else "no metadata"),
                  file=sys.stderr)
            return 1
        consumer.assign([TopicPartition(args.topic, p, OFFSET_BEGINNING) for p in sorted(metadata.partitions)])
        serializer = MessageSerializer(CachedSchemaRegistryClient({"url": args.registry}))
        last_record = time.monotonic()
        while time.monotonic() - last_record < args.idle_exit:
            message = consumer.poll(0.2)
            if message is None:
                continue
            if message.error() is not None:
                if message.error().code() == KafkaError._PARTITION_EOF:
                    continue
                print("consume error: %s" % message.error(), file=sys.stderr)
                return 1
            last_record = time.monotonic()
            try:
                value = serializer.decode_message(message.value())
            except SerializerError as e:
                print("partition %d offset %d: %s" % (message.partition(), message.offset(), e), file=sys.stderr)
                return 1
            key = message.key()
            print(json.dumps({"key": None if key is None else key.decode("utf-8", errors="replace"),
                              "value": plain(value, args.contract_json)}, ensure_ascii=False, separators=(",", ":")),
                  flush=True)
        return 0
    finally:
        consumer.close()


def plain(datum, contract_json=False):
    """What python3-avro read, as JSON values: decimals and instants as strings, as the job writes them.

    With contract_json, a decimal of scale 2 (an amount) stays a string and any other (a ratio, scale 4) becomes a JSON
    number, as the contract's JSON shapes have them: the shortest float text of a 4-decimal value is that value.
    """
    if isinstance(datum, dict):
        return {name: plain(v, contract_json) for name, v in datum.items()}
    if isinstance(datum, list):
        return [plain(v, contract_json) for v in datum]
    if isinstance(datum, decimal.Decimal):
        if contract_json and datum.as_tuple().exponent != -2:
            return float(datum)
        return format(datum, "f")  # the reader's Decimal has exactly the schema's scale; "f" never writes 1E-7
    if isinstance(datum, datetime.datetime):
        return instant_text(datum)
    if isinstance(datum, bytes):
        return base64.b64encode(datum).decode("ascii")
    return datum


def instant_text(moment):
    """As java.time.Instant.toString: UTC, Z, no fraction when whole seconds, else 3 or 6 digits."""
    utc = moment.astimezone(datetime.timezone.utc)
    text = "%04d-%02d-%02dT%02d:%02d:%02d" % (utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second)
    if utc.microsecond % 1000 == 0 and utc.microsecond:
        text += ".%03d" % (utc.microsecond // 1000)
    elif utc.microsecond:
        text += ".%06d" % utc.microsecond
    return text + "Z"


if __name__ == "__main__":
    sys.exit(main())
