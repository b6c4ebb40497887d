package dev.syncer.engine.resp;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Writes replies into a buffer in the connection's protocol, RESP2 or RESP3 (HELLO picks it).
 * RESP3's types fall back to RESP2 shapes as Redis's addReply* functions do: a map becomes a flat
 * array, a set an array, a double a bulk string, null $-1 or *-1. Commands write their reply here;
 * the connection flushes once per read batch, so a pipeline of a hundred GETs costs one syscall.
 */
public final class Reply {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_BULK = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_ARRAY = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZERO = ":0\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ONE = ":1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] QUEUED = "+QUEUED\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL3 = "_\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE3 = "#t\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE3 = "#f\r\n".getBytes(StandardCharsets.US_ASCII);

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
    private int protocol = 2;

    public Reply(ByteBuf out) {
        this.out = out;
    }

    public Reply(ByteBuf out, int protocol) {
        this.out = out;
        this.protocol = protocol;
    }

    /** True while earlier replies in this buffer are not sent yet (the read batch's part of clientHasPendingReplies). */
    public boolean pending() {
        return out.isReadable();
    }

    /** The protocol replies are written in: 2 or 3 (Redis's client->resp). */
    public int protocol() {
        return protocol;
    }

    public void protocol(int protocol) {
        this.protocol = protocol;
    }

    public boolean resp3() {
        return protocol >= 3;
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
            nullBulk();
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

    /**
     * addReplyDouble: 17 significant digits, "inf", "-inf"; a bulk string in RESP2, RESP3's
     * double (",") otherwise.
     */
    public void doubleValue(double value) {
        if (resp3()) {
            out.writeByte(',');
            out.writeCharSequence(Doubles.format(value), StandardCharsets.US_ASCII);
            out.writeBytes(CRLF);
        } else {
            bulk(Doubles.format(value));
        }
    }

    /**
     * addReplyHumanLongDouble (GEOPOS's coordinates): the given human text as a bulk string in
     * RESP2, as a RESP3 double otherwise.
     */
    public void humanDouble(String text) {
        if (resp3()) {
            out.writeByte(',');
            out.writeCharSequence(text, StandardCharsets.US_ASCII);
            out.writeBytes(CRLF);
        } else {
            bulk(text);
        }
    }

    /** addReplyNull: $-1 in RESP2, RESP3's null. */
    public void nullBulk() {
        out.writeBytes(resp3() ? NULL3 : NULL_BULK);
    }

    /** addReplyNullArray: *-1 in RESP2, RESP3's null. */
    public void nullArray() {
        out.writeBytes(resp3() ? NULL3 : NULL_ARRAY);
    }

    /** addReplyBool: :1 / :0 in RESP2, RESP3's boolean. */
    public void bool(boolean value) {
        if (resp3()) {
            out.writeBytes(value ? TRUE3 : FALSE3);
        } else {
            integer(value ? 1 : 0);
        }
    }

    /** addReplyMapLen: pairs key/value follow; a flat array of 2 * pairs in RESP2. */
    public void mapHeader(int pairs) {
        if (resp3()) {
            aggregateHeader('%', pairs);
        } else {
            arrayHeader(pairs * 2);
        }
    }

    /** addReplySetLen: an array in RESP2. */
    public void setHeader(int length) {
        if (resp3()) {
            aggregateHeader('~', length);
        } else {
            arrayHeader(length);
        }
    }

    /** addReplyPushLen: out-of-band data (pub/sub messages); an array in RESP2. */
    public void pushHeader(int length) {
        if (resp3()) {
            aggregateHeader('>', length);
        } else {
            arrayHeader(length);
        }
    }

    /** addReplyAttributeLen: RESP3 only, so nothing is written in RESP2. */
    public void attributeHeader(int pairs) {
        if (resp3()) {
            aggregateHeader('|', pairs);
        }
    }

    /** addReplyVerbatim with "txt": a plain bulk string in RESP2. */
    public void verbatim(String text) {
        if (!resp3()) {
            bulk(text);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeByte('=');
        writeDecimal(bytes.length + 4L);
        out.writeBytes(CRLF);
        out.writeCharSequence("txt:", StandardCharsets.US_ASCII);
        out.writeBytes(bytes);
        out.writeBytes(CRLF);
    }

    /** addReplyVerbatim with a three-letter format ("txt", "mkd"): a plain bulk string in RESP2. */
    public void verbatim(String format, byte[] text) {
        if (!resp3()) {
            bulk(text);
            return;
        }
        out.writeByte('=');
        writeDecimal(text.length + 4L);
        out.writeBytes(CRLF);
        out.writeCharSequence(format, StandardCharsets.US_ASCII);
        out.writeByte(':');
        out.writeBytes(text);
        out.writeBytes(CRLF);
    }

    /** addReplyBigNum: decimal digits; a bulk string in RESP2. */
    public void bigNumber(String digits) {
        if (!resp3()) {
            bulk(digits);
            return;
        }
        out.writeByte('(');
        out.writeCharSequence(digits, StandardCharsets.US_ASCII);
        out.writeBytes(CRLF);
    }

    private void aggregateHeader(char type, int length) {
        out.writeByte(type);
        writeDecimal(length);
        out.writeBytes(CRLF);
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
