package dev.syncer.engine.replication.primary;

import dev.syncer.engine.keyspace.Snapshot;
import dev.syncer.engine.replication.ReplicationId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A diskless full sync: the RDB is written straight to the replicas' sockets, framed as
 * {@code $EOF:<40 hex>\r\n<rdb><the same 40 hex>}, one snapshot shared by every replica that was
 * waiting when it started. After the mark nothing more is sent until the replica's first
 * REPLCONF ACK: a stock replica detects the end by comparing the last 40 bytes of each read with
 * the mark, so stream bytes glued to it would hide the end.
 */
final class SocketDump extends Dump {

    static final String LAST_REPLICA_DROPPED = "Diskless rdb transfer, last replica dropped";
    private static final int CHUNK = 64 * 1024;
    private static final int CHUNKS_IN_FLIGHT = 16; // back-pressure: at most 1 MB queued per replica

    private final String mark = ReplicationId.random().hex();
    private volatile boolean noTargets;

    SocketDump(long offset, Snapshot snapshot, Map<String, String> aux, Executor loop, Listener listener) {
        super(offset, snapshot, aux, loop, listener);
    }

    @Override
    boolean socket() {
        return true;
    }

    private ChunkedOutput output;

    @Override
    OutputStream open() throws IOException {
        ChunkedOutput out = new ChunkedOutput();
        output = out;
        out.write(("$EOF:" + mark + "\r\n").getBytes(StandardCharsets.US_ASCII));
        return new OutputStream() { // appends the mark when the RDB is complete
            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.write(mark.getBytes(StandardCharsets.US_ASCII));
                out.close();
            }
        };
    }

    @Override
    void abandon(OutputStream out) {
        output.discard(); // nothing more goes out: the replicas are closed when the failure reaches the loop
    }

    @Override
    void written() {
        // Every chunk is queued on the targets' channels, in order; nothing more is sent until ACK.
    }

    /**
     * Collects writer output into 64 KB chunks and hands each to the loop, which writes it to
     * every live target. The writer blocks while {@value #CHUNKS_IN_FLIGHT} chunks are unsent, so
     * a slow replica slows the dump instead of filling memory.
     */
    private final class ChunkedOutput extends OutputStream {
        private final Semaphore inFlight = new Semaphore(CHUNKS_IN_FLIGHT);
        private ByteBuf buf = newChunk();

        /** Direct: the native transport would copy a heap buffer once per replica. */
        private static ByteBuf newChunk() {
            return PooledByteBufAllocator.DEFAULT.directBuffer(CHUNK, CHUNK);
        }

        @Override
        public void write(int b) throws IOException {
            buf.writeByte(b);
            if (buf.writableBytes() == 0) {
                ship();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, buf.writableBytes());
                buf.writeBytes(b, off, n);
                off += n;
                len -= n;
                if (buf.writableBytes() == 0) {
                    ship();
                }
            }
        }

        /** Drops the unsent chunk (the writer failed). */
        void discard() {
            buf.release();
        }

        @Override
        public void close() throws IOException {
            try {
                if (buf.isReadable()) {
                    ship();
                }
            } finally {
                buf.release(); // the fresh chunk ship() left, or the one it could not send
            }
            try {
                inFlight.acquire(CHUNKS_IN_FLIGHT); // every chunk handed to the sockets
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
        }

        private void ship() throws IOException {
            if (noTargets) {
                throw new IOException(LAST_REPLICA_DROPPED);
            }
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
            ByteBuf chunk = buf;
            buf = newChunk();
            loop.execute(() -> deliver(chunk));
        }

        private void deliver(ByteBuf chunk) {
            List<ReplicaLink> live = targets.stream().filter(t -> t.channel().isActive()).toList();
            if (live.isEmpty()) {
                noTargets = true;
                chunk.release();
                inFlight.release();
                return;
            }
            AtomicInteger pending = new AtomicInteger(live.size());
            int size = chunk.readableBytes();
            for (ReplicaLink link : live) {
                if (link.progress() != null) {
                    link.progress().addBytes(size);
                }
                link.socketDumpWrite(System.currentTimeMillis());
                link.channel().writeAndFlush(chunk.retainedDuplicate()).addListener(f -> {
                    link.socketDumpWritten(System.currentTimeMillis());
                    if (!f.isSuccess()) {
                        link.channel().close();
                    }
                    if (pending.decrementAndGet() == 0) {
                        inFlight.release();
                    }
                });
            }
            chunk.release();
        }
    }
}
