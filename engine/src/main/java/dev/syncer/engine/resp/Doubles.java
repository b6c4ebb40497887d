package dev.syncer.engine.resp;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/** Number text as Redis writes and reads it, so replies and digests match a real server. */
public final class Doubles {

    private static final MathContext SEVENTEEN_DIGITS = new MathContext(17, RoundingMode.HALF_EVEN);

    private Doubles() {
    }

    /**
     * Formats exactly as C's {@code "%.17g"}, which Redis 7.0's {@code addReplyDouble} and the
     * DEBUG DIGEST of sorted-set scores use: 17 significant digits of the exact binary value
     * (so 0.1 is "0.10000000000000001"), trailing zeros dropped, exponent form below 1e-4 and
     * from 1e17 on ("1e+17"), "inf"/"-inf", and "-0" for negative zero.
     */
    public static String format(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e17) {
            return Long.toString((long) value); // at most 17 digits: printed exactly by %.17g too
        }
        BigDecimal rounded = new BigDecimal(value).round(SEVENTEEN_DIGITS);
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 17) {
            String digits = stripTrailingZeros(rounded.unscaledValue().abs().toString());
            StringBuilder s = new StringBuilder(24);
            if (rounded.signum() < 0) {
                s.append('-');
            }
            s.append(digits.charAt(0));
            if (digits.length() > 1) {
                s.append('.').append(digits, 1, digits.length());
            }
            s.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                s.append('0');
            }
            return s.append(abs).toString();
        }
        return rounded.stripTrailingZeros().toPlainString();
    }

    private static String stripTrailingZeros(String digits) {
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return digits.substring(0, end);
    }

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern HEX =
            Pattern.compile("[+-]?0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)([pP][+-]?\\d+)?");

    /**
     * C's {@code strtod} applied to the whole text (as Redis's zslParseRange uses it): leading
     * blanks skipped, decimal or hex, "inf"/"infinity" with an optional sign, overflow giving
     * infinity; empty text is 0. Null when anything but a number is left, or for NaN.
     */
    public static Double strtod(byte[] text) {
        double plain = plainInteger(text);
        if (plain == plain) {
            return plain;
        }
        String s = new String(text, StandardCharsets.ISO_8859_1);
        int i = 0;
        while (i < s.length() && isCSpace(s.charAt(i))) {
            i++;
        }
        s = s.substring(i);
        if (s.isEmpty()) {
            return 0.0;
        }
        switch (s.toLowerCase(Locale.ROOT)) {
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        if (DECIMAL.matcher(s).matches()) {
            return Double.parseDouble(s);
        }
        if (HEX.matcher(s).matches()) {
            return Double.parseDouble(s.indexOf('p') < 0 && s.indexOf('P') < 0 ? s + "p0" : s);
        }
        return null;
    }

    /**
     * A sign and at most 15 digits (every ZADD score redis-benchmark sends) as the exact double
     * strtod gives, without the general parse's strings; NaN for any other text.
     */
    private static double plainInteger(byte[] text) {
        int n = text.length;
        int i = n > 0 && (text[0] == '-' || text[0] == '+') ? 1 : 0;
        if (n == i || n - i > 15) {
            return Double.NaN;
        }
        long v = 0;
        for (int j = i; j < n; j++) {
            int d = text[j] - '0';
            if (d < 0 || d > 9) {
                return Double.NaN;
            }
            v = v * 10 + d;
        }
        return text[0] == '-' ? -(double) v : v; // "-0" is -0.0, as strtod's
    }

    private static boolean isCSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /**
     * Parses a float argument as Redis's {@code getDoubleFromObject} does: strtod over the whole
     * text, but no leading blank, no empty text, and no overflow to infinity or underflow to zero
     * (strtod's ERANGE). Null when not a valid float.
     */
    public static Double parse(byte[] text) {
        if (text.length == 0 || isCSpace((char) (text[0] & 0xff))) {
            return null;
        }
        double plain = plainInteger(text);
        if (plain == plain) {
            return plain; // finite, and zero only from zero digits
        }
        Double d = strtod(text);
        if (d == null) {
            return null;
        }
        String s = new String(text, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (Double.isInfinite(d) && !s.contains("inf")) {
            return null;
        }
        if (d == 0 && hasNonZeroDigit(s)) {
            return null;
        }
        return d;
    }

    private static boolean hasNonZeroDigit(String s) {
        boolean hex = s.contains("x");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 'p' || (!hex && c == 'e')) {
                return false;
            }
            if ((c >= '1' && c <= '9') || (hex && c >= 'a' && c <= 'f')) {
                return true;
            }
        }
        return false;
    }
}
