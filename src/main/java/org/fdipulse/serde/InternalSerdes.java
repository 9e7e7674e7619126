package org.fdipulse.serde;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.fdipulse.model.AcceptedInvestment;
import org.fdipulse.model.CapitalMixTotals;
import org.fdipulse.model.LocalSum;
import org.fdipulse.model.PartialSum;
import org.fdipulse.model.MeasureDelta;
import org.fdipulse.model.MeasureState;
import org.fdipulse.model.QuarterDelta;
import org.fdipulse.model.QuarterTotals;
import org.fdipulse.model.SectorTotal;
import org.fdipulse.model.SourceMixTotals;
import org.fdipulse.model.SourceSum;

/**
 * Compact binary serdes for the job's internal records (repartition topics, state stores, changelogs): a format
 * byte, then the fields in order; decimals as unscaled bytes and scale, so every amount keeps its exact value and
 * scale. They replaced JSON, which the benchmark's profile showed as the largest serde cost; the JSON was only ever
 * written by versions before the scope rollups, whose state an upgrade resets (README, "Upgrading"), so it is not read.
 */
public final class InternalSerdes {

    /**
     * The layout of the job's internal state: 2 since v2 added the kind of capital (R8) to investments and partial sums;
     * 3 since the partial sums travel as one record per scope and quarter ({@link QuarterDelta}), the sector cells are
     * keyed {@code city|quarter|sector} and the four progress stores became one (one change, 5 December 2026); 4 since v3
     * added the source economy and its groups to investments and the source sums to each {@link QuarterDelta} (R11); 5
     * since a ledger task keeps one {@link LocalSum} per cell, kind of capital and source instead of a partial sum and
     * a source sum in two stores (issue 24, one store write per counted change). Each
     * change needs a reset (README, "Upgrading"): state and repartition records of an older layout are refused here,
     * at their first read, rather than read under keys that mean something else now.
     */
    private static final byte FORMAT = 5;

    private static final Codec<AcceptedInvestment> INVESTMENT_FIELDS = new Codec<>() {
        public void write(DataOutput out, AcceptedInvestment v) throws IOException {
            writeString(out, v.eventId());
            out.writeInt(v.revision());
            writeString(out, v.city());
            writeString(out, v.sector());
            writeString(out, v.quarter());
            writeDecimal(out, v.amount());
            out.writeBoolean(v.withdrawn());
            writeString(out, v.investorType());
            out.writeBoolean(v.green());
            writeString(out, v.sourceEconomy());
            writeStrings(out, v.sourceGroups());
        }

        public AcceptedInvestment read(DataInput in) throws IOException {
            return new AcceptedInvestment(readString(in), in.readInt(), readString(in), readString(in), readString(in),
                    readDecimal(in), in.readBoolean(), readString(in), in.readBoolean(), readString(in), readStrings(in));
        }
    };
    public static final Serde<AcceptedInvestment> ACCEPTED_INVESTMENT = serde(AcceptedInvestment.class, INVESTMENT_FIELDS);

    private static final Codec<MeasureState> MEASURE_FIELDS = new Codec<>() {
        public void write(DataOutput out, MeasureState v) throws IOException {
            writeString(out, v.updateId());
            writeString(out, v.measureId());
            writeString(out, v.city());
            writeString(out, v.focusArea());
            writeString(out, v.status());
            out.writeLong(v.occurredAtMillis());
        }

        public MeasureState read(DataInput in) throws IOException {
            return new MeasureState(readString(in), readString(in), readString(in), readString(in), readString(in), in.readLong());
        }
    };
    public static final Serde<MeasureState> MEASURE_STATE = serde(MeasureState.class, MEASURE_FIELDS);

    public static final Serde<MeasureDelta> MEASURE_DELTA = serde(MeasureDelta.class, new Codec<>() {
        public void write(DataOutput out, MeasureDelta v) throws IOException {
            out.writeBoolean(v.retracted());
            MEASURE_FIELDS.write(out, v.measure());
        }

        public MeasureDelta read(DataInput in) throws IOException {
            boolean retracted = in.readBoolean();
            return new MeasureDelta(MEASURE_FIELDS.read(in), retracted);
        }
    });

    private static final Codec<PartialSum> PARTIAL_SUM_FIELDS = new Codec<>() {
        public void write(DataOutput out, PartialSum v) throws IOException {
            writeString(out, v.sector());
            writeString(out, v.quarter());
            writeString(out, v.investorType());
            out.writeBoolean(v.green());
            writeDecimal(out, v.amount());
            out.writeInt(v.investments());
            out.writeLong(v.newestInput());
        }

        public PartialSum read(DataInput in) throws IOException {
            return new PartialSum(readString(in), readString(in), readString(in), in.readBoolean(), readDecimal(in),
                    in.readInt(), in.readLong());
        }
    };

    private static final Codec<SourceSum> SOURCE_SUM_FIELDS = new Codec<>() {
        public void write(DataOutput out, SourceSum v) throws IOException {
            writeString(out, v.quarter());
            writeString(out, v.economy());
            writeStrings(out, v.groups());
            writeDecimal(out, v.amount());
            out.writeLong(v.newestInput());
        }

        public SourceSum read(DataInput in) throws IOException {
            return new SourceSum(readString(in), readString(in), readStrings(in), readDecimal(in), in.readLong());
        }
    };

    /** A ledger task's unsent sum of one cell, kind of capital and source ({@code topology/LocalScopeSums}). */
    public static final Serde<LocalSum> LOCAL_SUM = serde(LocalSum.class, new Codec<>() {
        public void write(DataOutput out, LocalSum v) throws IOException {
            writeString(out, v.sector());
            writeString(out, v.quarter());
            writeString(out, v.investorType());
            out.writeBoolean(v.green());
            writeString(out, v.economy());
            writeStrings(out, v.groups());
            writeDecimal(out, v.amount());
            out.writeInt(v.investments());
            out.writeLong(v.newestInput());
        }

        public LocalSum read(DataInput in) throws IOException {
            return new LocalSum(readString(in), readString(in), readString(in), in.readBoolean(), readString(in),
                    readStrings(in), readDecimal(in), in.readInt(), in.readLong());
        }
    });

    public static final Serde<QuarterDelta> QUARTER_DELTA = serde(QuarterDelta.class, new Codec<>() {
        public void write(DataOutput out, QuarterDelta v) throws IOException {
            writeString(out, v.quarter());
            writeList(out, v.sums(), PARTIAL_SUM_FIELDS);
            writeList(out, v.sources(), SOURCE_SUM_FIELDS);
        }

        public QuarterDelta read(DataInput in) throws IOException {
            return new QuarterDelta(readString(in), readList(in, PARTIAL_SUM_FIELDS), readList(in, SOURCE_SUM_FIELDS));
        }
    });

    /** An exact amount with its scale: a city's services in a quarter, in the programme-impact panel (R10). */
    public static final Serde<BigDecimal> AMOUNT = serde(BigDecimal.class, new Codec<>() {
        public void write(DataOutput out, BigDecimal v) throws IOException {
            writeDecimal(out, v);
        }

        public BigDecimal read(DataInput in) throws IOException {
            return readDecimal(in);
        }
    });

    public static final Serde<SectorTotal> SECTOR_TOTAL = serde(SectorTotal.class, new Codec<>() {
        public void write(DataOutput out, SectorTotal v) throws IOException {
            writeDecimal(out, v.amount());
            out.writeInt(v.investments());
        }

        public SectorTotal read(DataInput in) throws IOException {
            return new SectorTotal(readDecimal(in), in.readInt());
        }
    });

    public static final Serde<QuarterTotals> QUARTER_TOTALS = serde(QuarterTotals.class, new Codec<>() {
        public void write(DataOutput out, QuarterTotals v) throws IOException {
            writeDecimal(out, v.services());
            writeDecimal(out, v.total());
        }

        public QuarterTotals read(DataInput in) throws IOException {
            return new QuarterTotals(readDecimal(in), readDecimal(in));
        }
    });

    public static final Serde<CapitalMixTotals> CAPITAL_MIX_TOTALS = serde(CapitalMixTotals.class, new Codec<>() {
        public void write(DataOutput out, CapitalMixTotals v) throws IOException {
            writeAmounts(out, v.byInvestorType());
            writeDecimal(out, v.green());
            writeDecimal(out, v.targetedGreen());
        }

        public CapitalMixTotals read(DataInput in) throws IOException {
            return new CapitalMixTotals(readAmounts(in), readDecimal(in), readDecimal(in));
        }
    });

    public static final Serde<SourceMixTotals> SOURCE_MIX_TOTALS = serde(SourceMixTotals.class, new Codec<>() {
        public void write(DataOutput out, SourceMixTotals v) throws IOException {
            writeAmounts(out, v.byEconomy());
            writeAmounts(out, v.byGroup());
        }

        public SourceMixTotals read(DataInput in) throws IOException {
            return new SourceMixTotals(readAmounts(in), readAmounts(in));
        }
    });

    private InternalSerdes() {
    }

    private static <T> void writeList(DataOutput out, List<T> values, Codec<T> codec) throws IOException {
        out.writeInt(values.size());
        for (T value : values) {
            codec.write(out, value);
        }
    }

    /** A count, then that many values; a negative count (corrupt bytes) is refused before anything is allocated. */
    private static <T> List<T> readList(DataInput in, Codec<T> codec) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative count " + n);
        }
        List<T> values = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            values.add(codec.read(in));
        }
        return values;
    }

    private static final Codec<String> STRING = new Codec<>() {
        public void write(DataOutput out, String value) throws IOException {
            writeString(out, value);
        }

        public String read(DataInput in) throws IOException {
            return readString(in);
        }
    };

    private static void writeStrings(DataOutput out, List<String> values) throws IOException {
        writeList(out, values, STRING);
    }

    private static List<String> readStrings(DataInput in) throws IOException {
        return readList(in, STRING);
    }

    private static void writeAmounts(DataOutput out, Map<String, BigDecimal> amounts) throws IOException {
        out.writeInt(amounts.size());
        for (var amount : new TreeMap<>(amounts).entrySet()) {
            writeString(out, amount.getKey());
            writeDecimal(out, amount.getValue());
        }
    }

    private static Map<String, BigDecimal> readAmounts(DataInput in) throws IOException {
        Map<String, BigDecimal> amounts = new TreeMap<>();
        for (int n = in.readInt(); n > 0; n--) {
            amounts.put(readString(in), readDecimal(in));
        }
        return amounts;
    }

    interface Codec<T> {
        void write(DataOutput out, T value) throws IOException;

        T read(DataInput in) throws IOException;
    }

    private record BinarySerde<T>(Class<T> type, Codec<T> codec) implements Serde<T> {

        @Override
        public Serializer<T> serializer() {
            return (topic, value) -> {
                if (value == null) {
                    return null;
                }
                try {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
                    DataOutputStream out = new DataOutputStream(bytes);
                    out.writeByte(FORMAT);
                    codec.write(out, value);
                    return bytes.toByteArray();
                } catch (IOException e) {
                    throw new SerializationException("cannot write " + type.getSimpleName(), e);
                }
            };
        }

        @Override
        public Deserializer<T> deserializer() {
            return (topic, bytes) -> {
                if (bytes == null) {
                    return null;
                }
                try {
                    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
                    byte format = in.readByte();
                    if (format != FORMAT) {
                        throw new SerializationException("unknown format " + format + " of " + type.getSimpleName()
                                + ": state written by another version of fdi-pulse? Reset the application as the README's"
                                + " upgrade note says");
                    }
                    return codec.read(in);
                } catch (IOException e) {
                    throw new SerializationException("cannot read " + type.getSimpleName(), e);
                }
            };
        }
    }

    private static <T> Serde<T> serde(Class<T> type, Codec<T> codec) {
        return new BinarySerde<>(type, codec);
    }

    /** Length and UTF-8 bytes: ids may be as long as Avro lets a field be (1 MiB), past writeUTF's 64 KB. */
    private static void writeString(DataOutput out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInput in) throws IOException {
        byte[] utf8 = new byte[in.readInt()];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static void writeDecimal(DataOutput out, BigDecimal value) throws IOException {
        byte[] unscaled = value.unscaledValue().toByteArray();
        out.writeByte(value.scale());
        out.writeByte(unscaled.length);
        out.write(unscaled);
    }

    private static BigDecimal readDecimal(DataInput in) throws IOException {
        int scale = in.readByte();
        byte[] unscaled = new byte[in.readUnsignedByte()];
        in.readFully(unscaled);
        return new BigDecimal(new BigInteger(unscaled), scale);
    }
}
