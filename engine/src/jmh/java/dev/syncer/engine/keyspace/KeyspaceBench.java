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
 * The keyspace's hot path and footprint: GET and SET of small strings in a database of 1M keys
 * as DEBUG POPULATE makes them ("key:N" = "value:N"). The setup prints the heap each key costs
 * (used heap after GC, before and after the fill), the figure to compare with redis-server's
 * RSS per key.
 */
@State(Scope.Thread)
public class KeyspaceBench {

    private static final int KEYS = 1_000_000;

    private Database db;
    private Key[] keys;

    @Setup(Level.Trial)
    public void setUp() {
        Keyspace keyspace = new Keyspace();
        db = keyspace.db(0);
        keys = new Key[KEYS];
        long before = usedAfterGc();
        for (int i = 0; i < KEYS; i++) {
            db.put(Key.of("key:" + i), new StringValue(("value:" + i).getBytes(StandardCharsets.US_ASCII)));
        }
        long after = usedAfterGc();
        System.out.printf("%n%d small strings: %.1f bytes of heap per key%n", KEYS, (after - before) / (double) KEYS);
        for (int i = 0; i < KEYS; i++) {
            keys[i] = Key.of("key:" + i); // the lookups' own keys, as a command's arguments are
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Benchmark
    public RedisValue get() {
        return db.get(keys[ThreadLocalRandom.current().nextInt(KEYS)]);
    }

    @Benchmark
    public int set() {
        int i = ThreadLocalRandom.current().nextInt(KEYS);
        db.put(keys[i], new StringValue(("value:" + i).getBytes(StandardCharsets.US_ASCII)));
        return db.size();
    }
}
