package dev.syncer.engine.activeactive.crdt;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Reads what {@link ByteWriter} wrote, checking every length against the bytes left, so garbage
 * fails with a {@link MalformedStateException} naming the offset instead of allocating or crashing.
 */
final class ByteReader {

    private final byte[] buf;
    private int pos;

    ByteReader(byte[] buf) {
        this.buf = buf;
    }

    int readByte() {
        need(1, "byte");
        return buf[pos++] & 0xFF;
    }

    long readVarLong() {
        long v = readRawVarint();
        if (v < 0) {
            throw malformed("varint out of range");
        }
        return v;
    }

    long readSignedVarLong() {
        long z = readRawVarint();
        return (z >>> 1) ^ -(z & 1);
    }

    /** 64 bits in 7-bit groups, low group first (unsigned LEB128). */
    private long readRawVarint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            need(1, "varint");
            int b = buf[pos++] & 0xFF;
            if (shift == 63 && b > 1) {
                throw malformed("varint overflows 64 bits");
            }
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw malformed("varint too long");
    }

    long readLongBits() {
        need(8, "8-byte number");
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    double readDouble() {
        return Double.longBitsToDouble(readLongBits());
    }

    /** A count of items that each take at least {@code minBytes}; bounded by the bytes left. */
    int readCount(String what, int minBytes) {
        long n = readVarLong();
        if (n > (long) remaining() / Math.max(1, minBytes)) {
            throw malformed(what + " count " + n + " exceeds the bytes left");
        }
        return (int) n;
    }

    byte[] readBlob(String what) {
        long n = readVarLong();
        if (n > remaining()) {
            throw malformed(what + " length " + n + " exceeds the bytes left");
        }
        byte[] b = Arrays.copyOfRange(buf, pos, pos + (int) n);
        pos += (int) n;
        return b;
    }

    /** A cluster id: non-empty UTF-8. */
    String readOrigin() {
        return readOrigin(null);
    }

    /** An origin, the String {@code known} has for its bytes if it has one (null: decoded every time). */
    String readOrigin(OriginNames known) {
        byte[] b = readBlob("origin");
        if (b.length == 0) {
            throw malformed("empty origin");
        }
        String name = known == null ? null : known.of(b);
        if (name != null) {
            return name;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("origin is not UTF-8");
        }
    }

    /** A timestamp: positive. */
    long readTimestamp() {
        long ts = readVarLong();
        if (ts <= 0) {
            throw malformed("timestamp must be positive");
        }
        return ts;
    }

    int remaining() {
        return buf.length - pos;
    }

    void expectEnd() {
        if (pos != buf.length) {
            throw malformed((buf.length - pos) + " trailing bytes");
        }
    }

    MalformedStateException malformed(String what) {
        return new MalformedStateException(what + " at byte " + pos);
    }

    private void need(int n, String what) {
        if (remaining() < n) {
            throw malformed("truncated " + what);
        }
    }
}
