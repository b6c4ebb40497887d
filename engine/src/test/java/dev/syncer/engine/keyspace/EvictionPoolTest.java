package dev.syncer.engine.keyspace;

import dev.syncer.engine.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The eviction choice: scores per policy, the bounded pool, and key sampling. */
class EvictionPoolTest {

    private static final long NOW = 1_700_000_000_000L;

    @Test
    void policiesAreNamedAsRedisNamesThem() {
        assertThat(MaxmemoryPolicy.of("Allkeys-LRU")).isEqualTo(MaxmemoryPolicy.ALLKEYS_LRU);
        assertThat(MaxmemoryPolicy.VOLATILE_TTL.configName()).isEqualTo("volatile-ttl");
        assertThat(MaxmemoryPolicy.VOLATILE_RANDOM.allKeys()).isFalse();
        assertThat(MaxmemoryPolicy.ALLKEYS_RANDOM.random()).isTrue();
        assertThatThrownBy(() -> MaxmemoryPolicy.of("most-recent")).hasMessageContaining("volatile-lru");
    }

    @Test
    void lruScoresTheLongestIdleHighestLfuTheLeastUsedTtlTheSoonestExpiry() {
        KeyAccess access = new KeyAccess();
        StringValue old = StringValue.of("a");
        StringValue recent = StringValue.of("b");
        KeyAccess.setIdle(old, 100, NOW);
        KeyAccess.setIdle(recent, 1, NOW);
        assertThat(EvictionPool.idleScore(MaxmemoryPolicy.ALLKEYS_LRU, access, old, -1, NOW))
                .isGreaterThan(EvictionPool.idleScore(MaxmemoryPolicy.ALLKEYS_LRU, access, recent, -1, NOW));

        access.policy(true, 10, 1);
        KeyAccess.setFrequency(old, 3, NOW);
        KeyAccess.setFrequency(recent, 200, NOW);
        assertThat(EvictionPool.idleScore(MaxmemoryPolicy.ALLKEYS_LFU, access, old, -1, NOW)).isEqualTo(252);
        assertThat(EvictionPool.idleScore(MaxmemoryPolicy.VOLATILE_LFU, access, recent, -1, NOW)).isEqualTo(55);

        assertThat(EvictionPool.idleScore(MaxmemoryPolicy.VOLATILE_TTL, access, old, NOW + 1000, NOW))
                .isGreaterThan(EvictionPool.idleScore(MaxmemoryPolicy.VOLATILE_TTL, access, old, NOW + 5000, NOW));
    }

    @Test
    void thePoolKeepsTheSixteenBestAndHandsOutTheBestFirst() {
        EvictionPool pool = new EvictionPool();
        for (int i = 0; i < 40; i++) {
            pool.insert(new EvictionPool.Candidate(0, Key.of("k" + i), (i * 7) % 40));
        }
        pool.insert(new EvictionPool.Candidate(0, Key.of("k39"), 39)); // already in: not twice
        assertThat(pool.size()).isEqualTo(EvictionPool.EVPOOL_SIZE);
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < EvictionPool.EVPOOL_SIZE; i++) {
            long idle = pool.popBest().idle();
            assertThat(idle).isLessThan(previous).isGreaterThanOrEqualTo(40 - EvictionPool.EVPOOL_SIZE);
            previous = idle;
        }
        assertThat(pool.popBest()).isNull();
    }

    @Test
    void populateOfALruPoolFindsTheIdlestKeysOverRounds() {
        Keyspace keyspace = new Keyspace(1, new TestClock(NOW));
        Database db = keyspace.db(0);
        for (int i = 0; i < 2000; i++) {
            StringValue v = StringValue.of("v" + i);
            db.put(Key.of("k" + i), v);
            KeyAccess.setIdle(v, i < 10 ? 10_000 : 5, NOW); // ten keys idle for hours, the rest fresh
        }
        EvictionPool pool = new EvictionPool();
        Random random = new Random(7);
        Set<Key> evicted = new HashSet<>();
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < 200; i++) {
                pool.populate(db, MaxmemoryPolicy.ALLKEYS_LRU, 5, keyspace.access(), NOW, random);
            }
            EvictionPool.Candidate best = pool.popBest();
            evicted.add(best.key());
            db.discard(best.key());
        }
        long idleOnes = evicted.stream().filter(k -> Integer.parseInt(k.toString().substring(1)) < 10).count();
        assertThat(idleOnes).isGreaterThanOrEqualTo(8);
    }

    @Test
    void volatileSamplingSeesOnlyKeysWithATtl() {
        Keyspace keyspace = new Keyspace(1, new TestClock(NOW));
        Database db = keyspace.db(0);
        for (int i = 0; i < 500; i++) {
            db.put(Key.of("k" + i), StringValue.of("v"));
            if (i % 50 == 0) {
                db.setExpire(Key.of("k" + i), NOW + 60_000);
            }
        }
        Random random = new Random(1);
        for (int i = 0; i < 100; i++) {
            List<Key> some = EvictionPool.dictGetSomeKeys(db, true, 5, random);
            assertThat(some).isNotEmpty().allMatch(k -> db.expireAt(k) > 0);
        }
        assertThat(EvictionPool.dictGetSomeKeys(keyspace.db(0), false, 5, random)).hasSize(5);
        assertThat(EvictionPool.randomKey(new Keyspace(1, new TestClock(NOW)).db(0), false, random)).isNull();
    }
}
