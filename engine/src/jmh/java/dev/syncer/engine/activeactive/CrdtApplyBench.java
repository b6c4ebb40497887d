package dev.syncer.engine.activeactive;

import dev.syncer.engine.activeactive.crdt.Changes;
import dev.syncer.engine.activeactive.crdt.Delta;
import dev.syncer.engine.activeactive.crdt.KeyState;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.testing.TestClock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CRDT part of a remote {@code CRDT.APPLY} without the shard around it: the origin found
 * ({@link ClusterIds}), the arguments checked and the delta decoded ({@link ApplyCommands#parse}),
 * its greatest timestamp found, and each of its key states joined into the key's state, as
 * {@code CrdtStore} does before it materializes the value. The deltas are those of real writes
 * (SET, INCRBY, HSET, SADD, ZADD, RPUSH; 1,200 over 300 keys, four to a key), made once by a
 * shard of cluster east; each call re-tags the next one with a newer timestamp, so every join
 * changes the state as a stream of fresh deltas does. The states start empty again with every
 * pass over the deltas, so they stay as small as a live stream's.
 */
@State(Scope.Thread)
public class CrdtApplyBench {

    private static final long T0 = 1_700_000_000_000L;

    private final List<byte[]> encoded = new ArrayList<>();
    private final Map<Key, KeyState> states = new HashMap<>();
    private final ClusterIds clusterIds = new ClusterIds();
    private byte[] origin;
    private long ts;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        try (AaNode east = AaNode.primary("east", new TestClock(T0))) {
            for (int i = 0; i < 1_200; i++) {
                int key = i % 300;
                String k = "k" + key;
                switch (key % 6) {
                    case 0 -> east.call("SET", "s:" + k, "v".repeat(64));
                    case 1 -> east.call("INCRBY", "c:" + k, "3");
                    case 2 -> east.call("HSET", "h:" + k, "f" + i % 10, "v".repeat(64));
                    case 3 -> east.call("SADD", "t:" + k, "m" + i % 10);
                    case 4 -> east.call("ZADD", "z:" + k, Integer.toString(i), "m" + i % 10);
                    default -> east.call("RPUSH", "l:" + k, "v".repeat(64));
                }
            }
            for (AaNode.Propagated p : east.drain()) {
                if ("east".equals(p.origin())) {
                    encoded.add(p.argv()[3]);
                }
            }
        }
        origin = "east".getBytes(StandardCharsets.UTF_8);
        ts = (T0 + 1_000) << 16;
    }

    @Benchmark
    public boolean applyDelta() {
        byte[] delta = encoded.get(next);
        if (++next == encoded.size()) {
            next = 0;
            states.clear();
        }
        Delta d = ApplyCommands.parse(clusterIds.of(origin), Long.toString(++ts).getBytes(StandardCharsets.US_ASCII), delta, clusterIds);
        long max = d.maxTimestamp();
        boolean changed = max < 0;
        for (int i = 0; i < d.size(); i++) {
            Changes c = states.computeIfAbsent(d.keyAt(i), k -> new KeyState()).join(d.stateAt(i));
            changed |= c.any();
        }
        return changed;
    }
}
