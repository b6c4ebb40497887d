package dev.syncer.engine.rdb;

import dev.syncer.engine.keyspace.ListValue;

import java.util.ArrayList;
import java.util.List;

/**
 * The nodes redis-server 7.0 cuts a list into when it is filled by RPUSH (quicklist.c): a node
 * takes elements while quicklistNodeExceedsLimit allows under {@code list-max-listpack-size}
 * (negative: a byte limit of 4/8/16/32/64 KB; positive: an element count, within the 8 KB
 * safety limit), and an element from the packed threshold up gets a PLAIN node of its own.
 * The RDB writer writes these nodes; DEBUG OBJECT reports them.
 */
public final class Quicklist {

    /** list-max-listpack-size's default (-2: 8 KB per node). */
    public static final int DEFAULT_FILL = -2;
    /** packed_threshold's default: elements from 1 GB up are PLAIN nodes. */
    public static final long DEFAULT_PACKED_THRESHOLD = 1L << 30;
    /** optimization_level: the byte limits of fill -1 to -5. */
    private static final int[] OPTIMIZATION_LEVEL = {4096, 8192, 16384, 32768, 65536};
    /** SIZE_SAFETY_LIMIT: a count-limited node still stops at 8 KB. */
    private static final int SIZE_SAFETY_LIMIT = 8192;
    /** SIZE_ESTIMATE_OVERHEAD added to each element when checking a node's limit. */
    private static final int SIZE_ESTIMATE_OVERHEAD = 8;

    /** One node: a listpack's bytes, or a PLAIN node's single element; its element count. */
    public record Node(byte[] data, boolean plain, int count) {
    }

    private Quicklist() {
    }

    /** The nodes of {@code list} under the given fill and packed threshold. */
    public static List<Node> nodes(ListValue list, int fill, long packedThreshold) {
        List<Node> nodes = new ArrayList<>();
        Listpack.Builder node = null;
        for (int i = 0; i < list.size(); i++) {
            byte[] e = list.get(i);
            if (e.length >= packedThreshold) {
                if (node != null) {
                    nodes.add(new Node(node.finish(), false, node.count()));
                    node = null;
                }
                nodes.add(new Node(e, true, 1));
                continue;
            }
            if (node != null && exceedsLimit(fill, (long) node.bytes() + e.length + SIZE_ESTIMATE_OVERHEAD,
                    node.count() + 1)) {
                nodes.add(new Node(node.finish(), false, node.count()));
                node = null;
            }
            if (node == null) {
                node = new Listpack.Builder();
            }
            node.add(e);
        }
        if (node != null) {
            nodes.add(new Node(node.finish(), false, node.count()));
        }
        return nodes;
    }

    /** quicklistNodeExceedsLimit (with quicklistNodeLimit folded in). */
    static boolean exceedsLimit(int fill, long newSize, int newCount) {
        if (fill < 0) {
            int offset = (int) Math.min(-(long) fill - 1, OPTIMIZATION_LEVEL.length - 1);
            return newSize > OPTIMIZATION_LEVEL[offset];
        }
        if (newSize > SIZE_SAFETY_LIMIT) {
            return true;
        }
        return newCount > (fill == 0 ? 1 : fill);
    }
}
