package dev.syncer.engine.replication;

import dev.syncer.engine.resp.RespEncoding;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The byte stream this shard serves to its replicas, and where it stands: the replication IDs,
 * {@code master_repl_offset} (bytes ever fed into this history), the backlog, and the database
 * the stream last selected.
 *
 * <p>A primary encodes every propagated command once into RESP (with a SELECT first when the
 * database changes, as Redis's replicationFeedSlaves), straight into the backlog's tail block when
 * it fits (through a scratch buffer when it spills into new blocks); every replica is sent slices
 * of those shared blocks. A replica instead relays the exact bytes it applied from its own
 * primary (chained replication), so the whole tree shares one replid and one offset space.
 * Loop-confined.
 */
public final class ReplicationStream {

    /**
     * Who is told that stream bytes were appended to the backlog: the replicas, which send them
     * from the backlog's shared blocks ({@link Backlog#referenceAtLastAppend()} is where they begin).
     */
    @FunctionalInterface
    public interface Sink {
        void fed(Backlog backlog);
    }

    /** A command longer than this gets its own buffer, so the reused one stays small. */
    private static final int SCRATCH_KEEP = 64 * 1024;

    private static final byte[] SELECT = RespEncoding.ascii("SELECT");

    private final ReplicationHistory history = new ReplicationHistory(ReplicationId.random());
    private final ByteBufAllocator alloc;
    private Sink sink = backlog -> { };
    private long masterReplOffset;
    private Backlog backlog;
    private int selectedDb = -1;
    /** A command that does not fit the backlog's tail block is encoded here, then fed. */
    private ByteBuf scratch;

    public ReplicationStream(ByteBufAllocator alloc) {
        this.alloc = alloc;
    }

    public void sink(Sink sink) {
        this.sink = sink;
    }

    public ReplicationHistory history() {
        return history;
    }

    public long masterReplOffset() {
        return masterReplOffset;
    }

    /** Sets the offset (after a full sync, or a restart from an RDB that recorded it). */
    public void masterReplOffset(long offset) {
        this.masterReplOffset = offset;
    }

    /** The backlog, or null when there is none. */
    public Backlog backlog() {
        return backlog;
    }

    /** Creates an empty backlog starting at the next byte (Redis's createReplicationBacklog). */
    public void createBacklog(int size) {
        if (backlog == null) {
            backlog = new Backlog(alloc, size, masterReplOffset + 1);
        }
    }

    /**
     * Fills an empty backlog with the bytes that precede its first one (an Active-Active primary's
     * backlog as its full sync carried it), so that after a promotion this shard can still serve a
     * partial sync from offsets before its own full sync. False (nothing changed) unless the bytes
     * end exactly where the backlog starts.
     */
    public boolean preloadBacklog(long firstOffset, byte[] bytes) {
        if (backlog == null || backlog.histlen() != 0 || firstOffset + bytes.length != backlog.firstByteOffset()
                || bytes.length == 0) {
            return false;
        }
        Backlog filled = new Backlog(alloc, backlog.size(), firstOffset);
        filled.append(io.netty.buffer.Unpooled.wrappedBuffer(bytes));
        backlog.free();
        backlog = filled;
        return true;
    }

    public void freeBacklog() {
        if (backlog != null) {
            backlog.free();
        }
        backlog = null;
    }

    /** Lets go of every direct buffer this stream holds (the shard stops): the backlog and the scratch encoder. */
    public void release() {
        freeBacklog();
        if (scratch != null) {
            scratch.release();
            scratch = null;
        }
    }

    /** Forces a SELECT before the next command (new full sync, promotion). */
    public void forceSelect() {
        selectedDb = -1;
    }

    /** The database the stream has selected, -1 if none yet (repl-stream-db). */
    public int selectedDb() {
        return selectedDb;
    }

    /** A primary's write: SELECT if the database changed, then the command. */
    public void propagate(int db, byte[][] argv) {
        if (backlog == null) {
            return; // no backlog means no replicas: nothing to feed, and the offset stays
        }
        byte[][] select = null;
        if (db >= 0 && db != selectedDb) {
            select = new byte[][] {SELECT, RespEncoding.ascii(Integer.toString(db))};
            selectedDb = db;
        }
        int size = RespEncoding.size(argv) + (select == null ? 0 : RespEncoding.size(select));
        ByteBuf room = backlog.room(size);
        if (room != null) { // the usual case: encoded once, straight into the shared buffer
            if (select != null) {
                RespEncoding.write(room, select);
            }
            RespEncoding.write(room, argv);
            masterReplOffset += size;
            backlog.fedInPlace(size);
            sink.fed(backlog);
            return; // nothing was added, so nothing to trim
        }
        if (scratch == null) {
            scratch = alloc.directBuffer(512);
        }
        ByteBuf out = scratch.clear();
        if (select != null) {
            RespEncoding.write(out, select);
        }
        RespEncoding.write(out, argv);
        feed(out);
        if (out.capacity() > SCRATCH_KEEP) {
            out.release();
            scratch = null;
        }
    }

    /** Traffic that belongs to no database (ping, REPLCONF GETACK): never triggers a SELECT. */
    public void propagateWithoutDb(byte[][] argv) {
        propagate(selectedDb, argv);
    }

    /** A replica relaying bytes it applied from its primary, unchanged. */
    public void relay(ByteBuf applied) {
        if (backlog == null) {
            return;
        }
        feed(applied);
    }

    private void feed(ByteBuf bytes) {
        masterReplOffset += bytes.readableBytes();
        backlog.feed(bytes);
        sink.fed(backlog);
        backlog.trimAfterFeed();
    }
}
