package dev.syncer.engine.activeactive;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.rdb.RdbException;
import dev.syncer.engine.rdb.RdbExtension;
import dev.syncer.engine.rdb.RdbFile;
import dev.syncer.engine.rdb.RdbReader;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Active-Active content of an RDB, as trailing aux fields a real redis-server ignores:
 *
 * <pre>
 * aa-states      (db u16, key-length u32, key, state-length u32, state)*   one field per ~1 MB chunk
 * aa-tombstones  the same records, for deleted keys' states
 * aa-backlog     first-offset u64, the backlog bytes up to the snapshot's offset
 * </pre>
 * States are {@link dev.syncer.engine.activeactive.crdt.StateCodec} encodings. Written by an
 * Active-Active shard's full syncs and saves: the states of the snapshot's keys (read from the
 * snapshot's values on the writing thread), the tombstones and the backlog captured on the loop in
 * the snapshot's turn. Read back by {@link #read}.
 */
public final class SnapshotStates implements RdbExtension {

    static final String STATES = "aa-states";
    static final String TOMBSTONES = "aa-tombstones";
    static final String BACKLOG = "aa-backlog";
    private static final int CHUNK = 1 << 20;

    /** One key's state in the file. */
    public record Entry(int db, Key key, byte[] state) {
    }

    /** What {@link #read} found. */
    public record Content(List<Entry> states, List<Entry> tombstones, long backlogStart, byte[] backlog) {
        boolean hasBacklog() {
            return backlog != null && backlog.length > 0;
        }

        /** Every key's state, then every tombstone: what a full sync joins into the local primary. */
        public List<Entry> entries() {
            List<Entry> all = new ArrayList<>(states);
            all.addAll(tombstones);
            return all;
        }
    }

    private final List<Aux> done = new ArrayList<>();
    private final byte[] tombstones;
    private final byte[] backlog;
    private ByteArrayOutputStream chunk = new ByteArrayOutputStream();
    private DataOutputStream out = new DataOutputStream(chunk);

    /**
     * @param tombstones   every database's deleted keys' states (db → key → state), captured now
     * @param backlogStart the offset of the backlog's first byte
     * @param backlog      the backlog's bytes up to the snapshot's offset (may be empty)
     */
    SnapshotStates(List<Map<Key, byte[]>> tombstones, long backlogStart, byte[] backlog) {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(t);
        for (int db = 0; db < tombstones.size(); db++) {
            for (Map.Entry<Key, byte[]> e : tombstones.get(db).entrySet()) {
                record(d, db, e.getKey(), e.getValue());
            }
        }
        this.tombstones = t.toByteArray();
        ByteArrayOutputStream b = new ByteArrayOutputStream(backlog.length + 8);
        try {
            new DataOutputStream(b).writeLong(backlogStart);
            b.write(backlog);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.backlog = b.toByteArray();
    }

    @Override
    public void key(int db, Key key, RedisValue value) {
        byte[] state = ActiveActive.encodeState(value);
        if (state == null) {
            return;
        }
        record(out, db, key, state);
        if (chunk.size() >= CHUNK) {
            done.add(new Aux(STATES, chunk.toByteArray()));
            chunk = new ByteArrayOutputStream();
            out = new DataOutputStream(chunk);
        }
    }

    @Override
    public List<Aux> trailer() {
        List<Aux> all = new ArrayList<>(done);
        if (chunk.size() > 0) {
            all.add(new Aux(STATES, chunk.toByteArray()));
        }
        if (tombstones.length > 0) {
            all.add(new Aux(TOMBSTONES, tombstones));
        }
        all.add(new Aux(BACKLOG, backlog));
        return all;
    }

    private static void record(DataOutputStream d, int db, Key key, byte[] state) {
        try {
            d.writeShort(db);
            d.writeInt(key.bytes().length);
            d.write(key.bytes());
            d.writeInt(state.length);
            d.write(state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Active-Active fields of a loaded RDB; empty content for a plain one. */
    static Content read(RdbFile rdb) throws RdbException {
        List<Entry> states = new ArrayList<>();
        List<Entry> tombstones = new ArrayList<>();
        long backlogStart = -1;
        byte[] backlog = null;
        for (Aux a : rdb.extensions()) {
            try {
                switch (a.name()) {
                    case STATES -> entries(a.value(), states);
                    case TOMBSTONES -> entries(a.value(), tombstones);
                    case BACKLOG -> {
                        DataInputStream in = new DataInputStream(new ByteArrayInputStream(a.value()));
                        backlogStart = in.readLong();
                        backlog = in.readAllBytes();
                    }
                    default -> {
                        // a newer extension: ignored, as Redis ignores unknown aux fields
                    }
                }
            } catch (IOException e) {
                throw new RdbException("malformed " + a.name() + " field: " + e.getMessage());
            }
        }
        return new Content(states, tombstones, backlogStart, backlog);
    }

    private static void entries(byte[] field, List<Entry> into) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(field));
        while (in.available() > 0) {
            int db = in.readUnsignedShort();
            byte[] key = new byte[checkedLength(in.readInt(), in)];
            in.readFully(key);
            byte[] state = new byte[checkedLength(in.readInt(), in)];
            in.readFully(state);
            into.add(new Entry(db, new Key(key), state));
        }
    }

    private static int checkedLength(int n, DataInputStream in) throws IOException {
        if (n < 0 || n > in.available()) {
            throw new IOException("length " + n + " beyond the field");
        }
        return n;
    }

    /** Reads the states out of a received RDB file, then deletes the file (off the event loop). */
    public static Content readFile(Path file, Clock clock) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(new RdbReader(in, true).read(new Keyspace(16, clock), false));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
