package dev.syncer.engine.activeactive.crdt;

import dev.syncer.engine.keyspace.Key;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The binary form of a complete {@link KeyState} (a live key's or a tombstone's), for full syncs
 * between clusters and for persistence. Canonical: equal states encode to equal bytes (origins,
 * kinds and element names are sorted), which tests use to compare replicas. Grammar, with the
 * primitives of {@link DeltaCodec} and origins referenced by their index in the table:
 * <pre>
 * state    = version:u8 (1)  origins:varint blob*  expiredBefore:varint  keyRemoved:ivv
 *            kinds:varint (kind:u8 elements:varint element*)*
 * element  = name:blob  writes:varint (origin:varint ts:varint payload)*  removed:ivv
 *            counters:points  counted:points
 * points   = varint n, n × (origin:varint since:varint ts:varint total)
 * ivv      = varint n, n × (origin:varint ts:varint)
 * </pre>
 */
public final class StateCodec {

    public static final int VERSION = 1;

    private StateCodec() {
    }

    public static byte[] encode(KeyState s) {
        TreeMap<String, Integer> origins = originTable(s);
        ByteWriter out = new ByteWriter();
        out.writeByte(VERSION);
        out.writeVarLong(origins.size());
        for (String origin : origins.keySet()) {
            out.writeString(origin);
        }
        out.writeVarLong(s.expiredBefore());
        writeVector(out, s.removed(), origins);
        Map<ElementKind, Map<Key, ElementState>> elements = s.elements();
        out.writeVarLong(elements.size());
        for (ElementKind kind : ElementKind.values()) {
            Map<Key, ElementState> map = elements.get(kind);
            if (map == null) {
                continue;
            }
            out.writeByte(kind.code());
            out.writeVarLong(map.size());
            for (Key name : sortedNames(map)) {
                ElementState es = map.get(name);
                out.writeBlob(name.bytes());
                out.writeVarLong(es.writes().size());
                for (Write w : es.writes()) {
                    out.writeVarLong(origins.get(w.tag().origin()));
                    out.writeVarLong(w.tag().ts());
                    kind.writePayload(out, w.payload());
                }
                writeVector(out, es.removed(), origins);
                writePoints(out, kind, es.counters(), origins);
                writePoints(out, kind, es.counted(), origins);
            }
        }
        return out.toByteArray();
    }

    public static KeyState decode(byte[] bytes) {
        ByteReader in = new ByteReader(bytes);
        int version = in.readByte();
        if (version != VERSION) {
            throw in.malformed("unsupported state version " + version);
        }
        int n = in.readCount("origin", 2);
        List<String> origins = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            origins.add(in.readOrigin());
        }
        KeyState s = new KeyState();
        long expiredBefore = in.readVarLong();
        if (expiredBefore > 0) {
            s.expireBefore(expiredBefore);
        }
        VersionVector keyRemoved = readVector(in, origins);
        if (!keyRemoved.isEmpty()) {
            s.removeKey(keyRemoved);
        }
        int kinds = in.readCount("kind", 2);
        for (int k = 0; k < kinds; k++) {
            ElementKind kind = ElementKind.byCode(in.readByte(), in);
            int count = in.readCount("element", 4);
            for (int e = 0; e < count; e++) {
                Key name = DeltaCodec.readName(in, kind);
                int writes = in.readCount("write", 2);
                for (int i = 0; i < writes; i++) {
                    Tag tag = readTag(in, origins);
                    s.write(kind, name, tag, kind.readPayload(in));
                }
                VersionVector removed = readVector(in, origins);
                Map<String, Counter> counters = readPoints(in, kind, origins);
                Map<String, Counter> counted = readPoints(in, kind, origins);
                if (!removed.isEmpty() || !counted.isEmpty()) {
                    s.removeElement(kind, name, removed, counted);
                }
                counters.forEach((origin, point) -> s.count(kind, name, origin, point));
            }
        }
        in.expectEnd();
        return s;
    }

    static List<Key> sortedNames(Map<Key, ElementState> map) {
        if (map.size() == 1) {
            return List.of(map.keySet().iterator().next()); // a delta's single element: no tree to sort one name
        }
        return new ArrayList<>(new TreeSet<>(map.keySet()));
    }

    private static TreeMap<String, Integer> originTable(KeyState s) {
        TreeSet<String> names = new TreeSet<>(s.observed().entries().keySet());
        TreeMap<String, Integer> table = new TreeMap<>();
        for (String name : names) {
            table.put(name, table.size());
        }
        return table;
    }

    private static void writePoints(ByteWriter out, ElementKind kind, Map<String, Counter> points,
                                    Map<String, Integer> origins) {
        out.writeVarLong(points.size());
        points.forEach((origin, point) -> {
            out.writeVarLong(origins.get(origin));
            kind.writeCounter(out, point);
        });
    }

    private static Map<String, Counter> readPoints(ByteReader in, ElementKind kind, List<String> origins) {
        int n = in.readCount("counter point", 4);
        if (n > 0 && !kind.counts()) {
            throw in.malformed(kind + " takes no increments");
        }
        Map<String, Counter> points = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            long index = in.readVarLong();
            if (index >= origins.size()) {
                throw in.malformed("origin index " + index + " out of range");
            }
            points.merge(origins.get((int) index), kind.readCounter(in), Counter::later);
        }
        return points;
    }

    private static void writeVector(ByteWriter out, VersionVector vv, Map<String, Integer> origins) {
        if (vv == null) {
            out.writeVarLong(0);
            return;
        }
        out.writeVarLong(vv.size());
        for (int i = 0; i < vv.size(); i++) {
            out.writeVarLong(origins.get(vv.origin(i)));
            out.writeVarLong(vv.timestamp(i));
        }
    }

    private static VersionVector readVector(ByteReader in, List<String> origins) {
        int n = in.readCount("version vector entry", 2);
        VersionVector vv = new VersionVector();
        for (int i = 0; i < n; i++) {
            Tag t = readTag(in, origins);
            vv.observe(t);
        }
        return vv;
    }

    private static Tag readTag(ByteReader in, List<String> origins) {
        long index = in.readVarLong();
        if (index >= origins.size()) {
            throw in.malformed("origin index " + index + " out of range");
        }
        return new Tag(in.readTimestamp(), origins.get((int) index));
    }
}
