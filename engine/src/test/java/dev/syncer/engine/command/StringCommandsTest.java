package dev.syncer.engine.command;

import dev.syncer.engine.testing.DirectShard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.syncer.engine.testing.DirectShard.START_MILLIS;
import static dev.syncer.engine.testing.DirectShard.error;
import static org.assertj.core.api.Assertions.assertThat;

class StringCommandsTest {

    private final DirectShard s = new DirectShard();

    @AfterEach
    void close() {
        s.close();
    }

    @Test
    void setAndGetRoundTripBinarySafeValues() {
        assertThat(s.call("SET", "k", "v\r\n\0")).isEqualTo("OK");
        assertThat(s.call("GET", "k")).isEqualTo("v\r\n\0");
        assertThat(s.call("GET", "missing")).isNull();
    }

    @Test
    void setNxAndXxAnswerNilWhenTheyDoNothing() {
        assertThat(s.call("SET", "k", "v", "XX")).isNull();
        assertThat(s.call("SET", "k", "v", "NX")).isEqualTo("OK");
        assertThat(s.call("SET", "k", "w", "NX")).isNull();
        assertThat(s.call("SET", "k", "w", "XX")).isEqualTo("OK");
        assertThat(s.call("GET", "k")).isEqualTo("w");
        assertThat(s.takePropagatedText()).containsExactly("0:SET k v NX", "0:SET k w XX");
    }

    @Test
    void setGetAnswersTheOldValueAndIsPropagatedWithoutGet() {
        assertThat(s.call("SET", "k", "old")).isEqualTo("OK");
        s.takePropagated();
        assertThat(s.call("SET", "k", "new", "GET", "get")).isEqualTo("old");
        assertThat(s.call("set", "k2", "x", "get")).isNull();
        assertThat(s.takePropagatedText()).containsExactly("0:SET k new", "0:set k2 x");
        s.call("RPUSH", "list", "a");
        assertThat(s.call("SET", "list", "x", "GET")).isEqualTo(error(CommandError.WRONGTYPE));
    }

    @Test
    void relativeAndAbsoluteExpiriesArePropagatedAsPxat() {
        long at = START_MILLIS + 100_000;
        s.call("SET", "a", "1", "EX", "100");
        s.call("SET", "b", "1", "PX", "100000");
        s.call("SET", "c", "1", "EXAT", Long.toString(at / 1000));
        s.call("SET", "d", "1", "PXAT", Long.toString(at));
        s.call("SETEX", "e", "100", "1");
        s.call("PSETEX", "f", "100000", "1");
        s.call("set", "g", "1", "px", "100000", "get");
        assertThat(s.takePropagatedText()).containsExactly(
                "0:SET a 1 PXAT " + at, "0:SET b 1 PXAT " + at, "0:SET c 1 PXAT " + at, "0:SET d 1 PXAT " + at,
                "0:SET e 1 PXAT " + at, "0:SET f 1 PXAT " + at, "0:SET g 1 PXAT " + at);
        assertThat(s.call("PTTL", "a")).isEqualTo(100_000L);
        assertThat(s.call("TTL", "e")).isEqualTo(100L);
    }

    @Test
    void setClearsTheTtlUnlessKeepttl() {
        s.call("SET", "k", "v", "EX", "100");
        s.call("SET", "k", "v2", "KEEPTTL");
        assertThat(s.call("TTL", "k")).isEqualTo(100L);
        s.call("SET", "k", "v3");
        assertThat(s.call("TTL", "k")).isEqualTo(-1L);
    }

    @Test
    void setRejectsConflictingOptionsAndBadExpiries() {
        for (List<String> bad : List.of(List.of("NX", "XX"), List.of("EX", "1", "PX", "1"), List.of("KEEPTTL", "EX", "1"),
                List.of("EX"), List.of("PERSIST"), List.of("FOO"))) {
            String[] argv = java.util.stream.Stream.concat(java.util.stream.Stream.of("SET", "k", "v"), bad.stream())
                    .toArray(String[]::new);
            assertThat(s.call(argv)).as(bad.toString()).isEqualTo(error("ERR syntax error"));
        }
        assertThat(s.call("SET", "k", "v", "EX", "0")).isEqualTo(error("ERR invalid expire time in 'set' command"));
        assertThat(s.call("SET", "k", "v", "PX", "-1")).isEqualTo(error("ERR invalid expire time in 'set' command"));
        assertThat(s.call("SET", "k", "v", "EX", "9223372036854775807"))
                .isEqualTo(error("ERR invalid expire time in 'set' command"));
        assertThat(s.call("SET", "k", "v", "EX", "ten")).isEqualTo(error("ERR value is not an integer or out of range"));
        assertThat(s.call("SETEX", "k", "0", "v")).isEqualTo(error("ERR invalid expire time in 'setex' command"));
        assertThat(s.call("PSETEX", "k", "0", "v")).isEqualTo(error("ERR invalid expire time in 'psetex' command"));
        assertThat(s.call("SET", "k")).isEqualTo(error("ERR wrong number of arguments for 'set' command"));
        assertThat(s.takePropagated()).isEmpty();
    }

    @Test
    void setnxAnswersOneOrZero() {
        assertThat(s.call("SETNX", "k", "a")).isEqualTo(1L);
        assertThat(s.call("SETNX", "k", "b")).isEqualTo(0L);
        assertThat(s.call("GET", "k")).isEqualTo("a");
        assertThat(s.takePropagatedText()).containsExactly("0:SETNX k a");
    }

    @Test
    void getsetDropsTheTtlAndIsPropagatedAsSet() {
        s.call("SET", "k", "a", "EX", "100");
        s.takePropagated();
        assertThat(s.call("GETSET", "k", "b")).isEqualTo("a");
        assertThat(s.call("TTL", "k")).isEqualTo(-1L);
        assertThat(s.call("GETSET", "new", "c")).isNull();
        assertThat(s.takePropagatedText()).containsExactly("0:SET k b", "0:SET new c");
    }

    @Test
    void getdelDeletesAndIsPropagatedAsDel() {
        s.call("SET", "k", "a");
        s.takePropagated();
        assertThat(s.call("GETDEL", "k")).isEqualTo("a");
        assertThat(s.call("GETDEL", "k")).isNull();
        assertThat(s.call("EXISTS", "k")).isEqualTo(0L);
        assertThat(s.takePropagatedText()).containsExactly("0:DEL k");
    }

    @Test
    void getexSetsOrRemovesTheExpiry() {
        s.call("SET", "k", "v");
        s.takePropagated();
        assertThat(s.call("GETEX", "k", "EX", "50")).isEqualTo("v");
        assertThat(s.call("GETEX", "k", "PERSIST")).isEqualTo("v");
        assertThat(s.call("GETEX", "k")).isEqualTo("v");
        assertThat(s.call("GETEX", "k", "PXAT", "1")).isEqualTo("v");
        assertThat(s.call("EXISTS", "k")).isEqualTo(0L);
        assertThat(s.takePropagatedText()).containsExactly(
                "0:PEXPIREAT k " + (START_MILLIS + 50_000), "0:PERSIST k", "0:DEL k");
    }

    @Test
    void msetMgetAndMsetnx() {
        assertThat(s.call("MSET", "a", "1", "b", "2")).isEqualTo("OK");
        s.call("RPUSH", "l", "x");
        assertThat(s.call("MGET", "a", "missing", "b", "l")).isEqualTo(java.util.Arrays.asList("1", null, "2", null));
        assertThat(s.call("MSET", "a", "1", "b")).isEqualTo(error("ERR wrong number of arguments for 'mset' command"));
        assertThat(s.call("MSETNX", "a", "9", "c", "3")).isEqualTo(0L);
        assertThat(s.call("MSETNX", "c", "3", "d", "4")).isEqualTo(1L);
        assertThat(s.call("GET", "a")).isEqualTo("1");
    }

    @Test
    void incrementsCheckIntegersAndOverflowAndKeepTheTtl() {
        assertThat(s.call("INCR", "n")).isEqualTo(1L);
        assertThat(s.call("INCRBY", "n", "41")).isEqualTo(42L);
        assertThat(s.call("DECR", "n")).isEqualTo(41L);
        assertThat(s.call("DECRBY", "n", "50")).isEqualTo(-9L);
        s.call("EXPIRE", "n", "100");
        assertThat(s.call("INCR", "n")).isEqualTo(-8L);
        assertThat(s.call("TTL", "n")).isEqualTo(100L);
        s.call("SET", "max", "9223372036854775807");
        assertThat(s.call("INCR", "max")).isEqualTo(error("ERR increment or decrement would overflow"));
        assertThat(s.call("DECRBY", "n", "-9223372036854775808")).isEqualTo(error("ERR decrement would overflow"));
        s.call("SET", "text", "12a");
        assertThat(s.call("INCR", "text")).isEqualTo(error("ERR value is not an integer or out of range"));
        s.call("SET", "padded", "007");
        assertThat(s.call("INCR", "padded")).isEqualTo(error("ERR value is not an integer or out of range"));
        assertThat(s.call("INCRBY", "n", "x")).isEqualTo(error("ERR value is not an integer or out of range"));
        s.call("SADD", "set", "m");
        assertThat(s.call("INCR", "set")).isEqualTo(error(CommandError.WRONGTYPE));
    }

    @Test
    void incrbyfloatComputesInLongDoubleAndIsPropagatedAsSetKeepttl() {
        s.call("SET", "f", "10.5");
        s.takePropagated();
        assertThat(s.call("INCRBYFLOAT", "f", "0.1")).isEqualTo("10.6");
        // redis-server 7.0.15 answers exactly this: 10.6 is not exact in a 64-bit significand either.
        assertThat(s.call("INCRBYFLOAT", "f", "-5.0e3")).isEqualTo("-4989.39999999999999991");
        assertThat(s.call("INCRBYFLOAT", "new", "3.0e-5")).isEqualTo("0.00003");
        assertThat(s.call("INCRBYFLOAT", "new", "-0.00003")).isEqualTo("0");
        assertThat(s.takePropagatedText()).containsExactly(
                "0:SET f 10.6 KEEPTTL", "0:SET f -4989.39999999999999991 KEEPTTL", "0:SET new 0.00003 KEEPTTL", "0:SET new 0 KEEPTTL");
        assertThat(s.call("INCRBYFLOAT", "f", "abc")).isEqualTo(error("ERR value is not a valid float"));
        assertThat(s.call("INCRBYFLOAT", "f", "inf"))
                .isEqualTo(error("ERR increment would produce NaN or Infinity"));
        s.call("SET", "word", "x");
        assertThat(s.call("INCRBYFLOAT", "word", "1")).isEqualTo(error("ERR value is not a valid float"));
    }

    @Test
    void appendStrlenGetrangeSetrange() {
        assertThat(s.call("APPEND", "k", "Hello")).isEqualTo(5L);
        assertThat(s.call("APPEND", "k", " World")).isEqualTo(11L);
        assertThat(s.call("STRLEN", "k")).isEqualTo(11L);
        assertThat(s.call("STRLEN", "missing")).isEqualTo(0L);
        assertThat(s.call("GETRANGE", "k", "0", "4")).isEqualTo("Hello");
        assertThat(s.call("GETRANGE", "k", "-5", "-1")).isEqualTo("World");
        assertThat(s.call("GETRANGE", "k", "-1", "-5")).isEqualTo("");
        assertThat(s.call("GETRANGE", "k", "6", "100")).isEqualTo("World");
        assertThat(s.call("GETRANGE", "missing", "0", "1")).isEqualTo("");
        assertThat(s.call("SETRANGE", "k", "6", "Redis")).isEqualTo(11L);
        assertThat(s.call("GET", "k")).isEqualTo("Hello Redis");
        assertThat(s.call("SETRANGE", "pad", "3", "x")).isEqualTo(4L);
        assertThat(s.call("GET", "pad")).isEqualTo("\0\0\0x");
        assertThat(s.call("SETRANGE", "k", "-1", "x")).isEqualTo(error("ERR offset is out of range"));
        assertThat(s.call("SETRANGE", "none", "5", "")).isEqualTo(0L);
        assertThat(s.call("EXISTS", "none")).isEqualTo(0L);
    }

    @Test
    void stringsCannotOutgrowProtoMaxBulkLen() {
        try (DirectShard small = new DirectShard("proto-max-bulk-len", "1mb")) {
            assertThat(small.call("SETRANGE", "k", "1048576", "x"))
                    .isEqualTo(error("ERR string exceeds maximum allowed size (proto-max-bulk-len)"));
            small.call("SET", "k", "x".repeat(1024 * 1024));
            assertThat(small.call("APPEND", "k", "y"))
                    .isEqualTo(error("ERR string exceeds maximum allowed size (proto-max-bulk-len)"));
        }
    }
}
