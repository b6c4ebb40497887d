package dev.syncer.engine.keyspace;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database under random writes behaves as a plain map of keys to values and expiry times: the
 * same contents through every way of reading it, the same used-memory figure, and a snapshot
 * taken in the middle still shows its instant after the writes that follow.
 */
class DatabaseModelTest {

    private static final long NOW = 1_800_000_000_000L;

    private final Random random = new Random(13);
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, Long> expires = new HashMap<>();

    @Test
    void randomWritesAndReadsAgreeWithAMapAndASnapshotKeepsItsInstant() throws InterruptedException {
        Keyspace keyspace = new Keyspace(1, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        Database db = keyspace.db(0);
        ArrayDeque<Runnable> loop = new ArrayDeque<>();
        Snapshot snapshot = null;
        Map<String, String> atSnapshot = null;
        for (int op = 0; op < 60_000; op++) {
            step(db);
            if (op == 30_000) {
                snapshot = keyspace.beginSnapshot(loop::add);
                atSnapshot = contents(values, expires);
            }
            if (op % 500 == 0 && !loop.isEmpty()) {
                loop.poll().run(); // the loop freezes a batch of segments now and then
            }
            if (op % 10_000 == 0) {
                assertAgrees(keyspace, db);
            }
        }
        assertAgrees(keyspace, db);
        while (!loop.isEmpty()) {
            loop.poll().run();
        }
        Map<String, String> seen = new TreeMap<>();
        snapshot.visit(0, (k, v, at) -> seen.put(k.toString(), describe(v) + " " + at));
        assertThat(seen).isEqualTo(atSnapshot);
        snapshot.close();
    }

    @Test
    void aStringReadBackKeepsTheEncodingClockAndMetadataGivenAfterItWasStored() {
        Keyspace keyspace = new Keyspace(1, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        Database db = keyspace.db(0);
        Key key = Key.of("k");
        StringValue stored = StringValue.of("12345");
        db.put(key, stored);
        KeyAccess.setIdle(stored, 100, NOW); // RESTORE ... IDLETIME, after the value was stored
        db.peek(key).encoding(Encoding.RAW); // the encoding tracker, after the write
        RedisValue read = db.getNoTouch(key);
        assertThat(KeyAccess.idleSeconds(read, NOW)).isEqualTo(100);
        assertThat(read.encoding()).isEqualTo(Encoding.RAW);
        db.get(key); // a read that touches it
        assertThat(KeyAccess.idleSeconds(db.peek(key), NOW)).isZero();

        StringValue withMeta = StringValue.of("v");
        ValueMeta meta = () -> null;
        withMeta.meta(meta);
        db.put(key, withMeta);
        assertThat(db.get(key).meta()).isSameAs(meta);
        RedisValue duplicate = Values.duplicate(StringValue.of("7"));
        db.put(key, duplicate);
        assertThat(db.get(key).isDuplicate()).isTrue();
        db.put(Key.of("x".repeat(70_000)), StringValue.of("long key"));
        assertThat(((StringValue) db.get(Key.of("x".repeat(70_000)))).bytes()).isEqualTo("long key".getBytes(StandardCharsets.US_ASCII));
    }

    private void step(Database db) {
        String name = (random.nextInt(10) == 0 ? "a-much-longer-key-name-".repeat(4) : "key:") + random.nextInt(3000);
        Key key = Key.of(name);
        if (random.nextInt(4) > 0) {
            assertThat(db.getNoTouch(key) == null).isEqualTo(live(name) == null); // both delete it if expired
        }
        switch (random.nextInt(9)) {
            case 0, 1 -> {
                StringValue v = StringValue.of(random.nextInt(4) == 0 ? "v".repeat(random.nextInt(400)) : "value:" + random.nextInt(20_000));
                db.put(key, v);
                values.put(name, describe(v));
                expires.remove(name);
            }
            case 2 -> {
                if (values.containsKey(name)) {
                    StringValue v = StringValue.of(random.nextInt(100));
                    db.putKeepTtl(key, v);
                    values.put(name, describe(v));
                }
            }
            case 3 -> {
                if (!exists(db, key, name)) {
                    HashValue h = new HashValue();
                    h.fields().put(Key.of("f"), "1".getBytes(StandardCharsets.US_ASCII));
                    db.put(key, h);
                    values.put(name, describe(h));
                } else if (db.get(key) instanceof HashValue) {
                    HashValue h = db.getForWrite(key);
                    h.fields().put(Key.of("f" + random.nextInt(5)), "2".getBytes(StandardCharsets.US_ASCII));
                    values.put(name, describe(h));
                } else {
                    assertThat(describe(db.get(key))).isEqualTo(values.get(name));
                }
            }
            case 4 -> {
                boolean existed = live(name) != null;
                assertThat(db.remove(key)).isEqualTo(existed);
                values.remove(name);
                expires.remove(name);
            }
            case 5 -> {
                if (exists(db, key, name)) {
                    long at = NOW + (random.nextBoolean() ? 60_000 : -1);
                    db.setExpire(key, at);
                    expires.put(name, at);
                }
            }
            case 6 -> assertThat(db.persist(key)).isEqualTo(expires.remove(name) != null);
            case 7 -> assertThat(db.expireAt(key)).isEqualTo(expires.getOrDefault(name, -1L));
            default -> {
                RedisValue v = db.get(key);
                assertThat(v == null ? null : describe(v)).isEqualTo(live(name));
            }
        }
    }

    /** Whether the key exists in both, each deleting it if it expired. */
    private boolean exists(Database db, Key key, String name) {
        boolean exists = db.getNoTouch(key) != null;
        assertThat(exists).isEqualTo(live(name) != null);
        return exists;
    }

    /** The model's value if the key exists and has not expired; an expired key is deleted, as a primary's lookup does. */
    private String live(String name) {
        Long at = expires.get(name);
        if (at != null && at < NOW) {
            values.remove(name);
            expires.remove(name);
        }
        return values.get(name);
    }

    private void assertAgrees(Keyspace keyspace, Database db) {
        keyspace.settleMemory();
        assertThat(db.size()).isEqualTo(values.size());
        assertThat(db.expiresSize()).isEqualTo(expires.size());
        Map<String, String> seen = new TreeMap<>();
        long memory = 0;
        db.forEach((k, v, at) -> seen.put(k.toString(), describe(v) + " " + at));
        assertThat(seen).isEqualTo(contents(values, expires));
        for (String name : values.keySet()) {
            Key key = Key.of(name);
            memory += ObjectSize.keyAndValue(key, db.peek(key));
        }
        assertThat(keyspace.usedMemory()).isEqualTo(memory + (long) expires.size() * ObjectSize.DICT_ENTRY);
        Set<String> scanned = new HashSet<>();
        long cursor = 0;
        do {
            cursor = db.scan(cursor, 10, (k, v) -> scanned.add(k.toString()));
        } while (cursor != 0);
        Set<String> alive = new HashSet<>();
        for (String name : new HashSet<>(values.keySet())) {
            if (live(name) != null) {
                alive.add(name);
            }
        }
        assertThat(scanned).isEqualTo(alive);
        Key some = db.randomKey();
        assertThat(some == null ? values.isEmpty() : values.containsKey(some.toString())).isTrue();
    }

    private static Map<String, String> contents(Map<String, String> values, Map<String, Long> expires) {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, v + " " + expires.getOrDefault(k, -1L)));
        return out;
    }

    private static String describe(RedisValue v) {
        if (v instanceof StringValue s) {
            return "s:" + new String(s.bytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> fields = new TreeMap<>();
        ((HashValue) v).fields().forEach((f, b) -> fields.put(f.toString(), new String(b, StandardCharsets.UTF_8)));
        return "h:" + fields;
    }
}
