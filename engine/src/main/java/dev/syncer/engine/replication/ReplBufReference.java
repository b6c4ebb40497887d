package dev.syncer.engine.replication;

import io.netty.buffer.ByteBuf;

/**
 * A replica's place in the shared replication buffer (Redis's ref_repl_buf_node and
 * ref_block_pos): the next byte it is to be sent. It holds the block it stands in, so the backlog
 * is not trimmed past it; bytes go out as slices of the blocks, never copied per replica.
 * Loop-confined.
 */
public final class ReplBufReference {

    private final Backlog backlog;
    private ReplBufBlock block;
    private int pos;
    private boolean released;

    ReplBufReference(Backlog backlog, ReplBufBlock block, int pos) {
        this.backlog = backlog;
        this.block = block;
        this.pos = pos;
        block.refcount++;
    }

    /** Whether this is a live place in that backlog (not one in a backlog since freed and replaced). */
    public boolean in(Backlog b) {
        return backlog == b && !released && !block.freed();
    }

    /** The stream offset of the next byte to send. */
    public long offset() {
        return block.offset + pos;
    }

    /** Bytes fed after this position, not yet taken by {@link #next()}. */
    public long pendingBytes() {
        return released || block.freed() ? 0 : backlog.nextOffset() - offset();
    }

    /**
     * getClientOutputBufferMemoryUsage for a replica: from the start of its block to the end of
     * the last block, with each block's bookkeeping, as the limits and CLIENT LIST count it.
     */
    public long memory() {
        if (released || block.freed()) {
            return 0;
        }
        ReplBufBlock last = backlog.tail();
        return last.offset + last.size() - block.offset + Backlog.BLOCK_OVERHEAD * (last.id - block.id + 1);
    }

    /**
     * The next bytes to send, a retained slice of one block (the caller writes or releases it), or
     * null when nothing more was fed. Moving past a block lets the backlog trim it.
     */
    public ByteBuf next() {
        if (released) {
            return null;
        }
        while (!block.freed()) {
            int used = block.used();
            if (pos < used) {
                ByteBuf slice = block.buf.retainedSlice(pos, used - pos);
                pos = used;
                return slice;
            }
            ReplBufBlock following = block.next;
            if (following == null) {
                return null;
            }
            block.refcount--;
            following.refcount++;
            block = following;
            pos = 0;
            backlog.trim(Backlog.TRIM_BLOCKS_PER_CALL);
        }
        return null;
    }

    /** Another holder at the same place (a replica attached to a snapshot already running). */
    public ReplBufReference copy() {
        return new ReplBufReference(backlog, block, pos);
    }

    /** Gives the place up (freeReplicaReferencedReplBuffer); the backlog may trim what it held. */
    public void release() {
        if (released) {
            return;
        }
        released = true;
        block.refcount--;
        if (!block.freed()) {
            backlog.trim(Backlog.TRIM_BLOCKS_PER_CALL);
        }
    }
}
