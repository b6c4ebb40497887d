package dev.syncer.engine.rdb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds small RDB files byte by byte for tests of malformed input. */
final class RdbBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static RdbBytes header(int version) {
        RdbBytes b = new RdbBytes();
        b.raw(String.format("REDIS%04d", version).getBytes(StandardCharsets.US_ASCII));
        return b;
    }

    RdbBytes raw(int... bytes) {
        for (int x : bytes) {
            out.write(x);
        }
        return this;
    }

    RdbBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** A 6-bit-length raw string. */
    RdbBytes string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length);
        out.writeBytes(b);
        return this;
    }

    /** A raw string holding an encoded blob (listpack, ziplist...). */
    RdbBytes blob(byte[] b) {
        if (b.length < 64) {
            out.write(b.length);
        } else {
            out.write(0x40 | (b.length >>> 8));
            out.write(b.length & 0xff);
        }
        out.writeBytes(b);
        return this;
    }

    RdbBytes selectDb(int db) {
        return raw(0xFE, db);
    }

    /** EOF and the CRC64 of everything before it. */
    byte[] end() {
        out.write(0xFF);
        byte[] body = out.toByteArray();
        long crc = Crc64.of(body, 0, body.length);
        for (int i = 0; i < 8; i++) {
            out.write((int) (crc >>> (8 * i)) & 0xff);
        }
        return out.toByteArray();
    }

    /** Everything so far, without EOF or CRC (a truncated file). */
    byte[] cut() {
        return out.toByteArray();
    }
}
