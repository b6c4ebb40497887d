package dev.syncer.engine.syncer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * INCRBYFLOAT's and HINCRBYFLOAT's arithmetic exactly as Redis on x86-64 does it: both operands
 * read as 80-bit long doubles (a 64-bit significand, strtold rounding to nearest), their sum
 * rounded the same way, printed as {@code %.17Lf} without trailing zeros (ld2string's human mode).
 * A Java double would answer 2.5499999999999998 where Redis answers 2.55. Finite operands only:
 * callers handle infinities (Redis refuses a non-finite result).
 */
final class LongDoubles {

    private static final int SIGNIFICAND_BITS = 64;
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private LongDoubles() {
    }

    /** a + b, both finite floats Redis accepts, as Redis prints the result. */
    static String sum(byte[] a, byte[] b) {
        BigDecimal exact = toLongDouble(exact(a)).add(toLongDouble(exact(b)));
        return format(toLongDouble(exact));
    }

    private static BigDecimal exact(byte[] text) {
        String s = new String(text, StandardCharsets.US_ASCII);
        if (DECIMAL.matcher(s).matches()) {
            return new BigDecimal(s);
        }
        return new BigDecimal(Double.parseDouble(s)); // hexadecimal floats: what a double holds of them
    }

    /** The long double nearest to x (round half to even on the 64-bit significand). */
    static BigDecimal toLongDouble(BigDecimal x) {
        if (x.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal abs = x.abs();
        int e = Math.getExponent(abs.doubleValue());
        while (timesPowerOfTwo(abs, -e).compareTo(BigDecimal.TWO) >= 0) {
            e++;
        }
        while (timesPowerOfTwo(abs, -e).compareTo(BigDecimal.ONE) < 0) {
            e--;
        }
        int shift = SIGNIFICAND_BITS - 1 - e;
        BigInteger significand = timesPowerOfTwo(abs, shift).setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
        BigDecimal rounded = timesPowerOfTwo(new BigDecimal(significand), -shift);
        return x.signum() < 0 ? rounded.negate() : rounded;
    }

    private static BigDecimal timesPowerOfTwo(BigDecimal x, int k) {
        if (k >= 0) {
            return x.multiply(new BigDecimal(BigInteger.TWO.pow(k)));
        }
        return x.multiply(new BigDecimal(BigInteger.valueOf(5).pow(-k), -k)); // 2^-k = 5^k / 10^k, exactly
    }

    /** %.17Lf, trailing zeros and a trailing point removed, "-0" shown as "0". */
    static String format(BigDecimal value) {
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
}
