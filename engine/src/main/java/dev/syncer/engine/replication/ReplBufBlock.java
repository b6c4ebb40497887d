package dev.syncer.engine.replication;

import io.netty.buffer.ByteBuf;

/**
 * One block of the primary's shared replication buffer (Redis's replBufBlock): a fixed-size
 * buffer filled in order, the stream offset of its first byte, and how many holders (the backlog,
 * replicas) start in it. Bytes once written never change, so a slice of them can go to a socket
 * while later bytes are appended. Loop-confined.
 */
final class ReplBufBlock {

    final ByteBuf buf; // capacity is the block's size, writerIndex how much is used
    final long offset; // stream offset of the first byte
    final long id; // increasing along the list, so a reference can count the blocks it spans
    int refcount;
    ReplBufBlock next;
    private boolean freed;

    ReplBufBlock(ByteBuf buf, long offset, long id) {
        this.buf = buf;
        this.offset = offset;
        this.id = id;
    }

    int size() {
        return buf.capacity();
    }

    int used() {
        return buf.writerIndex();
    }

    int free() {
        return buf.capacity() - buf.writerIndex();
    }

    boolean freed() {
        return freed;
    }

    /** Drops the list's hold on the bytes; slices already handed to sockets keep theirs. */
    void release() {
        if (!freed) {
            freed = true;
            buf.release();
        }
    }
}
