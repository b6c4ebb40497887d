package dev.syncer.engine.keyspace;

import java.util.Arrays;

import static dev.syncer.engine.keyspace.StreamListpack.HEADER;
import static dev.syncer.engine.keyspace.StreamListpack.intSize;
import static dev.syncer.engine.keyspace.StreamListpack.stringSize;

/**
 * One radix-tree node of a Redis stream: a listpack of entries delta-encoded against a master
 * entry, held as Redis holds it (t_stream.c's layout, {@link StreamListpack}'s elements):
 * <pre>
 *   count, deleted, master field count, master fields..., 0,
 *   then per entry: flags, ms-delta, seq-delta, [field count, field, value...] or, with
 *   SAMEFIELDS, [value...], then lp-count (the entry's elements before it)
 * </pre>
 * Appends write in place (the array grows by doubling and is trimmed when the next node opens),
 * deletion sets the entry's DELETED flag, and a new node opens exactly where streamAppendItem
 * would, so approximate trimming (whole nodes) follows Redis's decisions entry for entry. Offsets
 * given out ({@code at}: an entry's flags element) stay valid until the node changes.
 */
public final class StreamNode {

    /** stream-node-max-bytes and stream-node-max-entries at their defaults. */
    public static final int MAX_BYTES = 4096;
    public static final int MAX_ENTRIES = 100;
    public static final int FLAG_DELETED = 1;
    public static final int FLAG_SAMEFIELDS = 2;
    /** STREAM_LISTPACK_MAX_SIZE: the byte limit when stream-node-max-bytes is 0 or above it. */
    static final long LISTPACK_MAX_SIZE = 1L << 30;
    /** The most a new tail's array starts with: past it, doubling costs little beside the entries' own bytes. */
    static final int ROOM_CAP = 1 << 16;

    final StreamId master;
    final byte[][] masterFields;
    private byte[] lp;
    /** Where the listpack's end byte goes: every element lies in [HEADER, size). */
    private int size;
    private int elements;
    /** Where the master field count starts (just after the two counters). */
    private int countsEnd;
    /** Where the first entry's flags start. */
    private int firstEntry;
    int live;
    int deleted;
    /** The last entry ever appended (deleted or not): what MINID ~ compares. */
    StreamId last;

    private StreamNode(StreamId master, byte[][] masterFields, byte[] lp, int size, int elements, int countsEnd,
                       int firstEntry, int live, int deleted, StreamId last) {
        this.master = master;
        this.masterFields = masterFields;
        this.lp = lp;
        this.size = size;
        this.elements = elements;
        this.countsEnd = countsEnd;
        this.firstEntry = firstEntry;
        this.live = live;
        this.deleted = deleted;
        this.last = last;
    }

    /** A node with no entry yet, its master entry taking these fields (the IDs' base is master). */
    public static StreamNode open(StreamId master, byte[][] fields) {
        return open(master, fields, 0);
    }

    /**
     * A node with no entry yet whose array starts with {@code room} bytes (up to {@link #ROOM_CAP}):
     * sized as the node it follows, the tail fills without regrowing (Redis reallocs in place).
     */
    private static StreamNode open(StreamId master, byte[][] fields, long room) {
        int bytes = HEADER + 2 + 2 + intSize(fields.length) + 2 + 1;
        for (byte[] f : fields) {
            bytes += stringSize(f);
        }
        int capacity = Math.max(64, Integer.highestOneBit(bytes) << 1);
        byte[] lp = new byte[(int) Math.max(capacity, Math.min(room, ROOM_CAP))];
        int at = StreamListpack.writeInt(lp, HEADER, 0);
        at = StreamListpack.writeInt(lp, at, 0);
        int countsEnd = at;
        at = StreamListpack.writeInt(lp, at, fields.length);
        for (byte[] f : fields) {
            at = StreamListpack.writeString(lp, at, f);
        }
        at = StreamListpack.writeInt(lp, at, 0);
        return new StreamNode(master, fields, lp, at, 4 + fields.length, countsEnd, at, 0, 0, master);
    }

    /**
     * A node opened by streamAppendItem for the entry with this ID and these field/value arguments,
     * its array starting with {@code room} bytes, as the node it follows (0: no hint).
     */
    static StreamNode open(StreamId id, byte[][] argv, int from, int n, long room) {
        byte[][] fields = new byte[n / 2][];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = argv[from + 2 * i];
        }
        return open(id, fields, room);
    }

    StreamNode copy() {
        return new StreamNode(master, masterFields, Arrays.copyOf(lp, size + 1), size, elements, countsEnd, firstEntry,
                live, deleted, last);
    }

    /** Gives back the room kept for appends (the node is no longer the stream's tail). */
    void compact() {
        if (lp.length > size + 1) {
            lp = Arrays.copyOf(lp, size + 1);
        }
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

    public int deleted() {
        return deleted;
    }

    /** The last entry ever appended here, deleted or not. */
    public StreamId last() {
        return last;
    }

    /** The bytes the node's array holds, room for appends included. */
    int capacity() {
        return lp.length;
    }

    /** lpBytes of the node's listpack. */
    public long bytes() {
        return size + 1L;
    }

    /** The node's listpack as Redis writes it: header, elements, end byte. */
    public byte[] listpack() {
        byte[] out = Arrays.copyOf(lp, size + 1);
        int total = size + 1;
        for (int i = 0; i < 4; i++) {
            out[i] = (byte) (total >>> (8 * i));
        }
        int count = Math.min(elements, 0xFFFF);
        out[4] = (byte) count;
        out[5] = (byte) (count >>> 8);
        out[size] = (byte) StreamListpack.END;
        return out;
    }

    /**
     * Whether streamAppendItem would start a new node rather than append an entry of these sizes
     * here, under stream-node-max-bytes and stream-node-max-entries (0: no entry limit).
     */
    boolean full(long fieldAndValueBytes, long maxBytes, long maxEntries) {
        long limit = maxBytes == 0 || maxBytes > LISTPACK_MAX_SIZE ? LISTPACK_MAX_SIZE : maxBytes;
        return bytes() + fieldAndValueBytes >= limit || maxEntries != 0 && live + deleted >= maxEntries;
    }

    /** Appends an entry (argv[from..from+n): field, value...), as streamAppendItem lays it out. */
    public void append(StreamId id, byte[][] argv, int from, int n, boolean deletedEntry) {
        int fields = n / 2;
        boolean same = sameFields(argv, from, n);
        int flags = (same ? FLAG_SAMEFIELDS : 0) | (deletedEntry ? FLAG_DELETED : 0);
        long msDelta = id.ms() - master.ms();
        long seqDelta = id.seq() - master.seq();
        int need = 2 + intSize(msDelta) + intSize(seqDelta) + (same ? 0 : intSize(fields)) + 10;
        for (int i = 0; i < n; i++) {
            if (!same || (i & 1) == 1) {
                need += argv[from + i].length + 10;
            }
        }
        ensure(need);
        int at = StreamListpack.writeInt(lp, size, flags);
        at = StreamListpack.writeInt(lp, at, msDelta);
        at = StreamListpack.writeInt(lp, at, seqDelta);
        if (!same) {
            at = StreamListpack.writeInt(lp, at, fields);
        }
        for (int i = 0; i < n; i++) {
            if (!same || (i & 1) == 1) {
                at = StreamListpack.writeString(lp, at, argv[from + i]);
            }
        }
        int lpCount = same ? fields + 3 : n + 4;
        size = StreamListpack.writeInt(lp, at, lpCount);
        elements += lpCount + 1;
        last = id;
        if (deletedEntry) {
            counts(live, deleted + 1);
        } else {
            counts(live + 1, deleted);
        }
    }

    private void ensure(int more) {
        if (size + more + 1 > lp.length) {
            lp = Arrays.copyOf(lp, Math.max(lp.length * 2, size + more + 1));
        }
    }

    /** Whether the entry's fields equal the master entry's, in order (STREAM_ITEM_FLAG_SAMEFIELDS). */
    private boolean sameFields(byte[][] argv, int from, int n) {
        if (n != masterFields.length * 2) {
            return false;
        }
        for (int i = 0; i < masterFields.length; i++) {
            if (!Arrays.equals(masterFields[i], argv[from + 2 * i])) {
                return false;
            }
        }
        return true;
    }

    /** Rewrites the two counters at the head of the listpack (lpReplaceInteger: they may change size). */
    void counts(int newLive, int newDeleted) {
        int oldBytes = countsEnd - HEADER;
        int newBytes = intSize(newLive) + intSize(newDeleted);
        if (newBytes != oldBytes) {
            int delta = newBytes - oldBytes;
            ensure(Math.max(0, delta));
            System.arraycopy(lp, countsEnd, lp, countsEnd + delta, size - countsEnd);
            size += delta;
            countsEnd += delta;
            firstEntry += delta;
        }
        StreamListpack.writeInt(lp, StreamListpack.writeInt(lp, HEADER, newLive), newDeleted);
        live = newLive;
        deleted = newDeleted;
    }

    // Entries, by the offset of their flags element.

    /** The first entry's offset, or {@link #end()} when the node holds none. */
    int first() {
        return firstEntry;
    }

    /** The offset just past the last entry. */
    int end() {
        return size;
    }

    /** Where the entry after the one at {@code at} starts. */
    int next(int at) {
        int p = StreamListpack.next(lp, at); // ms-delta
        p = StreamListpack.next(lp, p); // seq-delta
        p = StreamListpack.next(lp, p);
        boolean same = (StreamListpack.integer(lp, at) & FLAG_SAMEFIELDS) != 0;
        long rest = same ? masterFields.length : 2 * StreamListpack.integer(lp, p);
        if (!same) {
            p = StreamListpack.next(lp, p);
        }
        for (long i = 0; i < rest; i++) {
            p = StreamListpack.next(lp, p);
        }
        return StreamListpack.next(lp, p); // past lp-count
    }

    /** Where the entry ending just before {@code end} starts (walking back by its lp-count). */
    int previous(int end) {
        int p = StreamListpack.previous(lp, end);
        long count = StreamListpack.integer(lp, p);
        for (long i = 0; i < count; i++) {
            p = StreamListpack.previous(lp, p);
        }
        return p;
    }

    boolean isDeleted(int at) {
        return (StreamListpack.integer(lp, at) & FLAG_DELETED) != 0;
    }

    long ms(int at) {
        return master.ms() + StreamListpack.integer(lp, StreamListpack.next(lp, at));
    }

    long seq(int at) {
        return master.seq() + StreamListpack.integer(lp, StreamListpack.next(lp, StreamListpack.next(lp, at)));
    }

    /** The entry's fields and values (field, value, field, value...), copied out. */
    byte[][] fieldsAndValues(int at) {
        boolean same = (StreamListpack.integer(lp, at) & FLAG_SAMEFIELDS) != 0;
        int p = StreamListpack.next(lp, StreamListpack.next(lp, StreamListpack.next(lp, at)));
        int fields = masterFields.length;
        if (!same) {
            fields = (int) StreamListpack.integer(lp, p);
            p = StreamListpack.next(lp, p);
        }
        byte[][] fv = new byte[2 * fields][];
        for (int i = 0; i < fields; i++) {
            if (same) {
                fv[2 * i] = masterFields[i];
            } else {
                fv[2 * i] = StreamListpack.element(lp, p);
                p = StreamListpack.next(lp, p);
            }
            fv[2 * i + 1] = StreamListpack.element(lp, p);
            p = StreamListpack.next(lp, p);
        }
        return fv;
    }

    /** Sets the entry's DELETED flag in place (flags are 0..3: one byte either way); counters are the caller's. */
    void markDeleted(int at) {
        lp[at] |= FLAG_DELETED;
    }
}
