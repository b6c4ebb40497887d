package dev.syncer.engine.replication.replica;

import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.rdb.RdbFile;
import dev.syncer.engine.rdb.RdbReader;
import dev.syncer.engine.server.Shard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A full sync loaded as it arrives (Redis's repl-diskless-load swapdb, or on-empty-db with no keys): the
 * transfer's bytes go through a bounded pipe to a reader thread that builds a fresh keyspace, so a slow
 * load (key-load-delay) slows the socket as Redis's blocking read from it does. Past {@link #HIGH} queued
 * bytes the link stops reading until the reader is below {@link #LOW}. The live dataset is not touched:
 * the link swaps the fresh one in once both the load and the transfer ended. The pipe holds views of the
 * socket's reads, not copies: the reader copies each once, into the load's own buffer, and lets it go (a copy
 * per read was, with the EOF mark's search, most of the garbage a transfer made besides the data itself).
 */
final class DisklessLoad implements TransferDecoder.Sink {

    private static final Logger log = LoggerFactory.getLogger(DisklessLoad.class);

    static final long HIGH = 4L << 20;
    static final long LOW = 1L << 20;
    private static final ByteBuf END = Unpooled.unreleasableBuffer(Unpooled.buffer(0));

    private final LinkedBlockingQueue<ByteBuf> chunks = new LinkedBlockingQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private final Shard shard;
    private final Channel link;
    private final boolean besideFile; // an early load of a disk-backed transfer: silent, the file is the fallback
    private volatile boolean aborted;
    private volatile boolean readerGone; // the reader ended: what the pipe still holds is released, not read
    private boolean paused; // loop-confined
    private boolean ended;  // loop-confined: no more reading, whatever the pipe holds
    private Keyspace fresh; // loop-confined, from here: the load's result, and how the transfer ended
    private RdbFile rdb;
    private boolean transferred;
    private boolean eofMark;
    private Loaded then;
    private boolean delivered;
    private boolean failed;
    private long received; // payload bytes handed to the reader

    /** Told on the loop, unless the load was aborted first (a newer attempt owns the link then). */
    interface Loaded {
        /** The RDB is loaded and the transfer has ended: the fresh keyspace may be swapped in. */
        void loaded(Keyspace fresh, RdbFile rdb, boolean eofMark);

        void failed(String reason);
    }

    DisklessLoad(Shard shard, Channel link) {
        this(shard, link, false);
    }

    /**
     * @param besideFile true for a load that runs while a disk-backed transfer is also kept in its file: it logs
     *                   nothing, and once it failed it takes no more bytes and lets the link read on (the caller
     *                   loads the file instead, which reports what is wrong as a disk-backed load does)
     */
    DisklessLoad(Shard shard, Channel link, boolean besideFile) {
        this.shard = shard;
        this.link = link;
        this.besideFile = besideFile;
    }

    /** Redis's useDisklessLoad: swapdb always, on-empty-db only when no database holds a key. */
    static boolean useDisklessLoad(String mode, long keys) {
        return mode.equals("swapdb") || mode.equals("on-empty-db") && keys == 0;
    }

    /** The transfer has ended (its EOF mark read): the reader may have finished before it, or still be reading. */
    void transferred(boolean eofMark) {
        this.transferred = true;
        this.eofMark = eofMark;
        shard.execute(this::swapIfReady); // not from inside the transfer's decoder, whose pipeline it changes
    }

    private void swapIfReady() {
        if (fresh != null && transferred && !aborted && !delivered) {
            delivered = true;
            then.loaded(fresh, rdb, eofMark);
        }
    }

    /** Starts the reader on {@code background}; {@code then} hears on the loop how the load went. */
    void start(Executor background, int databases, long keyLoadDelayMicros, Loaded then) {
        this.then = then;
        background.execute(() -> {
            Keyspace keyspace = new Keyspace(databases, shard.clock());
            keyspace.setReplica(true);
            Pipe pipe = new Pipe();
            try {
                // read-ahead: the pipe ends with the payload (past the RDB only its EOF mark), read by no one else
                RdbFile read = new RdbReader(pipe, true).keyLoadDelayMicros(keyLoadDelayMicros).read(keyspace, false);
                shard.execute(() -> {
                    fresh = keyspace;
                    rdb = read;
                    swapIfReady();
                });
            } catch (Exception e) {
                shard.execute(() -> {
                    if (!aborted && besideFile) {
                        failed = true;
                        releaseQueued();
                        resume(); // the transfer goes on into its file
                        then.failed(e.getMessage());
                    } else if (!aborted) { // else the abort reported it
                        failed = true;
                        log.warn("Internal error in RDB reading: {}", e.getMessage()); // Redis's words for a failed load
                        log.warn("Failed trying to load the MASTER synchronization DB from socket");
                        then.failed(e.getMessage());
                    }
                });
            } finally {
                readerGone = true;
                pipe.release();
                releaseQueued();
            }
        });
    }

    /** Releases what the pipe holds; the reader and the loop may both call it, each view goes once. */
    private void releaseQueued() {
        ByteBuf c;
        while ((c = chunks.poll()) != null) {
            c.release();
        }
    }

    @Override
    public void open() {
        // the reader is already waiting on the pipe
    }

    @Override
    public int write(ByteBuf in, int from, int n) throws IOException {
        if (aborted) {
            throw new IOException("the diskless load stopped");
        }
        if (failed && besideFile) {
            return n; // no one reads the pipe any more
        }
        if (n == 0) {
            return 0;
        }
        chunks.add(in.retainedSlice(from, n));
        if (readerGone) {
            releaseQueued(); // it ended (failed) since: no one will read this
        }
        received += n;
        if (queued.addAndGet(n) > HIGH && !paused) {
            paused = true;
            link.config().setAutoRead(false); // the reader resumes the link once it caught up
        }
        return n;
    }

    @Override
    public void end(long length) {
        ended = true; // bytes past the RDB's end (the EOF mark) are never read by the reader
        chunks.add(END);
    }

    /**
     * The sink is closed by its decoder, also when the primary closes a dual-channel rdb channel right after the
     * RDB: once {@link #end} saw the whole payload the reader goes on with what arrived; an abandoned attempt
     * aborts through {@link #abort()} instead.
     */
    @Override
    public void close() {
        if (!ended) {
            abort();
        }
    }

    /**
     * The transfer stopped (link closed, attempt abandoned): the reader stops at its next read. True if the load
     * had not finished; a cut transfer is the short read Redis's blocking load reports at once.
     */
    boolean abort() {
        boolean wasLoading = !aborted && !delivered;
        if (wasLoading && !failed && !besideFile) {
            log.warn("Internal error in RDB reading offset {} -> Unexpected EOF reading RDB file", received);
        }
        aborted = true;
        chunks.add(END);
        return wasLoading;
    }

    /** On the loop, once the reader drained below {@link #LOW}: read the socket again. */
    private void resume() {
        if (paused && !ended && !aborted) {
            paused = false;
            link.config().setAutoRead(true);
        }
    }

    /** The reader's side: blocks for the next chunk; a stopped transfer is a short read. */
    private final class Pipe extends InputStream {
        private ByteBuf chunk = Unpooled.EMPTY_BUFFER;
        private boolean eof;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (!chunk.isReadable()) {
                if (eof) {
                    return -1;
                }
                next();
            }
            int n = Math.min(len, chunk.readableBytes());
            chunk.readBytes(b, off, n);
            return n;
        }

        private void next() throws IOException {
            release();
            ByteBuf c;
            try {
                c = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted");
            }
            if (aborted) {
                c.release();
                throw new EOFException("Unexpected EOF reading RDB file: the transfer stopped");
            }
            if (c == END) {
                eof = true;
                return;
            }
            chunk = c;
            long left = queued.addAndGet(-c.readableBytes());
            if (left < LOW && left + c.readableBytes() >= LOW) {
                shard.execute(DisklessLoad.this::resume);
            }
        }

        /** Lets the chunk being read go. */
        void release() {
            if (chunk != Unpooled.EMPTY_BUFFER) {
                chunk.release();
                chunk = Unpooled.EMPTY_BUFFER;
            }
        }
    }
}
