package dev.syncer.engine.activeactive;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented conflict rules (conflict-rules.md), each on a hand-written concurrent history
 * between clusters A, B and C: the writes are made before any delta is exchanged, then every
 * cluster must show the result the rule names.
 */
class ConflictRulesTest {

    private static final long T0 = 1_700_000_000_000L;

    private AaDeployment d;
    private AaNode a;
    private AaNode b;
    private AaNode c;

    @BeforeEach
    void start() {
        d = new AaDeployment(T0, "A", "B", "C");
        a = d.node(0);
        b = d.node(1);
        c = d.node(2);
    }

    @AfterEach
    void stop() {
        d.close();
    }

    private String everywhere() {
        d.exchange();
        String dataset = a.dataset();
        assertThat(b.dataset()).isEqualTo(dataset);
        assertThat(c.dataset()).isEqualTo(dataset);
        assertThat(b.states()).isEqualTo(a.states());
        assertThat(c.states()).isEqualTo(a.states());
        return dataset;
    }

    @Test
    void concurrentSetsKeepTheLaterWrite() {
        a.call("SET", "k", "from-a");
        d.clock.advance(5);
        b.call("SET", "k", "from-b");
        assertThat(everywhere()).contains("k = string from-b");
    }

    @Test
    void setsWithEqualTimestampsAreResolvedByClusterId() {
        a.call("SET", "k", "from-a");
        c.call("SET", "k", "from-c");
        b.call("SET", "k", "from-b");
        assertThat(everywhere()).contains("k = string from-c");
    }

    @Test
    void concurrentIncrementsAddUp() {
        a.call("SET", "n", "10");
        d.exchange();
        assertThat(a.call("INCRBY", "n", "5")).isEqualTo(15L);
        assertThat(b.call("INCRBY", "n", "7")).isEqualTo(17L);
        assertThat(c.call("DECR", "n")).isEqualTo(9L);
        assertThat(everywhere()).contains("n = string 21");
    }

    @Test
    void aSetResetsTheIncrementsItObserved() {
        a.call("INCRBY", "n", "3");
        b.call("INCRBY", "n", "4");
        d.exchange();
        d.clock.advance(1);
        c.call("SET", "n", "100");
        d.clock.advance(1);
        a.call("INCR", "n");
        assertThat(everywhere()).contains("n = string 101");
    }

    @Test
    void incrementsConcurrentWithASetAddUpOnTopOfIt() {
        b.call("INCRBY", "n", "3"); // not seen by the SET, though earlier
        d.clock.advance(1);
        a.call("SET", "n", "100");
        d.clock.advance(1);
        c.call("INCR", "n"); // not seen by the SET, and later
        assertThat(everywhere()).contains("n = string 104");
    }

    @Test
    void aHotCounterStaysOnePointPerCluster() {
        for (int i = 0; i < 2000; i++) {
            (i % 2 == 0 ? a : b).call("INCR", "n");
        }
        String dataset = everywhere();
        assertThat(dataset).contains("n = string 2000");
        assertThat(a.states()).hasSizeLessThan(200); // two counter points, not two thousand increments
    }

    @Test
    void incrByFloatIsARegisterWriteOfItsResult() {
        a.call("SET", "f", "1.5");
        d.exchange();
        a.call("INCRBYFLOAT", "f", "1");
        d.clock.advance(1);
        b.call("INCRBYFLOAT", "f", "10");
        assertThat(everywhere()).contains("f = string 11.5");
    }

    @Test
    void hashFieldsAreLastWriteWinsAndHincrbyCounts() {
        a.call("HSET", "h", "x", "a1", "y", "a2");
        d.clock.advance(1);
        b.call("HSET", "h", "y", "b2", "z", "b3");
        a.call("HINCRBY", "h", "n", "2");
        c.call("HINCRBY", "h", "n", "40");
        assertThat(everywhere()).contains("h = hash {n=42, x=a1, y=b2, z=b3}");
    }

    @Test
    void aSetMemberAddedConcurrentlyWithItsRemovalStays() {
        a.call("SADD", "s", "m", "other");
        d.exchange();
        b.call("SREM", "s", "m", "other");
        c.call("SADD", "s", "m");
        assertThat(everywhere()).contains("s = set [m]");
    }

    @Test
    void sortedSetScoresAreLastWriteWinsAndZincrbyCounts() {
        a.call("ZADD", "z", "1", "m", "5", "p");
        d.exchange();
        a.call("ZADD", "z", "10", "p");
        d.clock.advance(1);
        b.call("ZADD", "z", "20", "p");
        a.call("ZINCRBY", "z", "2", "m");
        c.call("ZINCRBY", "z", "0.5", "m");
        assertThat(everywhere()).contains("z = zset [m=3.5, p=20.0]");
    }

    @Test
    void aMemberRemovedWhileAnotherClusterIncrementsItKeepsOnlyTheUnobservedIncrement() {
        a.call("ZADD", "z", "1", "m", "2", "n");
        d.exchange();
        b.call("ZREM", "z", "m");
        assertThat(c.call("ZINCRBY", "z", "5", "m")).isEqualTo("6");
        assertThat(everywhere()).contains("z = zset [n=2.0, m=5.0]");
    }

    @Test
    void aCounterDeletedWhileAnotherClusterIncrementsItKeepsOnlyTheUnobservedIncrement() {
        a.call("SET", "n", "100");
        d.exchange();
        b.call("DEL", "n");
        c.call("INCRBY", "n", "5");
        assertThat(everywhere()).contains("n = string 5");
    }

    @Test
    void aDeleteLosesToAConcurrentUpdate() {
        a.call("HSET", "h", "f", "1", "g", "2");
        d.exchange();
        b.call("DEL", "h");
        c.call("HSET", "h", "g", "3");
        assertThat(everywhere()).contains("h = hash {g=3}");
    }

    @Test
    void aDeleteRemovesWhatItObservedOnly() {
        a.call("SET", "k", "v");
        d.exchange();
        b.call("DEL", "k");
        assertThat(everywhere()).doesNotContain("k =");
    }

    @Test
    void aLateWriteTheDeleteObservedStaysDeleted() {
        a.call("SADD", "s", "x");
        List<AaNode.Propagated> addAtA = a.drain();
        for (AaNode.Propagated p : addAtA) {
            b.deliver(p); // B sees the add, C does not yet
        }
        b.call("DEL", "s");
        List<AaNode.Propagated> delAtB = b.drain();
        for (AaNode.Propagated p : delAtB) {
            c.deliver(p); // C gets the delete before the add it covers
        }
        for (AaNode.Propagated p : addAtA) {
            c.deliver(p);
        }
        assertThat(c.dataset()).doesNotContain("s =");
        for (AaNode.Propagated p : delAtB) {
            a.deliver(p);
        }
        assertThat(everywhere()).doesNotContain("s =");
    }

    @Test
    void theLaterTtlWriteWins() {
        a.call("SET", "k", "v");
        d.exchange();
        a.call("PEXPIREAT", "k", Long.toString(T0 + 60_000));
        d.clock.advance(1);
        b.call("PERSIST", "k");
        d.clock.advance(1);
        c.call("PEXPIREAT", "k", Long.toString(T0 + 90_000));
        assertThat(everywhere()).contains("k = string v ttl=" + (T0 + 90_000));
    }

    @Test
    void aSetWithoutKeepTtlClearsTheTtlOnlyIfItIsTheLaterWrite() {
        a.call("SET", "k", "v", "PX", "60000");
        d.exchange();
        b.call("SET", "k", "w");
        d.clock.advance(1);
        c.call("PEXPIRE", "k", "30000");
        assertThat(everywhere()).contains("k = string w ttl=" + (T0 + 1 + 30_000));
    }

    @Test
    void anExpiryRemovesEveryWriteMadeBeforeItsInstantWhereverItArrived() {
        a.call("SADD", "s", "old");
        a.call("PEXPIREAT", "s", Long.toString(T0 + 100));
        d.exchange();
        d.clock.advance(50);
        b.call("SADD", "s", "before-expiry"); // not yet exchanged when the key expires
        d.clock.advance(60);
        a.expireDueKeys(); // A expires the key at T0+100: a time-based tombstone
        c.call("SADD", "s", "after-expiry"); // C's clock is past the instant too: this write outlives it
        d.settle();
        assertThat(a.dataset()).contains("s = set [after-expiry]");
        assertThat(everywhere()).contains("s = set [after-expiry]");
    }

    @Test
    void anExpiredCounterLosesTheIncrementsTheExpiringClusterSawAndKeepsThoseInFlight() {
        try (AaDeployment skewed = new AaDeployment(T0, new long[] {0, -200, 0}, "A", "B", "C")) {
            AaNode first = skewed.node(0);
            AaNode late = skewed.node(1); // its clock is 200 ms behind
            first.call("INCRBY", "n", "10");
            first.call("PEXPIREAT", "n", Long.toString(T0 + 100));
            skewed.exchange();
            skewed.clock.advance(150);
            late.call("INCRBY", "n", "5"); // before the instant, still in flight when A expires the key
            first.expireDueKeys(); // A saw its own increment only
            skewed.exchange();
            String dataset = first.dataset();
            assertThat(dataset).contains("n = string 5").doesNotContain("ttl=");
            for (AaNode n : skewed.nodes) {
                assertThat(n.dataset()).isEqualTo(dataset);
                assertThat(n.states()).isEqualTo(first.states());
            }
        }
    }

    @Test
    void anExpiryRemovesTheIncrementsTheExpiringClusterSaw() {
        a.call("INCRBY", "n", "10");
        a.call("PEXPIREAT", "n", Long.toString(T0 + 100));
        d.exchange();
        d.clock.advance(50);
        b.call("INCRBY", "n", "5");
        d.clock.advance(60);
        d.settle(); // every cluster's clock is past the instant: each expires the key, having seen both
        assertThat(everywhere()).doesNotContain("n =");
    }

    @Test
    void concurrentListWritesKeepTheLaterWholeList() {
        a.call("RPUSH", "l", "1", "2");
        d.exchange();
        a.call("RPUSH", "l", "from-a");
        d.clock.advance(1);
        c.call("LPOP", "l");
        d.clock.advance(1);
        b.call("LPUSH", "l", "from-b");
        assertThat(everywhere()).contains("l = list [from-b, 1, 2]");
    }

    @Test
    void aKeyWrittenAsTwoTypesConcurrentlyShowsTheLaterTypeWhicheverItIs() {
        a.call("SADD", "k", "m");
        d.clock.advance(1);
        b.call("HSET", "k", "f", "v");
        assertThat(everywhere()).contains("k = hash {f=v}");
        d.clock.advance(1);
        c.call("SET", "k", "s");
        assertThat(everywhere()).contains("k = string s");
    }

    @Test
    void aKeyWrittenAsTwoTypesConcurrentlyShowsTheLaterType() {
        a.call("HSET", "k", "f", "v");
        d.clock.advance(1);
        b.call("SADD", "k", "m");
        assertThat(everywhere()).contains("k = set [m]");
        d.clock.advance(1);
        c.call("DEL", "k");
        assertThat(everywhere()).doesNotContain("k =");
    }
}
