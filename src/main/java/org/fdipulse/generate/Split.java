package org.fdipulse.generate;

import java.util.Random;

/** Splits an integer total into random positive parts that add up to it exactly. */
final class Split {

    private Split() {
    }

    static long[] positiveParts(long total, int count, Random random) {
        if (total < count) {
            throw new IllegalArgumentException("cannot split " + total + " into " + count + " positive parts");
        }
        double[] weights = new double[count];
        double sum = 0;
        for (int i = 0; i < count; i++) {
            weights[i] = 0.2 + random.nextDouble() * random.nextDouble() * 5; // a few large, many small
            sum += weights[i];
        }
        long[] parts = new long[count];
        long assigned = 0;
        for (int i = 0; i < count - 1; i++) {
            parts[i] = Math.max(1, (long) Math.floor((total - count) * (weights[i] / sum)) + 1);
            assigned += parts[i];
        }
        parts[count - 1] = total - assigned;
        return parts;
    }
}
