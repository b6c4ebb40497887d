package dev.syncer.engine.activeactive.crdt;

import dev.syncer.engine.keyspace.Key;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The binary form of a {@link Delta}, the third argument of {@code CRDT.APPLY <origin> <ts> <delta>}.
 * The tag travels in the command, so writes inside carry none. Grammar (varint = unsigned LEB128,
 * zvarint = zigzag LEB128, blob = varint length + bytes, vv = varint n, n × (blob origin, varint ts)):
 * <pre>
 * delta    = version:u8 (1)  keys:varint  key*
 * key      = name:blob  ops:varint  op*
 * op       = 1 kind:u8 element:blob payload        register write, tagged with the delta's tag
 *          | 2 kind:u8 element:blob since:varint total   the delta's origin's counter point at the delta's ts
 *          | 3 kind:u8 element:blob vv points      observed removal of one element
 *          | 4 vv                                  observed removal of the whole key's register writes
 *          | 5 bound:varint                        expiry tombstone: register writes with ts below bound are gone
 * kind     = 1 string | 2 list | 3 hash field | 4 set member | 5 sorted-set member | 6 TTL
 * payload  = string, hash: blob | list: varint n (n > 0), n × blob | set: nothing
 *          | sorted set: f64 big-endian (not NaN) | TTL: zvarint unix ms, -1 for none
 * total    = string, hash: zvarint | sorted set: f64 big-endian (not NaN)
 * points   = varint n, n × (origin:blob since:varint ts:varint total)   counter points observed
 * </pre>
 * An INCRBY ships its origin's new counter point (op 2): the sum of that origin's increments of
 * the element since {@code since}, so a counter's state stays one point per origin.
 * The element name of a string, a list and a TTL is empty. Decoding rejects an unknown version,
 * op or kind, a truncated or over-long field, trailing bytes, and values out of their domain.
 */
public final class DeltaCodec {

    public static final int VERSION = 1;

    static final int OP_WRITE = 1;
    static final int OP_COUNT = 2;
    static final int OP_REMOVE_ELEMENT = 3;
    static final int OP_REMOVE_KEY = 4;
    static final int OP_EXPIRED_BEFORE = 5;

    private static final ElementKind[] KINDS = ElementKind.values(); // values() copies its array on every call

    private DeltaCodec() {
    }

    public static byte[] encode(Delta delta) {
        ByteWriter out = new ByteWriter();
        out.writeByte(VERSION);
        out.writeVarLong(delta.size());
        for (int i = 0; i < delta.size(); i++) {
            out.writeBlob(delta.keyAt(i).bytes());
            encodeKey(out, delta.stateAt(i), delta.tag());
        }
        return out.toByteArray();
    }

    /** The key's ops, counted first (the count leads them on the wire), then written: no list of closures per write. */
    private static void encodeKey(ByteWriter out, KeyState s, Tag tag) {
        out.writeVarLong(writeOps(null, s, tag));
        writeOps(out, s, tag);
    }

    /** Writes the key's ops to out (null: only counts them, checking every write carries the tag); their number. */
    private static int writeOps(ByteWriter out, KeyState s, Tag tag) {
        int ops = 0;
        if (s.expiredBefore() > 0) {
            ops++;
            if (out != null) {
                out.writeByte(OP_EXPIRED_BEFORE);
                out.writeVarLong(s.expiredBefore());
            }
        }
        if (s.removed() != null) {
            ops++;
            if (out != null) {
                out.writeByte(OP_REMOVE_KEY);
                writeVector(out, s.removed());
            }
        }
        for (ElementKind kind : KINDS) {
            if (!kind.named()) {
                ElementState es = s.element(kind, KeyState.UNNAMED);
                if (es != null) {
                    ops += writeElementOps(out, kind, KeyState.UNNAMED, es, tag);
                }
                continue;
            }
            Map<Key, ElementState> map = s.elementsOf(kind);
            if (map != null) {
                for (Key name : StateCodec.sortedNames(map)) {
                    ops += writeElementOps(out, kind, name, map.get(name), tag);
                }
            }
        }
        return ops;
    }

    /** Writes one element's ops to out (null: only counts them); their number. */
    private static int writeElementOps(ByteWriter out, ElementKind kind, Key name, ElementState es, Tag tag) {
        int ops = 0;
        if (es.removed() != null || !es.counted().isEmpty()) {
            ops++;
            if (out != null) {
                writeElementOp(out, OP_REMOVE_ELEMENT, kind, name);
                writeVector(out, es.removed());
                out.writeVarLong(es.counted().size());
                for (Map.Entry<String, Counter> c : es.counted().entrySet()) {
                    out.writeString(c.getKey());
                    kind.writeCounter(out, c.getValue());
                }
            }
        }
        for (Write w : es.writes()) {
            ops++;
            if (out == null) {
                requireTag(w.tag(), tag);
            } else {
                writeElementOp(out, OP_WRITE, kind, name);
                kind.writePayload(out, w.payload());
            }
        }
        for (Map.Entry<String, Counter> c : es.counters().entrySet()) {
            ops++;
            if (out == null) {
                requireTag(new Tag(c.getValue().ts(), c.getKey()), tag);
            } else {
                writeElementOp(out, OP_COUNT, kind, name);
                out.writeVarLong(c.getValue().since());
                kind.writeAmount(out, c.getValue().total());
            }
        }
        return ops;
    }

    private static void requireTag(Tag actual, Tag expected) {
        if (!actual.equals(expected)) {
            throw new IllegalStateException("a delta's writes carry its tag " + expected + ", not " + actual);
        }
    }

    private static void writeElementOp(ByteWriter out, int op, ElementKind kind, Key name) {
        out.writeByte(op);
        out.writeByte(kind.code());
        out.writeBlob(name.bytes());
    }

    private static void writeVector(ByteWriter out, VersionVector vv) {
        if (vv == null) {
            out.writeVarLong(0);
            return;
        }
        out.writeVarLong(vv.size());
        for (int i = 0; i < vv.size(); i++) {
            out.writeString(vv.origin(i));
            out.writeVarLong(vv.timestamp(i));
        }
    }

    /** Decodes a delta sent with this tag; {@link MalformedStateException} if the bytes are not one. */
    public static Delta decode(Tag tag, byte[] bytes) {
        return decode(tag, bytes, null);
    }

    /** Decodes a delta, taking the origins it names from {@code known} when it has them (null: decodes each). */
    public static Delta decode(Tag tag, byte[] bytes, OriginNames known) {
        ByteReader in = new ByteReader(bytes);
        int version = in.readByte();
        if (version != VERSION) {
            throw in.malformed("unsupported delta version " + version);
        }
        Delta delta = new Delta(tag);
        int keys = in.readCount("key", 2);
        for (int k = 0; k < keys; k++) {
            KeyState s = delta.key(new Key(in.readBlob("key")));
            int ops = in.readCount("op", 1);
            for (int i = 0; i < ops; i++) {
                decodeOp(in, s, tag, known);
            }
        }
        in.expectEnd();
        return delta;
    }

    private static void decodeOp(ByteReader in, KeyState s, Tag tag, OriginNames known) {
        int op = in.readByte();
        switch (op) {
            case OP_WRITE -> {
                ElementKind kind = ElementKind.byCode(in.readByte(), in);
                Key name = readName(in, kind);
                s.write(kind, name, tag, kind.readPayload(in));
            }
            case OP_COUNT -> {
                ElementKind kind = ElementKind.byCode(in.readByte(), in);
                Key name = readName(in, kind);
                if (!kind.counts()) {
                    throw in.malformed(kind + " takes no increments");
                }
                long since = in.readVarLong();
                if (since >= tag.ts()) {
                    throw in.malformed("counter point ends before it starts");
                }
                s.count(kind, name, tag.origin(), new Counter(since, tag.ts(), kind.readAmount(in)));
            }
            case OP_REMOVE_ELEMENT -> {
                ElementKind kind = ElementKind.byCode(in.readByte(), in);
                Key name = readName(in, kind);
                VersionVector writes = readVector(in, known);
                int n = in.readCount("counter point", 4);
                if (n > 0 && !kind.counts()) {
                    throw in.malformed(kind + " takes no increments");
                }
                Map<String, Counter> points = new java.util.TreeMap<>();
                for (int i = 0; i < n; i++) {
                    points.merge(in.readOrigin(known), kind.readCounter(in), Counter::later);
                }
                s.removeElement(kind, name, writes, points);
            }
            case OP_REMOVE_KEY -> s.removeKey(readVector(in, known));
            case OP_EXPIRED_BEFORE -> s.expireBefore(in.readTimestamp());
            default -> throw in.malformed("unknown op " + op);
        }
    }

    static Key readName(ByteReader in, ElementKind kind) {
        byte[] name = in.readBlob("element");
        if (!kind.named() && name.length != 0) {
            throw in.malformed(kind + " element must be unnamed");
        }
        return name.length == 0 ? KeyState.UNNAMED : new Key(name);
    }

    private static VersionVector readVector(ByteReader in, OriginNames known) {
        int n = in.readCount("version vector entry", 2);
        VersionVector vv = new VersionVector();
        for (int i = 0; i < n; i++) {
            String origin = in.readOrigin(known);
            vv.observe(origin, in.readTimestamp());
        }
        return vv;
    }
}
