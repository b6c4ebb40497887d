package dev.syncer.engine.command;

/**
 * The cardinality estimate of Redis 7.0's {@code hllCount}: Otmar Ertl's improved estimator
 * ("New cardinality estimation algorithms for HyperLogLog sketches", arXiv:1702.01284) over the
 * histogram of register values, in the same double arithmetic, so the numbers equal Redis's.
 */
final class HyperLogLogEstimator {

    private static final double ALPHA_INF = 0.721347520444481703680;

    private HyperLogLogEstimator() {
    }

    /** The histogram of raw registers (PFCOUNT of several keys). */
    static int[] histogram(int[] registers) {
        int[] histo = new int[64];
        for (int r : registers) {
            histo[r]++;
        }
        return histo;
    }

    /** Redis's hllCount estimate from a register histogram (Ertl, arXiv:1702.01284). */
    static long estimate(int[] histo) {
        double m = HyperLogLog.REGISTERS;
        double z = m * tau((m - histo[HyperLogLog.Q + 1]) / m);
        for (int j = HyperLogLog.Q; j >= 1; --j) {
            z += histo[j];
            z *= 0.5;
        }
        z += m * sigma(histo[0] / m);
        return Math.round(ALPHA_INF * m * m / z);
    }

    private static double sigma(double x) {
        if (x == 1.) {
            return Double.POSITIVE_INFINITY;
        }
        double zPrime;
        double y = 1;
        double z = x;
        do {
            x *= x;
            zPrime = z;
            z += x * y;
            y += y;
        } while (zPrime != z);
        return z;
    }

    private static double tau(double x) {
        if (x == 0. || x == 1.) {
            return 0.;
        }
        double zPrime;
        double y = 1.0;
        double z = 1 - x;
        do {
            x = Math.sqrt(x);
            zPrime = z;
            y *= 0.5;
            double d = 1 - x;
            z -= d * d * y; // pow(d, 2) is exactly d * d rounded once
        } while (zPrime != z);
        return z / 3;
    }
}
