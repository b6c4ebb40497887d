package dev.syncer.engine.replication.replica;

import dev.syncer.engine.persistence.DurableFiles;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The RDB transfer of a full sync, written to a temporary file as it arrives (Redis's
 * readSyncBulkPayload with repl-diskless-load disabled), or handed to a load that reads it as it
 * arrives ({@link DisklessLoad}). Two framings:
 *
 * <pre>
 * [\n ...] $&lt;len&gt;\r\n &lt;len bytes&gt;                     disk-backed primary
 * [\n ...] $EOF:&lt;40 chars&gt;\r\n &lt;rdb&gt; &lt;same 40 chars&gt;   diskless primary
 * </pre>
 * Empty lines before the header are keepalives. Bytes after the payload (a disk-backed primary
 * sends the stream right after it) stay here until the link installs the stream handlers.
 */
public final class TransferDecoder extends ByteToMessageDecoder {

    /** What the link learns from the transfer. */
    public interface Listener {
        /** Any bytes arrived (keepalives included): the primary is alive. */
        void io(long payloadBytes);

        /** The header was read: total payload size, or -1 under EOF framing. */
        void header(long size);

        /** The payload is complete in the file. */
        void complete(Path file, long size, boolean eofMark);

        /** The primary sent something that is not a transfer, or the file failed. */
        void failed(String reason);
    }

    /** Where the payload goes: a temporary file, or a load reading it as it arrives. */
    public interface Sink {
        void open() throws IOException;

        /** Takes up to n bytes from {@code in} at {@code from}; returns how many it took. */
        int write(ByteBuf in, int from, int n) throws IOException;

        /** The payload ended at {@code length} (bytes written past it were the EOF mark). */
        void end(long length) throws IOException;

        /** The transfer stopped early (or the pipeline went): release what is held. */
        void close();
    }

    private static final int MARK = 40;

    private final Path file;
    private final Listener listener;
    private final Sink out;
    private boolean opened;
    private byte[] mark;          // EOF framing
    private long left = -1;       // length framing: bytes still expected
    private long written;
    private byte[] tail = new byte[0]; // last bytes written, to find a mark split across reads
    private boolean done;

    public TransferDecoder(Path file, Listener listener) {
        this(file, new FileSink(file), listener);
    }

    /** A transfer whose payload goes to {@code sink}; the listener's complete() then gets no file. */
    public TransferDecoder(Sink sink, Listener listener) {
        this(null, sink, listener);
    }

    /** A transfer kept in {@code file} that {@code sink} writes (the file's sink and more, see {@link #fileSink}). */
    public TransferDecoder(Path file, Sink out, Listener listener) {
        this.file = file;
        this.out = out;
        this.listener = listener;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> unused) throws IOException {
        if (done) {
            return; // the stream that follows waits for the next phase's handlers
        }
        if (!opened) {
            readHeader(in);
            return;
        }
        int n = in.readableBytes();
        if (mark != null) {
            readUntilMark(in);
        } else {
            int take = (int) Math.min(left, n);
            write(in, take);
            left -= take;
            if (left == 0) {
                finish(false);
            }
        }
    }

    private void readHeader(ByteBuf in) throws IOException {
        int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        if (eol < 0) {
            if (in.readableBytes() > 1024) {
                fail("Bad protocol from MASTER, header line too long");
                in.skipBytes(in.readableBytes());
            }
            return;
        }
        int end = eol > in.readerIndex() && in.getByte(eol - 1) == '\r' ? eol - 1 : eol;
        String line = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.UTF_8);
        in.readerIndex(eol + 1);
        if (line.isEmpty()) {
            listener.io(0); // keepalive newline while the primary prepares the snapshot
            return;
        }
        if (line.startsWith("-")) {
            fail("MASTER aborted replication with an error: " + line.substring(1));
        } else if (!line.startsWith("$")) {
            fail("Bad protocol from MASTER, the first byte is not '$' (we received '" + line
                    + "'), are you sure the host and port are right?");
        } else if (line.startsWith("$EOF:") && line.length() >= 5 + MARK) {
            mark = line.substring(5, 5 + MARK).getBytes(StandardCharsets.ISO_8859_1);
            open();
            listener.header(-1);
        } else {
            try {
                left = Long.parseLong(line.substring(1));
            } catch (NumberFormatException e) {
                left = -1;
            }
            if (left < 0) {
                fail("Bad protocol from MASTER, invalid bulk length '" + line + "'");
                return;
            }
            open();
            listener.header(left);
            if (left == 0) {
                finish(false);
            }
        }
    }

    /**
     * EOF framing: everything up to the mark is payload; the mark may straddle reads. Searched in
     * place: only a mark that begins in the kept tail is looked for in a small window (tail and the
     * read's first bytes); one inside the read is found with the buffer's own byte search, so a read
     * is neither copied nor allocated for (it was a copy of every payload byte, the transfer's
     * largest garbage).
     */
    private void readUntilMark(ByteBuf in) throws IOException {
        int n = in.readableBytes();
        int at = markInTail(in, n); // offset of the mark from the tail's start, if it begins there
        if (at < 0) {
            int found = markIn(in, in.readerIndex(), in.writerIndex());
            at = found < 0 ? -1 : tail.length + found - in.readerIndex();
        }
        if (at < 0) {
            keepTail(in, n);
            write(in, n);
            return;
        }
        long markStart = written - tail.length + at;
        int take = at + MARK - tail.length; // bytes of this read up to the end of the mark
        write(in, take);
        written = markStart;
        finish(true);
    }

    /** Where a mark that begins in the tail starts (0 .. tail.length-1), or -1: a window of at most 2 × (MARK - 1) bytes. */
    private int markInTail(ByteBuf in, int n) {
        if (tail.length == 0) {
            return -1;
        }
        int head = Math.min(n, MARK - 1);
        byte[] window = Arrays.copyOf(tail, tail.length + head);
        in.getBytes(in.readerIndex(), window, tail.length, head);
        int at = indexOf(window, mark);
        return at >= 0 && at < tail.length ? at : -1;
    }

    /** The index in {@code in} where a whole mark begins between from and to, or -1. */
    private int markIn(ByteBuf in, int from, int to) {
        int last = to - MARK; // the last index a whole mark can begin at
        while (from <= last) {
            int i = in.indexOf(from, last + 1, mark[0]);
            if (i < 0) {
                return -1;
            }
            if (matches(in, i)) {
                return i;
            }
            from = i + 1;
        }
        return -1;
    }

    private boolean matches(ByteBuf in, int i) {
        for (int j = 1; j < MARK; j++) {
            if (in.getByte(i + j) != mark[j]) {
                return false;
            }
        }
        return true;
    }

    /** The last MARK - 1 bytes seen (of the old tail and this read), where a mark may have begun. */
    private void keepTail(ByteBuf in, int n) {
        int keep = Math.min(MARK - 1, tail.length + n);
        int fromTail = keep - Math.min(keep, n);
        byte[] next = new byte[keep];
        System.arraycopy(tail, tail.length - fromTail, next, 0, fromTail);
        in.getBytes(in.writerIndex() - (keep - fromTail), next, fromTail, keep - fromTail);
        tail = next;
    }

    private void write(ByteBuf in, int n) throws IOException {
        int from = in.readerIndex();
        while (n > 0) {
            int w = out.write(in, from, n);
            from += w;
            n -= w;
            written += w;
        }
        int consumed = from - in.readerIndex();
        in.skipBytes(consumed);
        listener.io(consumed);
    }

    private void open() throws IOException {
        opened = true;
        out.open();
    }

    private void finish(boolean eofMark) throws IOException {
        done = true;
        out.end(written);
        listener.complete(file, written, eofMark);
    }

    private void fail(String reason) {
        done = true;
        closeQuietly();
        listener.failed(reason);
    }

    private void closeQuietly() {
        out.close();
    }

    /** The sink that keeps the payload in {@code file}, as a disk-backed transfer does. */
    public static Sink fileSink(Path file) {
        return new FileSink(file);
    }

    /** The disk-backed load's sink: the payload in a private temporary file, made durable at the end. */
    private static final class FileSink implements Sink {
        private final Path file;
        private FileChannel channel;

        FileSink(Path file) {
            this.file = file;
        }

        @Override
        public void open() throws IOException {
            channel = DurableFiles.createPrivate(file);
        }

        @Override
        public int write(ByteBuf in, int from, int n) throws IOException {
            int w = in.getBytes(from, channel, channel.position(), n);
            channel.position(channel.position() + w);
            return w;
        }

        @Override
        public void end(long length) throws IOException {
            channel.truncate(length);
            channel.force(false);
            channel.close();
        }

        @Override
        public void close() {
            if (channel != null && channel.isOpen()) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // failing anyway
                }
            }
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        closeQuietly();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A listener whose payload bytes also count as I/O of a link ({@code touch}). */
    static final class Touching implements Listener {
        private final Listener target;
        private final Runnable touch;

        Touching(Listener target, Runnable touch) {
            this.target = target;
            this.touch = touch;
        }

        @Override
        public void io(long payloadBytes) {
            touch.run();
            target.io(payloadBytes);
        }

        @Override
        public void header(long size) {
            target.header(size);
        }

        @Override
        public void complete(Path file, long size, boolean eofMark) {
            target.complete(file, size, eofMark);
        }

        @Override
        public void failed(String reason) {
            target.failed(reason);
        }
    }

    /** Whether the payload is complete (or the transfer failed): nothing more is expected. */
    boolean finished() {
        return done;
    }
}
