package dev.syncer.engine.command;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The x86 80-bit {@code long double} arithmetic of INCRBYFLOAT and HINCRBYFLOAT, done exactly with
 * BigDecimal so results match a real Redis digit for digit: operands are read as {@code strtold}
 * reads them (rounded to a 64-bit significand), the sum is rounded the same way, and the result
 * is printed as Redis's {@code ld2string(..., LD_STR_HUMAN)}: {@code "%.17Lf"} without trailing
 * zeros. Plain doubles would answer 10.5 + 0.1 with "10.59999999999999964".
 */
public final class LongDouble {

    /** Redis's MAX_LONG_DOUBLE_CHARS: longer text is not a number to string2ld. */
    private static final int MAX_CHARS = 5 * 1024;
    private static final int SIGNIFICAND_BITS = 64;
    private static final int MAX_EXPONENT = 16383;
    private static final int MIN_EXPONENT = -16382;
    private static final BigInteger FIVE = BigInteger.valueOf(5);

    private LongDouble() {
    }

    /** The outcome of reading a number: finite value, or infinite (which no sum survives). */
    public record Value(BigDecimal finite) {
        public boolean isInfinite() {
            return finite == null;
        }
    }

    private static final Value INFINITE = new Value(null);

    /** Reads text as string2ld does; null when it is not a valid float (blanks, junk, NaN, overflow). */
    public static Value parse(byte[] text) {
        if (text.length == 0 || text.length >= MAX_CHARS) {
            return null;
        }
        String s = new String(text, StandardCharsets.ISO_8859_1);
        switch (s.toLowerCase(Locale.ROOT)) {
            case "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity":
                return INFINITE;
            default:
                break;
        }
        BigDecimal exact;
        try {
            exact = new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
        BigDecimal rounded = round(exact);
        return rounded == null ? null : new Value(rounded);
    }

    /** a + b rounded to long double; null when the sum overflows (Redis: "would produce NaN or Infinity"). */
    public static BigDecimal add(BigDecimal a, BigDecimal b) {
        return round(a.add(b));
    }

    /** "%.17Lf" with trailing zeros (and a lone trailing dot) removed, "-0" printed as "0". */
    public static String format(BigDecimal value) {
        String s = value.setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        s = s.substring(0, end);
        return s.equals("-0") ? "0" : s;
    }

    /**
     * x rounded to the nearest long double (64-bit significand, ties to even), exactly; null on
     * overflow or underflow to zero, which strtold reports as ERANGE.
     */
    static BigDecimal round(BigDecimal x) {
        if (x.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal a = x.abs();
        BigInteger num = a.scale() > 0 ? a.unscaledValue() : a.unscaledValue().multiply(BigInteger.TEN.pow(-a.scale()));
        BigInteger den = a.scale() > 0 ? BigInteger.TEN.pow(a.scale()) : BigInteger.ONE;
        // Find k with 2^63 <= a / 2^k < 2^64, then round a / 2^k to an integer significand.
        int k = num.bitLength() - den.bitLength() - SIGNIFICAND_BITS;
        BigInteger q;
        BigInteger rem;
        BigInteger divisor;
        while (true) {
            BigInteger n = k < 0 ? num.shiftLeft(-k) : num;
            divisor = k > 0 ? den.shiftLeft(k) : den;
            BigInteger[] qr = n.divideAndRemainder(divisor);
            q = qr[0];
            rem = qr[1];
            if (q.bitLength() > SIGNIFICAND_BITS) {
                k++;
            } else if (q.bitLength() < SIGNIFICAND_BITS) {
                k--;
            } else {
                break;
            }
        }
        int half = rem.shiftLeft(1).compareTo(divisor);
        if (half > 0 || (half == 0 && q.testBit(0))) {
            q = q.add(BigInteger.ONE);
            if (q.bitLength() > SIGNIFICAND_BITS) {
                q = q.shiftRight(1);
                k++;
            }
        }
        int exponent = k + SIGNIFICAND_BITS - 1;
        if (exponent > MAX_EXPONENT || exponent < MIN_EXPONENT) {
            return null;
        }
        BigDecimal magnitude = k >= 0 ? new BigDecimal(q.shiftLeft(k)) : new BigDecimal(q.multiply(FIVE.pow(-k)), -k);
        return x.signum() < 0 ? magnitude.negate() : magnitude;
    }

    /**
     * INCRBYFLOAT's arithmetic and errors: {@code value} (null for a missing key: 0) plus
     * {@code by}, rounded to long double and formatted as Redis replies with it.
     */
    public static byte[] incrByFloat(byte[] value, byte[] by) {
        Value current = value == null ? new Value(BigDecimal.ZERO) : parse(value);
        Value increment = parse(by);
        if (current == null || increment == null) {
            throw new CommandError(CommandError.NOT_FLOAT);
        }
        BigDecimal sum = current.isInfinite() || increment.isInfinite() ? null : add(current.finite(), increment.finite());
        if (sum == null) {
            throw new CommandError("ERR increment would produce NaN or Infinity");
        }
        return format(sum).getBytes(StandardCharsets.US_ASCII);
    }
}
