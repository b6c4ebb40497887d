package dev.syncer.engine.resp;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Writes RESP2 replies into a buffer. Commands write their reply here; the connection flushes once
 * per read batch, so a pipeline of a hundred GETs costs one syscall.
 */
public final class Reply {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_BULK = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_ARRAY = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZERO = ":0\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ONE = ":1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] QUEUED = "+QUEUED\r\n".getBytes(StandardCharsets.US_ASCII);

    // Like Redis's shared.bulkhdr / shared.mbulkhdr: the headers of small bulks and arrays, ready-made.
    private static final int SHARED_HEADERS = 1024;
    private static final byte[][] BULK_HEADERS = headers('$');
    private static final byte[][] ARRAY_HEADERS = headers('*');

    private static byte[][] headers(char type) {
        byte[][] h = new byte[SHARED_HEADERS][];
        for (int i = 0; i < SHARED_HEADERS; i++) {
            h[i] = (type + Integer.toString(i) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
        return h;
    }

    private final byte[] digits = new byte[20];

    private ByteBuf out;

    public Reply(ByteBuf out) {
        this.out = out;
    }

    /** Redirects the writer, e.g. to collect the replies of a MULTI block. */
    public void target(ByteBuf buffer) {
        this.out = buffer;
    }

    public ByteBuf buffer() {
        return out;
    }

    public void ok() {
        out.writeBytes(OK);
    }

    public void queued() {
        out.writeBytes(QUEUED);
    }

    public void simple(String text) {
        out.writeByte('+');
        out.writeCharSequence(text, StandardCharsets.UTF_8);
        out.writeBytes(CRLF);
    }

    /** An error; {@code message} starts with its code, e.g. "ERR unknown command" or "WRONGTYPE ...". */
    public void error(String message) {
        out.writeByte('-');
        out.writeCharSequence(message.replace('\r', ' ').replace('\n', ' '), StandardCharsets.UTF_8);
        out.writeBytes(CRLF);
    }

    public void integer(long value) {
        if (value == 0) {
            out.writeBytes(ZERO);
        } else if (value == 1) {
            out.writeBytes(ONE);
        } else {
            out.writeByte(':');
            writeDecimal(value);
            out.writeBytes(CRLF);
        }
    }

    public void bulk(byte[] value) {
        if (value == null) {
            out.writeBytes(NULL_BULK);
            return;
        }
        if (value.length < SHARED_HEADERS) {
            out.writeBytes(BULK_HEADERS[value.length]);
        } else {
            out.writeByte('$');
            writeDecimal(value.length);
            out.writeBytes(CRLF);
        }
        out.writeBytes(value);
        out.writeBytes(CRLF);
    }

    public void bulk(String value) {
        bulk(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** A double as Redis formats it in replies (17 significant digits, "inf", "-inf"). */
    public void bulk(double value) {
        bulk(Doubles.format(value));
    }

    public void nullBulk() {
        out.writeBytes(NULL_BULK);
    }

    public void nullArray() {
        out.writeBytes(NULL_ARRAY);
    }

    public void arrayHeader(int length) {
        if (length >= 0 && length < SHARED_HEADERS) {
            out.writeBytes(ARRAY_HEADERS[length]);
            return;
        }
        out.writeByte('*');
        writeDecimal(length);
        out.writeBytes(CRLF);
    }

    public void bulkArray(Collection<byte[]> values) {
        arrayHeader(values.size());
        for (byte[] v : values) {
            bulk(v);
        }
    }

    /** Bytes already in RESP form, e.g. a reply produced elsewhere. */
    public void raw(byte[] resp) {
        out.writeBytes(resp);
    }

    public void raw(ByteBuf resp) {
        out.writeBytes(resp, resp.readerIndex(), resp.readableBytes());
    }

    /** Decimal digits without going through a String (every integer reply and length goes here). */
    private void writeDecimal(long value) {
        if (value >= 0 && value < 10) {
            out.writeByte('0' + (int) value);
            return;
        }
        if (value == Long.MIN_VALUE) {
            out.writeCharSequence(Long.toString(value), StandardCharsets.US_ASCII);
            return;
        }
        if (value < 0) {
            out.writeByte('-');
            value = -value;
        }
        int pos = digits.length;
        while (value > 0) {
            digits[--pos] = (byte) ('0' + value % 10);
            value /= 10;
        }
        out.writeBytes(digits, pos, digits.length - pos);
    }
}
