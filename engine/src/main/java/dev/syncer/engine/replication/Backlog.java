package dev.syncer.engine.replication;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * The replication backlog as Redis 7.0 keeps it: the head of the primary's one replication
 * buffer, a list of blocks that the backlog and every replica share (replication.c's
 * repl_buffer_blocks). A command is copied once into the tail block; replicas hold a
 * {@link ReplBufReference} to where they stand and are sent slices of the blocks.
 *
 * <p>Byte number N of the stream sits at offset N. {@link #firstByteOffset()} is the offset of the
 * oldest byte held (INFO's repl_backlog_first_byte_offset) and {@link #histlen()} how many bytes
 * are held; an empty backlog's first byte is the next one to be written. The backlog lets go of
 * its first block only when it holds more than {@link #size()} without it and no replica still
 * needs it (incrementalTrimReplicationBacklog): a slow replica makes it outgrow its size, and a
 * replica may resume from anything it holds. Loop-confined.
 */
public final class Backlog {

    /** Redis's CONFIG_REPL_BACKLOG_MIN_SIZE. */
    public static final int MIN_SIZE = 16 * 1024;
    /** Redis's PROTO_REPLY_CHUNK_BYTES: the smallest block. */
    static final int BLOCK_MIN = 16 * 1024;
    /** Redis's REPL_BACKLOG_TRIM_BLOCKS_PER_CALL. */
    public static final int TRIM_BLOCKS_PER_CALL = 64;
    /** What Redis counts per block besides its bytes (replBufBlock header and list node). */
    static final int BLOCK_OVERHEAD = 64;

    private final ByteBufAllocator alloc;
    private long size;
    private ReplBufBlock head; // the backlog's own reference; null while nothing was fed
    private ReplBufBlock tail;
    private long histlen;
    private long nextOffset; // offset of the next byte fed
    private long memory; // repl_buffer_mem
    private long nextBlockId;
    private boolean freed;
    private ReplBufBlock appendBlock; // where the last append began
    private int appendPos;
    private boolean trimDue;

    /** An empty backlog whose first byte will be at {@code nextOffset}. */
    public Backlog(long size, long nextOffset) {
        this(PooledByteBufAllocator.DEFAULT, size, nextOffset);
    }

    public Backlog(ByteBufAllocator alloc, long size, long nextOffset) {
        this.alloc = alloc;
        this.size = Math.max(MIN_SIZE, size);
        this.nextOffset = nextOffset;
    }

    /** repl-backlog-size: what the backlog keeps when no replica holds more. */
    public long size() {
        return size;
    }

    public long histlen() {
        return histlen;
    }

    public long firstByteOffset() {
        return nextOffset - histlen;
    }

    /** Offset of the newest byte held (firstByteOffset - 1 when empty). */
    public long lastByteOffset() {
        return nextOffset - 1;
    }

    long nextOffset() {
        return nextOffset;
    }

    ReplBufBlock tail() {
        return tail;
    }

    /** mem_total_replication_buffers: every block of the shared buffer, with its bookkeeping. */
    public long memory() {
        return memory;
    }

    /**
     * Whether a PSYNC at {@code offset} (the first byte the replica lacks) can be served: from the
     * oldest byte held up to one past the newest (nothing to send, but nothing missing).
     */
    public boolean canServeFrom(long offset) {
        return offset >= firstByteOffset() && offset <= nextOffset;
    }

    /**
     * Appends stream bytes (readable part of data, which is left untouched): into the tail block
     * while it has room, then into new blocks of at least 16 KB and at most a sixteenth of the
     * size (feedReplicationBuffer), so a big command never pins one huge block.
     */
    public void append(ByteBuf data) {
        feed(data);
        trimAfterFeed();
    }

    /**
     * {@link #append} without its trim, so that replicas can take their place at
     * {@link #referenceAtLastAppend()} before {@link #trimAfterFeed()} may let the block go.
     */
    public void feed(ByteBuf data) {
        int len = data.readableBytes();
        int from = data.readerIndex();
        appendBlock = null;
        while (len > 0) {
            if (tail != null && tail.free() > 0) {
                if (appendBlock == null) {
                    appendBlock = tail;
                    appendPos = tail.used();
                }
                int n = Math.min(len, tail.free());
                tail.buf.writeBytes(data, from, n);
                from += n;
                len -= n;
                nextOffset += n;
                histlen += n;
            }
            if (len > 0) {
                addBlock(blockSize(len, size));
                trimDue = true;
            }
        }
    }

    /**
     * The tail block's buffer when it has room for {@code len} more bytes, for the caller to write
     * exactly that many into it and then call {@link #fedInPlace(int)}: a command is then encoded
     * straight into the shared buffer instead of into a scratch buffer first. Null when the bytes
     * would not fit (the caller feeds them through {@link #feed}, which spills into new blocks).
     */
    public ByteBuf room(int len) {
        return tail != null && !freed && tail.free() >= len ? tail.buf : null;
    }

    /** Counts the {@code len} bytes just written into {@link #room}'s buffer as fed. */
    public void fedInPlace(int len) {
        appendBlock = tail;
        appendPos = tail.used() - len;
        nextOffset += len;
        histlen += len;
    }

    /** The trim a feed that added a block owes (only then: small appends never try to trim). */
    public void trimAfterFeed() {
        if (trimDue) {
            trimDue = false;
            trim(TRIM_BLOCKS_PER_CALL);
        }
    }

    /** The size of a new block for len bytes: at least 16 KB, at most a sixteenth of the backlog. */
    static int blockSize(long len, long backlogSize) {
        long limit = Math.max(backlogSize / 16, BLOCK_MIN);
        return (int) Math.min(Math.max(len, BLOCK_MIN), limit);
    }

    private void addBlock(int blockSize) {
        ReplBufBlock b = new ReplBufBlock(alloc.directBuffer(blockSize, blockSize), nextOffset, nextBlockId++);
        memory += b.size() + BLOCK_OVERHEAD;
        if (tail == null) {
            head = b;
            b.refcount++; // the backlog's reference
        } else {
            tail.next = b;
        }
        tail = b;
        if (appendBlock == null) {
            appendBlock = b;
            appendPos = 0;
        }
    }

    /**
     * A reference to where the last feed began: a replica's first bytes (null before any). Valid
     * between {@link #feed} and {@link #trimAfterFeed()}.
     */
    public ReplBufReference referenceAtLastAppend() {
        return appendBlock == null || freed ? null : new ReplBufReference(this, appendBlock, appendPos);
    }

    /**
     * A reference from which a PSYNC at {@code offset} is served (addReplyReplicationBacklog);
     * null when nothing was ever fed (the replica is given its place by the next append). Requires
     * canServeFrom(offset).
     */
    public ReplBufReference referenceAt(long offset) {
        requireServable(offset);
        ReplBufBlock b = head;
        if (b == null) {
            return null;
        }
        while (b.offset + b.used() < offset) {
            b = b.next;
        }
        return new ReplBufReference(this, b, (int) (offset - b.offset));
    }

    /**
     * incrementalTrimReplicationBacklog: drops first blocks while the rest still holds more than
     * the size, no replica stands in them and at least one block stays; at most maxBlocks a call,
     * so a replica leaving a long list never stalls the loop.
     */
    public void trim(int maxBlocks) {
        int trimmed = 0;
        while (histlen > size && trimmed < maxBlocks && head != tail) {
            ReplBufBlock first = head;
            if (first.refcount != 1 || histlen - first.size() <= size) {
                break;
            }
            histlen -= first.used();
            head = first.next;
            head.refcount++;
            first.refcount--;
            memory -= first.size() + BLOCK_OVERHEAD;
            first.release();
            trimmed++;
        }
    }

    /** The bytes from {@code offset} to the newest, in a new buffer; requires canServeFrom(offset). */
    public ByteBuf copyFrom(long offset, ByteBufAllocator alloc) {
        requireServable(offset);
        ByteBuf out = alloc.buffer((int) (nextOffset - offset));
        for (ReplBufBlock b = head; b != null; b = b.next) {
            long end = b.offset + b.used();
            if (end > offset) {
                int skip = (int) Math.max(0, offset - b.offset);
                out.writeBytes(b.buf, skip, b.used() - skip);
            }
        }
        return out;
    }

    private void requireServable(long offset) {
        if (!canServeFrom(offset)) {
            throw new IllegalArgumentException("offset " + offset + " is outside the backlog ["
                    + firstByteOffset() + ", " + nextOffset + "]");
        }
    }

    /** Changes the size live (CONFIG SET repl-backlog-size); a smaller one trims in steps. */
    public void resize(long newSize) {
        size = Math.max(MIN_SIZE, newSize);
        trim(TRIM_BLOCKS_PER_CALL);
    }

    /** Frees every block (freeReplicationBacklog); references still held read as empty. */
    public void free() {
        freed = true;
        for (ReplBufBlock b = head; b != null; b = b.next) {
            b.release();
        }
        head = null;
        tail = null;
        appendBlock = null;
        memory = 0;
    }
}
