package dev.syncer.engine.resp;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/** Number text as Redis writes and reads it, so replies and digests match a real server. */
public final class Doubles {

    private Doubles() {
    }

    /**
     * Formats like Redis's {@code addReplyDouble}/{@code ld2string} in human mode: "%.17g" trimmed,
     * integers without a fraction, "inf"/"-inf".
     */
    public static String format(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e17) {
            return Long.toString((long) value);
        }
        String g = String.format("%.17g", value);
        if (g.contains("e")) {
            String[] parts = g.split("e");
            return stripZeros(parts[0]) + "e" + parts[1];
        }
        return stripZeros(g);
    }

    /** INCRBYFLOAT's output: like {@code %.17Lf} with trailing zeros removed (long double in Redis). */
    public static String formatHuman(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String plain = new BigDecimal(value).round(new java.math.MathContext(17)).stripTrailingZeros().toPlainString();
        return plain.equals("-0") ? "0" : plain;
    }

    private static String stripZeros(String s) {
        if (!s.contains(".")) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }

    /** Parses a Redis float argument ("1.5", "-inf", "+inf"); NaN or junk gives null. */
    public static Double parse(byte[] text) {
        String s = new String(text, StandardCharsets.US_ASCII);
        if (s.isEmpty() || Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))) {
            return null;
        }
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        try {
            double d = Double.parseDouble(s);
            if (Double.isNaN(d) || s.endsWith("d") || s.endsWith("D") || s.endsWith("f") || s.endsWith("F")) {
                return null;
            }
            return d;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
