package dev.syncer.engine.command;

import dev.syncer.engine.testing.DirectShard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.syncer.engine.testing.DirectShard.error;
import static org.assertj.core.api.Assertions.assertThat;

class ObjectCommandTest {

    private final DirectShard s = new DirectShard();

    @AfterEach
    void close() {
        s.close();
    }

    @Test
    void setAndItsFormsStoreTheEncodingRedisWouldChoose() {
        s.call("SET", "int", "12345");
        s.call("SETEX", "short", "100", "abc");
        s.call("PSETEX", "long", "100000", "x".repeat(45));
        s.call("SETNX", "neg", "-7");
        s.call("SET", "big", "x".repeat(2000)); // past what a packed entry holds
        s.call("SETRANGE", "edited", "0", "ab");
        s.call("SET", "edited", "ab", "KEEPTTL"); // a new value: embstr again
        assertThat(s.call("OBJECT", "ENCODING", "int")).isEqualTo("int");
        assertThat(s.call("OBJECT", "ENCODING", "short")).isEqualTo("embstr");
        assertThat(s.call("OBJECT", "ENCODING", "long")).isEqualTo("raw");
        assertThat(s.call("OBJECT", "ENCODING", "neg")).isEqualTo("int");
        assertThat(s.call("OBJECT", "ENCODING", "big")).isEqualTo("raw");
        assertThat(s.call("OBJECT", "ENCODING", "edited")).isEqualTo("embstr");
    }

    @Test
    void idletimeCountsFromTheLastAccessAndObjectItselfDoesNotTouch() {
        s.call("SET", "k", "v");
        s.clock().advance(5_000);
        assertThat(s.call("OBJECT", "IDLETIME", "k")).isEqualTo(5L);
        assertThat(s.call("OBJECT", "IDLETIME", "k")).isEqualTo(5L);
        s.call("GET", "k");
        assertThat(s.call("OBJECT", "IDLETIME", "k")).isEqualTo(0L);
    }

    @Test
    void existsTypeAndTtlDoNotTouchTheKeyButTouchDoes() {
        s.call("SET", "k", "v");
        s.clock().advance(3_000);
        s.call("EXISTS", "k");
        s.call("TYPE", "k");
        s.call("TTL", "k");
        assertThat(s.call("OBJECT", "IDLETIME", "k")).isEqualTo(3L);
        assertThat(s.call("TOUCH", "k", "missing")).isEqualTo(1L);
        assertThat(s.call("OBJECT", "IDLETIME", "k")).isEqualTo(0L);
    }

    @Test
    void underAnLfuPolicyANewKeyStartsAtTheInitialCounter() {
        s.call("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu");
        s.call("SET", "k", "v");
        assertThat(s.call("OBJECT", "FREQ", "k")).isEqualTo(5L);
        s.clock().advance(3 * 60_000);
        assertThat(s.call("OBJECT", "FREQ", "k")).isEqualTo(2L);
    }

    @Test
    void aCopyOnWriteCopyKeepsTheLastAccessOfTheValueItReplaces() {
        s.call("HSET", "h", "f", "v");
        s.keyspace().beginSnapshot(later -> { }); // never captures: every write below copies first
        s.clock().advance(3_000);
        s.call("HSET", "h", "g", "w");
        s.clock().advance(2_000);
        assertThat(s.call("OBJECT", "IDLETIME", "h")).isEqualTo(2L);
    }

    @Test
    void aHashThatGrewOutOfItsListpackStaysAHashtableAfterShrinking() {
        s.call("CONFIG", "SET", "hash-max-listpack-entries", "2");
        s.call("HSET", "h", "a", "1", "b", "2");
        assertThat(s.call("OBJECT", "ENCODING", "h")).isEqualTo("listpack");
        s.call("HSET", "h", "c", "3");
        s.call("HDEL", "h", "a", "b");
        assertThat(s.call("OBJECT", "ENCODING", "h")).isEqualTo("hashtable");
    }

    @Test
    void loweringALimitLeavesExistingValuesUntilTheirNextWrite() {
        s.call("SADD", "set", "1", "2", "3");
        s.call("CONFIG", "SET", "set-max-intset-entries", "2");
        assertThat(s.call("OBJECT", "ENCODING", "set")).isEqualTo("intset");
        s.call("SADD", "set", "4");
        assertThat(s.call("OBJECT", "ENCODING", "set")).isEqualTo("hashtable");
    }

    @Test
    void unknownSubcommandsAndWrongArityGetRedisTexts() {
        assertThat(s.call("OBJECT", "nope", "k")).isEqualTo(error("ERR unknown subcommand 'nope'. Try OBJECT HELP."));
        assertThat(s.call("OBJECT", "encoding")).isEqualTo(error("ERR wrong number of arguments for 'object|encoding' command"));
        assertThat(s.call("OBJECT", "ENCODING", "missing")).isNull();
    }
}
