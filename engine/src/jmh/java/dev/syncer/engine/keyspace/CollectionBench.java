package dev.syncer.engine.keyspace;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Small collections' footprint and hot path: 100k hashes, 100k sets and 100k sorted sets of 5
 * short fields or members each, as compare-redis-benchmark.sh loads them ("field0".."field4" =
 * "value:N", "member:N".."member:N+4", scored 0..4). The setup prints the heap each collection
 * costs, key included (used heap after GC, before and after the fill); the benchmarks read and
 * write one of them. {@code saddBig} and {@code hsetBig} write one big set and one big hash as
 * redis-benchmark's SADD and HSET do ({@code element:N} of 100k, most already there); the setup
 * prints the heap that big hash costs per field. {@code zaddBig} writes one big sorted set as
 * redis-benchmark's ZADD does (a random score of 100k for {@code element:N} of 100k, so nearly every
 * call moves a member in the order tree); {@code zrankBig} and {@code zscoreBig} read it; the setup prints its heap per member.
 */
@State(Scope.Thread)
public class CollectionBench {

    private static final int KEYS = 100_000;
    private static final int FIELDS = 5;

    private Database db;
    private Key[] hashKeys;
    private Key[] setKeys;
    private Key[] fields;
    private SetValue bigSet;
    private HashValue bigHash;
    private ZSetValue bigZSet;
    private Key[] elements;

    @Setup(Level.Trial)
    public void setUp() {
        db = new Keyspace().db(0);
        fields = new Key[FIELDS];
        for (int k = 0; k < FIELDS; k++) {
            fields[k] = Key.of("field" + k);
        }
        long before = usedAfterGc();
        for (int i = 0; i < KEYS; i++) {
            HashValue hash = new HashValue();
            for (int k = 0; k < FIELDS; k++) {
                hash.fields().put(Key.of("field" + k), bytes("value:" + i));
            }
            db.put(Key.of("hash:" + i), hash);
        }
        long hashes = usedAfterGc();
        for (int i = 0; i < KEYS; i++) {
            SetValue set = new SetValue();
            for (int k = 0; k < FIELDS; k++) {
                set.members().add(Key.of("member:" + (i + k)));
            }
            db.put(Key.of("set:" + i), set);
        }
        long sets = usedAfterGc();
        for (int i = 0; i < KEYS; i++) {
            ZSetValue zset = new ZSetValue();
            for (int k = 0; k < FIELDS; k++) {
                zset.put(Key.of("member:" + (i + k)), k);
            }
            db.put(Key.of("zset:" + i), zset);
        }
        long zsets = usedAfterGc();
        System.out.printf("%n%d small hashes: %.1f bytes of heap each; sets: %.1f; sorted sets: %.1f%n",
                KEYS, (hashes - before) / (double) KEYS, (sets - hashes) / (double) KEYS, (zsets - sets) / (double) KEYS);
        hashKeys = new Key[KEYS];
        setKeys = new Key[KEYS];
        for (int i = 0; i < KEYS; i++) {
            hashKeys[i] = Key.of("hash:" + i);
            setKeys[i] = Key.of("set:" + i);
        }
        bigSet = new SetValue();
        bigHash = new HashValue();
        elements = new Key[KEYS];
        for (int i = 0; i < KEYS; i++) {
            elements[i] = Key.of("element:" + String.format("%012d", i));
            bigSet.members().add(elements[i]);
        }
        long beforeZSet = usedAfterGc();
        bigZSet = new ZSetValue();
        for (int i = 0; i < KEYS; i++) {
            bigZSet.put(elements[i], ThreadLocalRandom.current().nextInt(KEYS)); // the members are bigSet's
        }
        System.out.printf("a sorted set of %d members: %.1f bytes of heap per member, members' keys aside%n",
                KEYS, (usedAfterGc() - beforeZSet) / (double) KEYS);
        long beforeBig = usedAfterGc();
        for (int i = 0; i < KEYS; i++) {
            bigHash.set(elements[i].bytes().clone(), bytes("xxx")); // the field's bytes as HSET's argument hands them
        }
        System.out.printf("a hash of %d fields: %.1f bytes of heap per field%n", KEYS, (usedAfterGc() - beforeBig) / (double) KEYS);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Benchmark
    public byte[] hget() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        HashValue hash = (HashValue) db.get(hashKeys[r.nextInt(KEYS)]);
        return hash.fields().get(fields[r.nextInt(FIELDS)]);
    }

    @Benchmark
    public byte[] hset() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int i = r.nextInt(KEYS);
        HashValue hash = db.getForWrite(hashKeys[i]);
        return hash.fields().put(fields[r.nextInt(FIELDS)], bytes("value:" + i));
    }

    @Benchmark
    public boolean sismember() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int i = r.nextInt(KEYS);
        SetValue set = (SetValue) db.get(setKeys[i]);
        return set.members().contains(Key.of("member:" + (i + r.nextInt(FIELDS))));
    }

    @Benchmark
    public boolean saddBig() {
        // a fresh Key per call, as a command's argument is: its hash computed, its bytes elsewhere
        return bigSet.members().add(new Key(elements[ThreadLocalRandom.current().nextInt(KEYS)].bytes().clone()));
    }

    @Benchmark
    public boolean hsetBig() {
        // a fresh array per call, as a command's argument is; HSET hands the bytes, no Key
        return bigHash.set(elements[ThreadLocalRandom.current().nextInt(KEYS)].bytes().clone(), XXX);
    }

    @Benchmark
    public boolean zaddBig() {
        // ZADD's steps: the member's score looked up, then set when it changes; a fresh Key per call
        ThreadLocalRandom r = ThreadLocalRandom.current();
        Key member = new Key(elements[r.nextInt(KEYS)].bytes().clone());
        double score = r.nextInt(KEYS);
        return bigZSet.scoreOrNaN(member) != score && bigZSet.put(member, score);
    }

    @Benchmark
    public long zrankBig() {
        return bigZSet.rank(new Key(elements[ThreadLocalRandom.current().nextInt(KEYS)].bytes().clone()));
    }

    @Benchmark
    public double zscoreBig() {
        return bigZSet.scoreOrNaN(new Key(elements[ThreadLocalRandom.current().nextInt(KEYS)].bytes().clone()));
    }

    private static final byte[] XXX = bytes("xxx");
}
