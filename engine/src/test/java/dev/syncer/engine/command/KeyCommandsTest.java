package dev.syncer.engine.command;

import dev.syncer.engine.testing.DirectShard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.syncer.engine.testing.DirectShard.START_MILLIS;
import static dev.syncer.engine.testing.DirectShard.error;
import static org.assertj.core.api.Assertions.assertThat;

class KeyCommandsTest {

    private final DirectShard s = new DirectShard();

    @AfterEach
    void close() {
        s.close();
    }

    @Test
    void delCountsDeletedKeysAndNoOpIsNotPropagated() {
        s.call("MSET", "a", "1", "b", "2");
        s.takePropagated();
        assertThat(s.call("DEL", "a", "b", "missing")).isEqualTo(2L);
        assertThat(s.call("DEL", "missing")).isEqualTo(0L);
        assertThat(s.call("UNLINK", "missing")).isEqualTo(0L);
        assertThat(s.takePropagatedText()).containsExactly("0:DEL a b missing");
    }

    @Test
    void existsCountsRepeatsAndTypeNamesEveryKind() {
        s.call("SET", "str", "v");
        s.call("RPUSH", "list", "a");
        s.call("HSET", "hash", "f", "v");
        s.call("SADD", "set", "m");
        s.call("ZADD", "zset", "1", "m");
        assertThat(s.call("EXISTS", "str", "str", "missing")).isEqualTo(2L);
        assertThat(List.of("str", "list", "hash", "set", "zset", "missing").stream().map(k -> s.call("TYPE", k)))
                .containsExactly("string", "list", "hash", "set", "zset", "none");
    }

    @Test
    void expireVariantsArePropagatedAsPexpireatKeepingFlags() {
        s.call("SET", "k", "v");
        s.takePropagated();
        long now = START_MILLIS;
        assertThat(s.call("EXPIRE", "k", "200")).isEqualTo(1L);
        assertThat(s.call("PEXPIRE", "k", "300000")).isEqualTo(1L);
        assertThat(s.call("EXPIREAT", "k", Long.toString(now / 1000 + 400))).isEqualTo(1L);
        assertThat(s.call("pexpireat", "k", Long.toString(now + 500_000))).isEqualTo(1L);
        assertThat(s.call("EXPIRE", "k", "600", "GT")).isEqualTo(1L);
        assertThat(s.takePropagatedText()).containsExactly(
                "0:PEXPIREAT k " + (now + 200_000), "0:PEXPIREAT k " + (now + 300_000),
                "0:PEXPIREAT k " + (now + 400_000), "0:pexpireat k " + (now + 500_000),
                "0:PEXPIREAT k " + (now + 600_000) + " GT");
    }

    @Test
    void expireFlagsDecideWhetherTheTtlChanges() {
        s.call("SET", "k", "v");
        assertThat(s.call("EXPIRE", "k", "100", "XX")).isEqualTo(0L);
        assertThat(s.call("EXPIRE", "k", "100", "GT")).isEqualTo(0L); // no TTL counts as infinite
        assertThat(s.call("EXPIRE", "k", "100", "NX")).isEqualTo(1L);
        assertThat(s.call("EXPIRE", "k", "200", "NX")).isEqualTo(0L);
        assertThat(s.call("EXPIRE", "k", "50", "GT")).isEqualTo(0L);
        assertThat(s.call("EXPIRE", "k", "50", "LT")).isEqualTo(1L);
        assertThat(s.call("EXPIRE", "k", "500", "LT")).isEqualTo(0L);
        assertThat(s.call("EXPIRE", "k", "500", "XX")).isEqualTo(1L);
        assertThat(s.call("TTL", "k")).isEqualTo(500L);
        assertThat(s.call("EXPIRE", "missing", "10")).isEqualTo(0L);
        assertThat(s.call("EXPIRE", "k", "5", "FOO")).isEqualTo(error("ERR Unsupported option FOO"));
        assertThat(s.call("EXPIRE", "k", "5", "NX", "XX"))
                .isEqualTo(error("ERR NX and XX, GT or LT options at the same time are not compatible"));
        assertThat(s.call("EXPIRE", "k", "5", "GT", "LT"))
                .isEqualTo(error("ERR GT and LT options at the same time are not compatible"));
        assertThat(s.call("EXPIRE", "k", "9223372036854775807"))
                .isEqualTo(error("ERR invalid expire time in 'expire' command"));
    }

    @Test
    void anExpiryInThePastDeletesTheKeyAndIsPropagatedAsDel() {
        s.call("SET", "k", "v");
        s.call("SET", "j", "v");
        s.takePropagated();
        assertThat(s.call("EXPIRE", "k", "-1")).isEqualTo(1L);
        assertThat(s.call("EXPIREAT", "j", "1")).isEqualTo(1L);
        assertThat(s.call("EXISTS", "k", "j")).isEqualTo(0L);
        assertThat(s.takePropagatedText()).containsExactly("0:DEL k", "0:DEL j");
    }

    @Test
    void ttlPttlExpiretimeAndPersist() {
        s.call("SET", "k", "v", "PX", "1499");
        assertThat(s.call("TTL", "k")).isEqualTo(1L); // rounded, as Redis does
        assertThat(s.call("PTTL", "k")).isEqualTo(1499L);
        assertThat(s.call("PEXPIRETIME", "k")).isEqualTo(START_MILLIS + 1499);
        assertThat(s.call("EXPIRETIME", "k")).isEqualTo((START_MILLIS + 1499 + 500) / 1000);
        assertThat(s.call("TTL", "missing")).isEqualTo(-2L);
        s.takePropagated();
        assertThat(s.call("PERSIST", "k")).isEqualTo(1L);
        assertThat(s.call("PERSIST", "k")).isEqualTo(0L);
        assertThat(s.call("TTL", "k")).isEqualTo(-1L);
        assertThat(s.takePropagatedText()).containsExactly("0:PERSIST k");
    }

    @Test
    void readingAnExpiredKeyDeletesItAndPropagatesDel() {
        s.call("SET", "k", "v", "PX", "100");
        s.takePropagated();
        s.clock().advance(100);
        assertThat(s.call("GET", "k")).isEqualTo("v"); // expires when now > when, as keyIsExpired
        s.clock().advance(1);
        assertThat(s.call("GET", "k")).isNull();
        assertThat(s.takePropagatedText()).containsExactly("0:DEL k");
        assertThat(s.keyspace().db(0).size()).isZero();
        assertThat(s.shard().stats().expiredKeys).isEqualTo(1);
    }

    @Test
    void aWriteThatFindsItsKeyExpiredIsWrappedWithTheDelInMultiExec() {
        s.call("SET", "k", "v", "PX", "100");
        s.takePropagated();
        s.clock().advance(101);
        assertThat(s.call("SET", "k", "w")).isEqualTo("OK");
        assertThat(s.takePropagatedText()).containsExactly("0:MULTI", "0:DEL k", "0:SET k w", "0:EXEC");
    }

    @Test
    void keysMatchesGlobsAndSkipsExpiredKeysWithoutDeletingThem() {
        s.call("MSET", "user:1", "a", "user:2", "b", "item:1", "c");
        s.call("SET", "user:3", "d", "PX", "10");
        s.clock().advance(11);
        s.takePropagated();
        assertThat(sorted(s.call("KEYS", "user:*"))).containsExactly("user:1", "user:2");
        assertThat(sorted(s.call("KEYS", "*"))).containsExactly("item:1", "user:1", "user:2");
        assertThat(sorted(s.call("KEYS", "user:[13]"))).containsExactly("user:1");
        assertThat(s.takePropagated()).isEmpty();
    }

    @Test
    void scanVisitsEveryKeyOnceWithMatchCountAndType() {
        for (int i = 0; i < 500; i++) {
            s.call("SET", "k" + i, "v");
        }
        s.call("RPUSH", "list", "x");
        Set<String> seen = new HashSet<>();
        List<String> all = new ArrayList<>();
        String cursor = "0";
        int calls = 0;
        do {
            @SuppressWarnings("unchecked")
            List<Object> reply = (List<Object>) s.call("SCAN", cursor, "COUNT", "20");
            cursor = (String) reply.get(0);
            for (Object k : (List<?>) reply.get(1)) {
                all.add((String) k);
                seen.add((String) k);
            }
            calls++;
        } while (!cursor.equals("0"));
        assertThat(seen).hasSize(501);
        assertThat(all).hasSize(501);
        assertThat(calls).isGreaterThan(10);
        assertThat(scanAll("MATCH", "k1?")).hasSize(10);
        assertThat(scanAll("TYPE", "list")).containsExactly("list");
        assertThat(s.call("SCAN", "abc")).isEqualTo(error("ERR invalid cursor"));
        assertThat(s.call("SCAN", "0", "COUNT", "0")).isEqualTo(error("ERR syntax error"));
        assertThat(s.call("SCAN", "0", "FOO")).isEqualTo(error("ERR syntax error"));
    }

    private List<String> scanAll(String... options) {
        List<String> out = new ArrayList<>();
        String cursor = "0";
        do {
            List<String> argv = new ArrayList<>(List.of("SCAN", cursor));
            argv.addAll(List.of(options));
            List<?> reply = (List<?>) s.call(argv.toArray(String[]::new));
            cursor = (String) reply.get(0);
            ((List<?>) reply.get(1)).forEach(k -> out.add((String) k));
        } while (!cursor.equals("0"));
        return out;
    }

    @Test
    void scanDeletesExpiredKeysWithoutWrappingTheDelsInMulti() {
        s.call("SET", "a", "1", "PX", "5");
        s.call("SET", "b", "1", "PX", "5");
        s.takePropagated();
        s.clock().advance(10);
        assertThat(scanAll()).isEmpty();
        assertThat(s.takePropagatedText()).containsExactlyInAnyOrder("0:DEL a", "0:DEL b");
    }

    @Test
    void renameMovesValueAndTtl() {
        s.call("SET", "a", "1", "EX", "100");
        s.call("SET", "b", "2");
        assertThat(s.call("RENAME", "a", "c")).isEqualTo("OK");
        assertThat(s.call("TTL", "c")).isEqualTo(100L);
        assertThat(s.call("EXISTS", "a")).isEqualTo(0L);
        assertThat(s.call("RENAME", "missing", "x")).isEqualTo(error("ERR no such key"));
        assertThat(s.call("RENAMENX", "c", "b")).isEqualTo(0L);
        assertThat(s.call("RENAME", "c", "b")).isEqualTo("OK");
        assertThat(s.call("GET", "b")).isEqualTo("1");
        assertThat(s.call("RENAMENX", "b", "d")).isEqualTo(1L);
        assertThat(s.call("RENAME", "d", "d")).isEqualTo("OK");
    }

    @Test
    void randomkeyFlushdbAndFlushall() {
        assertThat(s.call("RANDOMKEY")).isNull();
        s.call("SET", "only", "v");
        assertThat(s.call("RANDOMKEY")).isEqualTo("only");
        s.call("SELECT", "1");
        s.call("SET", "other", "v");
        s.takePropagated();
        assertThat(s.call("FLUSHDB")).isEqualTo("OK");
        assertThat(s.call("DBSIZE")).isEqualTo(0L);
        assertThat(s.call("FLUSHDB", "ASYNC")).isEqualTo("OK"); // propagated even when empty
        assertThat(s.call("FLUSHDB", "NOW")).isEqualTo(error("ERR syntax error"));
        s.call("SELECT", "0");
        assertThat(s.call("DBSIZE")).isEqualTo(1L);
        assertThat(s.call("FLUSHALL", "SYNC")).isEqualTo("OK");
        assertThat(s.call("DBSIZE")).isEqualTo(0L);
        assertThat(s.takePropagatedText()).containsExactly("1:FLUSHDB", "1:FLUSHDB ASYNC", "0:FLUSHALL SYNC");
    }

    @Test
    void execPropagatesSeveralWritesAsOneMultiExecBlockAndASingleWriteAlone() {
        s.call("MULTI");
        s.call("SET", "a", "1");
        s.call("GET", "a");
        s.call("INCR", "b");
        assertThat(s.call("EXEC")).isEqualTo(List.of("OK", "1", 1L));
        assertThat(s.takePropagatedText()).containsExactly("0:MULTI", "0:SET a 1", "0:INCR b", "0:EXEC");
        s.call("MULTI");
        s.call("SET", "a", "2");
        s.call("GET", "a");
        s.call("EXEC");
        assertThat(s.takePropagatedText()).containsExactly("0:SET a 2");
    }

    private static List<String> sorted(Object reply) {
        return ((List<?>) reply).stream().map(String.class::cast).sorted().toList();
    }
}
