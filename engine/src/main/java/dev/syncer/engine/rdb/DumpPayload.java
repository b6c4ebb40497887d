package dev.syncer.engine.rdb;

import dev.syncer.engine.keyspace.RedisValue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The serialized form DUMP returns and RESTORE takes (Redis's createDumpPayload / verifyDumpPayload):
 * <pre>
 * type byte, value (as in an RDB), RDB version (2 bytes LE), CRC64 of all of that (8 bytes LE)
 * </pre>
 * Byte-compatible with redis-server 7.0 in both directions.
 */
public final class DumpPayload {

    private static final int FOOTER = 10;

    private DumpPayload() {
    }

    /** DUMP: the value in the encoding Redis would hold it in (LZF for long strings unless disabled). */
    public static byte[] dump(RedisValue value, boolean compression) {
        return dump(value, compression, Quicklist.DEFAULT_FILL);
    }

    /** DUMP with lists cut into nodes under the given list-max-listpack-size. */
    public static byte[] dump(RedisValue value, boolean compression, int listFill) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            RdbOutput o = new RdbOutput(out, compression, false);
            new ValueEncoder(o, listFill).write(value);
            return sealed(out, o);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
    }

    /** The footer after what {@code o} wrote into {@code out}: RDB version, then the CRC64 of all. */
    static byte[] sealed(ByteArrayOutputStream out, RdbOutput o) throws IOException {
        o.u8(RdbWriter.VERSION & 0xff);
        o.u8(RdbWriter.VERSION >>> 8);
        o.flushAndCrc();
        byte[] body = out.toByteArray();
        long crc = Crc64.of(body, 0, body.length);
        byte[] payload = java.util.Arrays.copyOf(body, body.length + 8);
        for (int i = 0; i < 8; i++) {
            payload[body.length + i] = (byte) (crc >>> (8 * i));
        }
        return payload;
    }

    /**
     * verifyDumpPayload: long enough, an RDB version this loader reads, and a matching CRC64.
     * RESTORE answers "ERR DUMP payload version or checksum are wrong" when this is false.
     */
    public static boolean verify(byte[] payload) {
        if (payload.length < FOOTER) {
            return false;
        }
        int footer = payload.length - FOOTER;
        int version = (payload[footer] & 0xff) | (payload[footer + 1] & 0xff) << 8;
        if (version > RdbReader.MAX_VERSION) {
            return false;
        }
        long stored = Blobs.le(payload, payload.length - 8, 8);
        return Crc64.of(payload, 0, payload.length - 8) == stored;
    }

    /**
     * The value of a verified payload. Throws RdbException when the body does not decode, holds a
     * type we do not hold, or an empty collection (RESTORE answers "ERR Bad data format").
     */
    public static RedisValue restore(byte[] payload) throws RdbException {
        if (payload.length < FOOTER) {
            throw new RdbException("DUMP payload too short");
        }
        RdbInput in = new RdbInput(new ByteArrayInputStream(payload, 0, payload.length - FOOTER), true);
        try {
            long at = in.offset();
            int typeByte = in.u8();
            RdbType type = RdbType.of(typeByte);
            if (type == null || !type.supported) {
                throw in.corrupt("unsupported value type " + typeByte, at);
            }
            RedisValue value = new ValueDecoder(in).read(type);
            if (value == null) {
                throw in.corrupt("empty collection");
            }
            return value;
        } catch (RdbException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new RdbException("bad DUMP payload: " + e.getMessage());
        }
    }
}
