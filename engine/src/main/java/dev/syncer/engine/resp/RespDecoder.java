package dev.syncer.engine.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Decodes client requests: RESP multibulk ({@code *2\r\n$3\r\nGET\r\n$1\r\nk\r\n}) and inline
 * commands ({@code GET k\r\n}), into {@link RespRequest}s that carry their exact wire length.
 *
 * <p>Hand-written rather than Netty's codec-redis: we need Redis's exact limits and error texts,
 * the byte count of every command (replica offsets are built from it) and arguments as plain
 * byte arrays without an intermediate message tree. Like Redis's {@code processMultibulkBuffer},
 * the state survives between reads, so a large bulk arriving in many packets is never re-parsed.
 *
 * <pre>
 * request   = multibulk | inline
 * multibulk = "*" count CRLF { "$" len CRLF bytes CRLF }   (count &le; 0: nothing, as in Redis)
 * inline    = words separated by blanks, "double" or 'single' quoted, ending in LF or CRLF
 * </pre>
 */
public final class RespDecoder extends ByteToMessageDecoder {

    private static final Logger log = LoggerFactory.getLogger(RespDecoder.class);

    /** Redis's PROTO_INLINE_MAX_SIZE: the longest inline request or header line. */
    public static final int INLINE_MAX = 64 * 1024;
    public static final int MULTIBULK_MAX = 1024 * 1024;
    private static final int UNAUTHENTICATED_MULTIBULK_MAX = 10;
    /** Argument slots reserved before any argument arrived (Redis reserves min(count, 1024)). */
    static final int PREALLOCATED_ARGS_MAX = 1024;
    private static final int UNAUTHENTICATED_BULK_MAX = 16384;
    /** The lowest proto-max-bulk-len Redis (and our Config) accepts. */
    public static final long MIN_PROTO_MAX_BULK_LEN = 1024 * 1024;

    private enum State {
        /** Waits for the first byte of a request: '*' or an inline command. */
        START,
        /** Waits for a "$len" line of the next argument. */
        BULK_HEADER,
        /** Waits for len bytes of argument data plus CRLF. */
        BULK_DATA
    }

    private final LongLimit protoMaxBulkLen;
    private final BooleanSupplier authenticated;
    private final LongLimit queryBufferLimit;

    private State state = State.START;
    private byte[][] argv;
    /** The argument count the header announced; argv grows towards it as arguments arrive. */
    private int argc;
    private int argIndex;
    private int bulkLength;
    private int wireLength;
    /** Redis's argv_len_sum of the request still arriving: the lengths of its arguments read so far. */
    private long argvLength;
    /**
     * The last request's command name, given again to the next request that repeats it: a stream
     * of SETs (a replica's link, a pipelining client) allocates one name, not one per command.
     * Nothing writes into argv's arrays, so requests may share it.
     */
    private byte[] lastName;
    /** Names longer than this are not shared (no command's is). */
    static final int SHARED_NAME_MAX = 32;

    /** A limit that may change at run time (CONFIG SET proto-max-bulk-len). */
    @FunctionalInterface
    public interface LongLimit {
        long get();
    }

    public RespDecoder(LongLimit protoMaxBulkLen, BooleanSupplier authenticated) {
        this(protoMaxBulkLen, authenticated, () -> 0);
    }

    /** With client-query-buffer-limit (0: none): a client whose unparsed input passes it is closed. */
    public RespDecoder(LongLimit protoMaxBulkLen, BooleanSupplier authenticated, LongLimit queryBufferLimit) {
        this.protoMaxBulkLen = protoMaxBulkLen;
        this.authenticated = authenticated;
        this.queryBufferLimit = queryBufferLimit;
    }

    /**
     * The request bytes held for the client (Redis's qbuf with argv-mem): input not yet parsed,
     * plus the arguments of a request still arriving. Loop thread.
     */
    public long pendingBytes() {
        return actualReadableBytes() + (argv != null ? wireLength : 0);
    }

    /** Input not yet parsed (CLIENT LIST's qbuf between requests): a bulk still arriving, a partial line. */
    public long bufferedBytes() {
        return actualReadableBytes();
    }

    /** The lengths of the arguments of a request still arriving (argv-mem between requests), 0 when none is. */
    public long partialArgvLength() {
        return argv != null ? argvLength : 0;
    }

    /** The length of the argument whose bytes are arriving, 0 when none is. */
    public long announcedBulkLength() {
        return state == State.BULK_DATA ? bulkLength : 0;
    }

    /** How many arguments of a request still arriving have been read. */
    public int partialArgc() {
        return argv != null ? argIndex : 0;
    }

    /** A decoder with Redis's default limits for an authenticated peer (replication links, tests). */
    public static RespDecoder trusting() {
        return new RespDecoder(() -> 512L * 1024 * 1024, () -> true);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes()); // after a protocol error the connection is closing
            return;
        }
        try {
            while (in.isReadable()) {
                boolean progressed = switch (state) {
                    case START -> readMultibulkHeader(in, out);
                    case BULK_HEADER -> readBulkHeader(in);
                    case BULK_DATA -> readBulkData(in, out);
                };
                if (!progressed) {
                    checkQueryBuffer(ctx, in);
                    return;
                }
            }
        } catch (ProtocolException e) {
            // Delivered in order behind the requests already decoded, so their replies go out first.
            failed = true;
            in.skipBytes(in.readableBytes());
            out.add(e);
        }
    }

    private boolean failed;

    /**
     * Like Redis after each read: input waiting to be parsed (a bulk still arriving) beyond
     * client-query-buffer-limit closes the client, without a reply, and is logged.
     */
    private void checkQueryBuffer(ChannelHandlerContext ctx, ByteBuf in) {
        long limit = queryBufferLimit.get();
        if (limit > 0 && in.readableBytes() > limit) {
            log.warn("Closing client that reached max query buffer length: addr={} qbuf={}",
                    ctx.channel().remoteAddress(), in.readableBytes());
            failed = true;
            in.skipBytes(in.readableBytes());
            ctx.close();
        }
    }

    /** The first line of a request: a multibulk header, else an inline request. */
    private boolean readMultibulkHeader(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        long line = shortLine(in, start, '*');
        if (line >= 0) {
            return multibulk(in, line >>> 4, (int) (line & 0xf));
        }
        if (in.getByte(start) != '*') {
            return readInline(in, out);
        }
        int eol = findLineEnd(in, "too big mbulk count string");
        if (eol < 0) {
            return false;
        }
        return multibulk(in, parseLong(in, start + 1, eol - 1), eol + 1 - start);
    }

    /** A multibulk header line of lineLength bytes announcing count arguments (Long.MIN_VALUE: malformed). */
    private boolean multibulk(ByteBuf in, long count, int lineLength) {
        if (count == Long.MIN_VALUE || count > MULTIBULK_MAX) {
            throw new ProtocolException("Protocol error: invalid multibulk length");
        }
        if (count > UNAUTHENTICATED_MULTIBULK_MAX && !authenticated.getAsBoolean()) {
            throw new ProtocolException("Protocol error: unauthenticated multibulk length");
        }
        in.skipBytes(lineLength);
        if (count <= 0) {
            return true; // "*0" and "*-1" are silently skipped, like Redis.
        }
        // Like Redis (processMultibulkBuffer reserves at most 1024 slots up front), the array grows
        // as arguments arrive: a bare "*1048576" header must not reserve a million slots.
        argc = (int) count;
        argv = new byte[(int) Math.min(count, PREALLOCATED_ARGS_MAX)][];
        argIndex = 0;
        argvLength = 0;
        wireLength = lineLength;
        state = State.BULK_HEADER;
        return true;
    }

    private boolean readBulkHeader(ByteBuf in) {
        int start = in.readerIndex();
        long length;
        int lineLength;
        long line = shortLine(in, start, '$');
        if (line >= 0) {
            length = line >>> 4;
            lineLength = (int) (line & 0xf);
        } else {
            byte type = in.getByte(start);
            if (type != '$') {
                throw new ProtocolException("Protocol error: expected '$', got '" + printable(type) + "'");
            }
            int eol = findLineEnd(in, "too big bulk count string");
            if (eol < 0) {
                return false;
            }
            length = parseLong(in, start + 1, eol - 1);
            lineLength = eol + 1 - start;
        }
        // Beyond Integer.MAX_VALUE - 2 no byte[] (plus CRLF) can hold it, whatever proto-max-bulk-len says.
        // The setting is never below 1 MB (as in Redis), so smaller bulks need not look it up.
        if (length < 0 || length > Integer.MAX_VALUE - 2
                || (length > MIN_PROTO_MAX_BULK_LEN && length > protoMaxBulkLen.get())) {
            throw new ProtocolException("Protocol error: invalid bulk length");
        }
        if (length > UNAUTHENTICATED_BULK_MAX && !authenticated.getAsBoolean()) {
            throw new ProtocolException("Protocol error: unauthenticated bulk length");
        }
        in.skipBytes(lineLength);
        wireLength += lineLength;
        bulkLength = (int) length;
        state = State.BULK_DATA;
        return true;
    }

    private boolean readBulkData(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < bulkLength + 2) {
            return false;
        }
        byte[] arg = argIndex == 0 ? name(in) : null;
        if (arg == null) {
            arg = new byte[bulkLength];
            in.readBytes(arg);
        } else {
            in.skipBytes(bulkLength);
        }
        in.skipBytes(2); // Redis does not check that these two bytes are CRLF; neither do we.
        wireLength += bulkLength + 2;
        if (argIndex == argv.length) {
            argv = Arrays.copyOf(argv, (int) Math.min(argc, (long) argv.length * 2));
        }
        argv[argIndex++] = arg;
        argvLength += arg.length;
        if (argIndex < argc) {
            state = State.BULK_HEADER;
            return true;
        }
        out.add(new RespRequest(argv, wireLength));
        argv = null;
        state = State.START;
        return true;
    }

    /** The arriving command name: the last one when its bytes are the same (case included), else a new array; null if long. */
    private byte[] name(ByteBuf in) {
        if (bulkLength > SHARED_NAME_MAX) {
            return null;
        }
        byte[] last = lastName;
        int at = in.readerIndex();
        if (last != null && last.length == bulkLength && bulkLength <= 8 && in.writerIndex() - at >= 8) {
            // one load for the usual name (a pipeline's next request follows it), not a read per byte
            if ((in.getLongLE(at) & lastNameMask) == lastNameWord) {
                return last;
            }
        } else if (last != null && last.length == bulkLength) {
            int i = 0;
            while (i < last.length && in.getByte(at + i) == last[i]) {
                i++;
            }
            if (i == last.length) {
                return last;
            }
        }
        lastName = new byte[bulkLength];
        in.getBytes(at, lastName);
        lastNameWord = 0;
        for (int i = Math.min(bulkLength, 8) - 1; i >= 0; i--) {
            lastNameWord = lastNameWord << 8 | (lastName[i] & 0xff);
        }
        lastNameMask = bulkLength >= 8 ? -1L : (1L << (8 * bulkLength)) - 1;
        return lastName;
    }

    /** lastName's first 8 bytes as a little-endian load reads them, and the mask of its length. */
    private long lastNameWord;
    private long lastNameMask;

    /**
     * Redis's common header line ({@code *3\r\n}, {@code $100\r\n}: the type, 1 to 5 digits,
     * CRLF) read with one 8-byte load instead of a search for the LF and a copy of the digits
     * (both showed in profiles of pipelined SETs): (value &lt;&lt; 4) | line length, or -1 for anything
     * else (a sign, more digits, a malformed or partial line), which the general path then reads.
     */
    private static long shortLine(ByteBuf in, int start, char type) {
        if (in.writerIndex() - start < 8) {
            return -1;
        }
        long word = in.getLongLE(start);
        if ((word & 0xff) != type) {
            return -1;
        }
        long value = 0;
        for (int i = 1; i < 7; i++) {
            int b = (int) (word >>> (8 * i)) & 0xff;
            if (b == '\r') {
                return i > 1 && ((word >>> (8 * (i + 1))) & 0xff) == '\n' ? value << 4 | (i + 2) : -1;
            }
            if (b < '0' || b > '9') {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return -1;
    }

    private boolean readInline(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int newline = in.indexOf(start, in.writerIndex(), (byte) '\n');
        if (newline < 0) {
            if (in.readableBytes() > INLINE_MAX) {
                throw new ProtocolException("Protocol error: too big inline request");
            }
            return false;
        }
        int end = newline > start && in.getByte(newline - 1) == '\r' ? newline - 1 : newline;
        int lineLength = newline + 1 - start;
        String line = in.toString(start, end - start, StandardCharsets.ISO_8859_1);
        in.skipBytes(lineLength);
        List<byte[]> words = InlineSplitter.split(line);
        if (words == null) {
            throw new ProtocolException("Protocol error: unbalanced quotes in request");
        }
        if (!words.isEmpty()) {
            out.add(new RespRequest(words.toArray(new byte[0][]), lineLength));
        } else if (end == start) { // a line of blanks is ignored; only an empty one is a keepalive (processInlineBuffer)
            out.add(new RespKeepalive(lineLength));
        }
        return true;
    }

    /** Index of the LF ending the current line, -1 if not there yet; the line must end in CRLF. */
    private static int findLineEnd(ByteBuf in, String tooBig) {
        int start = in.readerIndex();
        int limit = Math.min(in.writerIndex(), start + INLINE_MAX + 2);
        int newline = in.indexOf(start, limit, (byte) '\n');
        if (newline < 0) {
            if (in.readableBytes() > INLINE_MAX) {
                throw new ProtocolException("Protocol error: " + tooBig);
            }
            return -1;
        }
        return newline;
    }

    /**
     * Parses digits in [from, crIndex) where crIndex must hold '\r'; Long.MIN_VALUE if malformed.
     * The line is copied out in one call: byte-by-byte reads of a direct buffer each pay bounds
     * (and, on recent JDKs, memory-session) checks, which showed in profiles of pipelined load.
     */
    private long parseLong(ByteBuf in, int from, int crIndex) {
        int n = crIndex + 1 - from;
        if (n < 2 || n > scratch.length) {
            return Long.MIN_VALUE;
        }
        in.getBytes(from, scratch, 0, n);
        if (scratch[n - 1] != '\r') {
            return Long.MIN_VALUE;
        }
        boolean negative = scratch[0] == '-';
        int i = negative ? 1 : 0;
        if (i == n - 1 || n - 1 - i > 18) { // 18 digits cannot overflow a long
            return Long.MIN_VALUE;
        }
        long value = 0;
        for (; i < n - 1; i++) {
            byte b = scratch[i];
            if (b < '0' || b > '9') {
                return Long.MIN_VALUE;
            }
            value = value * 10 + (b - '0');
        }
        return negative ? -value : value;
    }

    /** Room for a sign, 18 digits and the CR: longer numbers are refused anyway. */
    private final byte[] scratch = new byte[20];

    private static String printable(byte b) {
        return b >= 32 && b < 127 ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff);
    }
}
