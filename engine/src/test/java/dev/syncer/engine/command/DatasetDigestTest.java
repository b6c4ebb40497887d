package dev.syncer.engine.command;

import dev.syncer.engine.testing.DirectShard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden digests: the expected values are what redis-server 7.0.15 answered to DEBUG DIGEST and
 * DEBUG DIGEST-VALUE for the same commands (DigestMatchesRealRedisIT checks this live).
 */
class DatasetDigestTest {

    private final DirectShard s = new DirectShard();

    @AfterEach
    void close() {
        s.close();
    }

    private void load() {
        s.call("SET", "s1", "hello");
        s.call("SET", "n", "12345");
        s.call("RPUSH", "l", "a", "b", "c");
        s.call("SADD", "st", "x", "y", "z");
        s.call("HSET", "h", "f1", "v1", "f2", "v2");
        s.call("ZADD", "z", "1", "one", "2.5", "two", "0.1", "tenth");
        s.call("PEXPIREAT", "s1", "4102444800000");
    }

    @Test
    void anEmptyKeyspaceDigestsToZeros() {
        assertThat(s.call("DEBUG", "DIGEST")).isEqualTo("0000000000000000000000000000000000000000");
    }

    @Test
    void datasetDigestMatchesRedis() {
        load();
        assertThat(s.call("DEBUG", "DIGEST")).isEqualTo("562070b197ea6d5531b719b1df3a5d14be364198");
        s.call("SELECT", "2");
        s.call("SET", "other", "v");
        assertThat(s.call("DEBUG", "DIGEST")).isEqualTo("ae4d255097f132ad56e9bc5dd60d7816dd69c5db");
    }

    @Test
    void valueDigestsMatchRedisForEveryTypeAndTheExpiryMark() {
        load();
        assertThat(s.call("DEBUG", "DIGEST-VALUE", "s1", "n", "l", "st", "h", "z", "missing")).isEqualTo(List.of(
                "d037c4eb8a8b36b602fbced4000daeab0714c1e3",
                "e1cf90774e995ae03de66e8109dc5cb9d9c2dc83",
                "8bf72d812571eea9b927f3c11beb0c4165a6ff89",
                "0fd9977d57e46b1b9b87439f5ac5b338416ccc24",
                "047cc60ea73a34cde6d08a2721a4a26d19ee6570",
                "9a010a26efc453e900f26e371ce7b28504764636",
                "0000000000000000000000000000000000000000"));
    }

    @Test
    void insertionOrderOfUnorderedDataDoesNotMatterButListOrderDoes() {
        s.call("SADD", "a", "1", "2", "3");
        s.call("SADD", "b", "3", "2", "1");
        s.call("RPUSH", "la", "1", "2");
        s.call("RPUSH", "lb", "2", "1");
        List<String> d = s.callStrings("DEBUG", "DIGEST-VALUE", "a", "b", "la", "lb");
        assertThat(d.get(0)).isEqualTo(d.get(1));
        assertThat(d.get(2)).isNotEqualTo(d.get(3));
    }

    @Test
    void logicallyExpiredKeysStillCountUntilDeleted() {
        s.call("SET", "k", "v", "PX", "10");
        String before = (String) s.call("DEBUG", "DIGEST");
        s.clock().advance(100);
        assertThat(s.call("DEBUG", "DIGEST")).isEqualTo(before);
        assertThat(s.callStrings("DEBUG", "DIGEST-VALUE", "k").get(0)).isNotEqualTo("0".repeat(40));
        s.call("GET", "k");
        assertThat(s.call("DEBUG", "DIGEST")).isEqualTo("0".repeat(40));
    }

    @Test
    void populateCreatesRedisStyleKeysWithoutPropagating() {
        assertThat(s.call("DEBUG", "POPULATE", "3")).isEqualTo("OK");
        assertThat(s.call("MGET", "key:0", "key:2")).isEqualTo(List.of("value:0", "value:2"));
        s.call("DEBUG", "POPULATE", "2", "p", "10");
        assertThat(s.call("GET", "p:1")).isEqualTo("value:1\0\0\0");
        assertThat(s.call("DBSIZE")).isEqualTo(5L);
        assertThat(s.takePropagated()).isEmpty();
    }
}
