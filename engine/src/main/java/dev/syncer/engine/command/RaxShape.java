package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.StreamId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How many nodes Redis's radix tree (rax.c) has for a set of stream node keys, which XINFO STREAM
 * reports as radix-tree-nodes. rax keeps keys compressed: a chain of unshared bytes is one node,
 * each point where keys diverge is one node, and each key ends in a node of its own.
 */
final class RaxShape {

    private static final int KEY_BYTES = 16;

    private RaxShape() {
    }

    static long nodes(Collection<StreamId> keys) {
        if (keys.isEmpty()) {
            return 1; // the empty root
        }
        List<byte[]> sorted = new ArrayList<>(keys.size());
        for (StreamId id : keys) {
            sorted.add(id.encode());
        }
        return subtree(sorted, 0, sorted.size(), 0);
    }

    /** Nodes below a position reached after {@code depth} bytes shared by keys[from, to). */
    private static long subtree(List<byte[]> keys, int from, int to, int depth) {
        if (to - from == 1) {
            return (depth < KEY_BYTES ? 1 : 0) + 1; // the chain of the remaining bytes, then the key's node
        }
        byte[] first = keys.get(from);
        byte[] last = keys.get(to - 1);
        int split = depth;
        while (first[split] == last[split]) {
            split++;
        }
        long n = (split > depth ? 1 : 0) + 1; // the chain to the divergence, then the branching node
        int i = from;
        while (i < to) {
            int j = i;
            while (j < to && keys.get(j)[split] == keys.get(i)[split]) {
                j++;
            }
            n += subtree(keys, i, j, split + 1);
            i = j;
        }
        return n;
    }
}
