package dev.syncer.engine.keyspace;


import java.util.Arrays;

/**
 * The bookkeeping of one radix-tree node of a Redis stream (a listpack of entries delta-encoded
 * against a master entry), without its bytes: where it starts, its master fields, how many live
 * and deleted entries it holds and how large Redis's listpack would be. Appends open a new node
 * exactly where streamAppendItem would, and approximate trimming (MAXLEN ~, MINID ~) removes whole
 * nodes only, so both follow Redis's decisions entry for entry.
 */
public final class StreamNode {

    /** stream-node-max-bytes and stream-node-max-entries at their defaults. */
    public static final int MAX_BYTES = 4096;
    public static final int MAX_ENTRIES = 100;
    static final int FLAG_SAMEFIELDS = 2;
    private static final int LISTPACK_OVERHEAD = 7; // 6-byte header + end byte

    final StreamId master;
    final byte[][] masterFields;
    int live;
    int deleted;
    /** Bytes of every listpack element after the two counters (master fields and entries). */
    long bodyBytes;
    /** The last entry ever appended (deleted or not): what MINID ~ compares. */
    StreamId last;

    StreamNode(StreamId master, byte[][] masterFields, int live, int deleted, long bodyBytes, StreamId last) {
        this.master = master;
        this.masterFields = masterFields;
        this.live = live;
        this.deleted = deleted;
        this.bodyBytes = bodyBytes;
        this.last = last;
    }

    /** A node opened for the entry with this ID and fields (field, value, field, value...). */
    static StreamNode open(StreamId id, byte[][] fieldsAndValues) {
        int n = fieldsAndValues.length / 2;
        byte[][] fields = new byte[n][];
        long body = intSize(n) + intSize(0);
        for (int i = 0; i < n; i++) {
            fields[i] = fieldsAndValues[2 * i];
            body += stringSize(fields[i]);
        }
        return new StreamNode(id, fields, 0, 0, body, id);
    }

    /** A node as read from an RDB listpack, with its real size in bytes. */
    public static StreamNode loaded(StreamId master, byte[][] masterFields, int live, int deleted, long listpackBytes,
                                    StreamId last) {
        long body = listpackBytes - LISTPACK_OVERHEAD - intSize(live) - intSize(deleted);
        return new StreamNode(master, masterFields, live, deleted, body, last);
    }

    StreamNode copy() {
        return new StreamNode(master, masterFields, live, deleted, bodyBytes, last);
    }

    public StreamId master() {
        return master;
    }

    public byte[][] masterFields() {
        return masterFields;
    }

    public int live() {
        return live;
    }

    /** lpBytes of Redis's listpack for this node. */
    long bytes() {
        return LISTPACK_OVERHEAD + intSize(live) + intSize(deleted) + bodyBytes;
    }

    /** STREAM_LISTPACK_MAX_SIZE: the byte limit when stream-node-max-bytes is 0 or above it. */
    static final long LISTPACK_MAX_SIZE = 1L << 30;

    /**
     * Whether streamAppendItem would start a new node rather than append an entry of these sizes
     * here, under stream-node-max-bytes and stream-node-max-entries (0: no entry limit).
     */
    boolean full(long fieldAndValueBytes, long maxBytes, long maxEntries) {
        long limit = maxBytes == 0 || maxBytes > LISTPACK_MAX_SIZE ? LISTPACK_MAX_SIZE : maxBytes;
        return bytes() + fieldAndValueBytes >= limit || maxEntries != 0 && live + deleted >= maxEntries;
    }

    /** Accounts for an appended entry, as streamAppendItem lays it out. */
    void append(StreamId id, byte[][] fieldsAndValues) {
        int n = fieldsAndValues.length / 2;
        boolean same = sameFields(fieldsAndValues);
        long size = intSize(same ? FLAG_SAMEFIELDS : 0) + intSize(id.ms() - master.ms()) + intSize(id.seq() - master.seq());
        if (!same) {
            size += intSize(n);
        }
        for (int i = 0; i < n; i++) {
            if (!same) {
                size += stringSize(fieldsAndValues[2 * i]);
            }
            size += stringSize(fieldsAndValues[2 * i + 1]);
        }
        size += intSize(same ? n + 3 : 2L * n + 4);
        bodyBytes += size;
        live++;
        last = id;
    }

    /** Whether the entry's fields equal the master entry's, in order (STREAM_ITEM_FLAG_SAMEFIELDS). */
    public boolean sameFields(byte[][] fieldsAndValues) {
        if (fieldsAndValues.length != masterFields.length * 2) {
            return false;
        }
        for (int i = 0; i < masterFields.length; i++) {
            if (!Arrays.equals(masterFields[i], fieldsAndValues[2 * i])) {
                return false;
            }
        }
        return true;
    }

    /** Size of a listpack integer element with its backlen (lpEncodeIntegerGetType). */
    static long intSize(long v) {
        if (v >= 0 && v <= 127) {
            return 2;
        } else if (v >= -4096 && v <= 4095) {
            return 3;
        } else if (v >= -32768 && v <= 32767) {
            return 4;
        } else if (v >= -8388608 && v <= 8388607) {
            return 5;
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            return 6;
        }
        return 10;
    }

    /** Size of a listpack element holding these bytes (integers when they are canonical int64 text). */
    static long stringSize(byte[] s) {
        Long v = Numbers.parseLong(s);
        if (v != null) {
            return intSize(v);
        }
        long n = s.length;
        long entry = (n < 64 ? 1 : n < 4096 ? 2 : 5) + n;
        return entry + backlenSize(entry);
    }

    private static int backlenSize(long l) {
        return l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
    }
}
