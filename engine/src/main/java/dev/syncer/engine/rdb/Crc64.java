package dev.syncer.engine.rdb;

/**
 * CRC-64 as Redis computes it for RDB files and DUMP payloads (crc64.c / crcspeed.c): the Jones
 * polynomial, reflected, init 0, xorout 0 (check value for "123456789" is 0xE9C6D914C4B8D9CA).
 * Slicing-by-8 tables, so a gigabyte snapshot is summed at memory speed.
 */
final class Crc64 {

    /** The Jones polynomial 0xAD93D23594C935A9, bit-reversed. */
    private static final long POLY_REFLECTED = 0x95AC9329AC4BC9B5L;
    private static final long[][] TABLES = tables();

    private Crc64() {
    }

    private static long[][] tables() {
        long[][] t = new long[8][256];
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY_REFLECTED : crc >>> 1;
            }
            t[0][i] = crc;
        }
        for (int i = 0; i < 256; i++) {
            long crc = t[0][i];
            for (int k = 1; k < 8; k++) {
                crc = t[0][(int) crc & 0xff] ^ (crc >>> 8);
                t[k][i] = crc;
            }
        }
        return t;
    }

    /** Continues crc over b[off, off+len). */
    static long update(long crc, byte[] b, int off, int len) {
        long[] t0 = TABLES[0], t1 = TABLES[1], t2 = TABLES[2], t3 = TABLES[3];
        long[] t4 = TABLES[4], t5 = TABLES[5], t6 = TABLES[6], t7 = TABLES[7];
        int i = off;
        int end = off + len;
        while (end - i >= 8) {
            long word = (b[i] & 0xffL) | (b[i + 1] & 0xffL) << 8 | (b[i + 2] & 0xffL) << 16
                    | (b[i + 3] & 0xffL) << 24 | (b[i + 4] & 0xffL) << 32 | (b[i + 5] & 0xffL) << 40
                    | (b[i + 6] & 0xffL) << 48 | (b[i + 7] & 0xffL) << 56;
            crc ^= word;
            crc = t7[(int) crc & 0xff] ^ t6[(int) (crc >>> 8) & 0xff] ^ t5[(int) (crc >>> 16) & 0xff]
                    ^ t4[(int) (crc >>> 24) & 0xff] ^ t3[(int) (crc >>> 32) & 0xff]
                    ^ t2[(int) (crc >>> 40) & 0xff] ^ t1[(int) (crc >>> 48) & 0xff] ^ t0[(int) (crc >>> 56)];
            i += 8;
        }
        while (i < end) {
            crc = t0[(int) (crc ^ b[i++]) & 0xff] ^ (crc >>> 8);
        }
        return crc;
    }

    static long of(byte[] b, int off, int len) {
        return update(0, b, off, len);
    }
}
