package dev.syncer.engine.replication;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The replication backlog: a ring buffer holding the most recent bytes of the replication
 * stream, so a replica that lost its link can resume with a partial sync.
 *
 * <p>Byte number N of the stream sits at offset N. {@link #firstByteOffset()} is the offset of the
 * oldest byte held (INFO's repl_backlog_first_byte_offset) and {@link #histlen()} how many bytes
 * are held; an empty backlog's first byte is the next one to be written. Unlike Redis 7.0, whose
 * backlog shares 16 KB blocks with replica output buffers and may hold up to a block more than
 * configured, this ring holds at most {@link #size()} bytes. Loop-confined.
 */
public final class Backlog {

    /** Redis's CONFIG_REPL_BACKLOG_MIN_SIZE. */
    public static final int MIN_SIZE = 16 * 1024;

    private byte[] ring;
    private int writeIndex; // where the next byte goes
    private int histlen;
    private long firstByteOffset;

    /** An empty backlog whose first byte will be at {@code nextOffset}. */
    public Backlog(int size, long nextOffset) {
        this.ring = new byte[Math.max(MIN_SIZE, size)];
        this.firstByteOffset = nextOffset;
    }

    public int size() {
        return ring.length;
    }

    public long histlen() {
        return histlen;
    }

    public long firstByteOffset() {
        return firstByteOffset;
    }

    /** Offset of the newest byte held (firstByteOffset - 1 when empty). */
    public long lastByteOffset() {
        return firstByteOffset + histlen - 1;
    }

    /**
     * Whether a PSYNC at {@code offset} (the first byte the replica lacks) can be served: from the
     * oldest byte held up to one past the newest (nothing to send, but nothing missing).
     */
    public boolean canServeFrom(long offset) {
        return offset >= firstByteOffset && offset <= firstByteOffset + histlen;
    }

    /** Appends stream bytes (readable part of data, which is left untouched). */
    public void append(ByteBuf data) {
        int len = data.readableBytes();
        int from = data.readerIndex();
        if (len >= ring.length) { // only the tail fits
            from += len - ring.length;
            firstByteOffset += histlen + (len - ring.length);
            data.getBytes(from, ring, 0, ring.length);
            writeIndex = 0;
            histlen = ring.length;
            return;
        }
        int first = Math.min(len, ring.length - writeIndex);
        data.getBytes(from, ring, writeIndex, first);
        data.getBytes(from + first, ring, 0, len - first);
        writeIndex = (writeIndex + len) % ring.length;
        int overflow = histlen + len - ring.length;
        if (overflow > 0) {
            firstByteOffset += overflow;
            histlen = ring.length;
        } else {
            histlen += len;
        }
    }

    /** The bytes from {@code offset} to the newest, in a new buffer; requires canServeFrom(offset). */
    public ByteBuf copyFrom(long offset, ByteBufAllocator alloc) {
        if (!canServeFrom(offset)) {
            throw new IllegalArgumentException("offset " + offset + " is outside the backlog ["
                    + firstByteOffset + ", " + (firstByteOffset + histlen) + "]");
        }
        int skip = (int) (offset - firstByteOffset);
        int len = histlen - skip;
        ByteBuf out = alloc.buffer(len);
        int start = Math.floorMod(writeIndex - histlen + skip, ring.length);
        int first = Math.min(len, ring.length - start);
        out.writeBytes(ring, start, first);
        out.writeBytes(ring, 0, len - first);
        return out;
    }

    /** Changes the capacity live (CONFIG SET repl-backlog-size), keeping the newest bytes that fit. */
    public void resize(int newSize) {
        int size = Math.max(MIN_SIZE, newSize);
        if (size == ring.length) {
            return;
        }
        int keep = Math.min(histlen, size);
        byte[] next = new byte[size];
        int start = Math.floorMod(writeIndex - keep, ring.length);
        int first = Math.min(keep, ring.length - start);
        System.arraycopy(ring, start, next, 0, first);
        System.arraycopy(ring, 0, next, first, keep - first);
        firstByteOffset += histlen - keep;
        histlen = keep;
        writeIndex = keep % size;
        ring = next;
    }
}
