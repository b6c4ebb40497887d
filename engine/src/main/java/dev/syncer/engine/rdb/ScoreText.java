package dev.syncer.engine.rdb;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Sorted-set scores as text, the way Redis writes them into listpacks (d2string: integral values
 * within ±2^62 as integers, otherwise C's "%.17g") and reads them back (strtod).
 */
final class ScoreText {

    private static final double INTEGRAL_LIMIT = 4611686018427387904.0; // (double) (LLONG_MAX / 2)
    private static final MathContext SEVENTEEN = new MathContext(17, RoundingMode.HALF_EVEN);

    private ScoreText() {
    }

    /** Redis's d2string. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v < 0 ? "-inf" : "inf";
        }
        if (v == 0) {
            return 1.0 / v < 0 ? "-0" : "0";
        }
        if (v >= -INTEGRAL_LIMIT && v <= INTEGRAL_LIMIT && v == (double) (long) v) {
            return Long.toString((long) v);
        }
        return g17(v);
    }

    /** C's printf("%.17g"): 17 significant digits, exponent form outside [1e-4, 1e17), zeros trimmed. */
    static String g17(double v) {
        BigDecimal d = new BigDecimal(v).round(SEVENTEEN);
        String digits = d.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - d.scale();
        digits = stripTrailingZeros(digits);
        StringBuilder out = new StringBuilder(32);
        if (v < 0) {
            out.append('-');
        }
        if (exponent < -4 || exponent >= 17) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            int e = Math.abs(exponent);
            if (e < 10) {
                out.append('0');
            }
            out.append(e);
        } else if (exponent >= 0) {
            if (digits.length() <= exponent + 1) {
                out.append(digits).append("0".repeat(exponent + 1 - digits.length()));
            } else {
                out.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
            }
        } else {
            out.append("0.").append("0".repeat(-exponent - 1)).append(digits);
        }
        return out.toString();
    }

    private static String stripTrailingZeros(String digits) {
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return digits.substring(0, end);
    }

    /** strtod over the whole text (as zzlStrtod / rdbLoadDoubleValue use it), or null if not a number. */
    static Double parse(byte[] text) {
        if (text.length == 0 || text.length > 128) {
            return null;
        }
        String s = new String(text, StandardCharsets.US_ASCII).trim();
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        String unsigned = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        for (int i = 0; i < unsigned.length(); i++) {
            char c = unsigned.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == '-' || c == '+')) {
                return null; // Java would also take "1d", "0x1p3", "Infinity"
            }
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
