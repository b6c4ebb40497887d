package dev.syncer.engine.command;

import dev.syncer.engine.testing.DirectShard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.syncer.engine.testing.DirectShard.error;
import static org.assertj.core.api.Assertions.assertThat;

class ZSetCommandsTest {

    private final DirectShard s = new DirectShard();

    @AfterEach
    void close() {
        s.close();
    }

    @Test
    void zaddOptionsDecideWhatChangesAndWhatIsCounted() {
        assertThat(s.call("ZADD", "z", "1", "a", "2", "b")).isEqualTo(2L);
        assertThat(s.call("ZADD", "z", "5", "a")).isEqualTo(0L);
        assertThat(s.call("ZADD", "z", "CH", "6", "a", "3", "c")).isEqualTo(2L);
        assertThat(s.call("ZADD", "z", "NX", "100", "a", "4", "d")).isEqualTo(1L);
        assertThat(s.call("ZADD", "z", "XX", "7", "e")).isEqualTo(0L);
        assertThat(s.call("ZADD", "z", "GT", "CH", "1", "a")).isEqualTo(0L);
        assertThat(s.call("ZADD", "z", "GT", "CH", "10", "a")).isEqualTo(1L);
        assertThat(s.call("ZADD", "z", "LT", "CH", "0", "a")).isEqualTo(1L);
        assertThat(s.call("ZSCORE", "z", "a")).isEqualTo("0");
        assertThat(s.call("ZSCORE", "z", "e")).isNull();
        assertThat(s.call("ZADD", "missing", "XX", "1", "a")).isEqualTo(0L);
        assertThat(s.call("EXISTS", "missing")).isEqualTo(0L);
    }

    @Test
    void zaddRejectsBadInputWithRedisErrors() {
        assertThat(s.call("ZADD", "z", "NX", "XX", "1", "a"))
                .isEqualTo(error("ERR XX and NX options at the same time are not compatible"));
        assertThat(s.call("ZADD", "z", "GT", "LT", "1", "a"))
                .isEqualTo(error("ERR GT, LT, and/or NX options at the same time are not compatible"));
        assertThat(s.call("ZADD", "z", "INCR", "1", "a", "2", "b"))
                .isEqualTo(error("ERR INCR option supports a single increment-element pair"));
        assertThat(s.call("ZADD", "z", "x", "a")).isEqualTo(error("ERR value is not a valid float"));
        assertThat(s.call("ZADD", "z", "nan", "a")).isEqualTo(error("ERR value is not a valid float"));
        assertThat(s.call("ZADD", "z", "1", "a", "2")).isEqualTo(error("ERR syntax error"));
        s.call("ZADD", "z", "+inf", "a");
        assertThat(s.call("ZINCRBY", "z", "-inf", "a")).isEqualTo(error("ERR resulting score is not a number (NaN)"));
        assertThat(s.call("EXISTS", "z")).isEqualTo(1L);
    }

    @Test
    void scoresAreFormattedAsRedisFormatsThem() {
        s.call("ZADD", "z", "0.1", "a", "1e20", "b", "-0", "c", "1.5e-7", "d", "123456789.123", "e", "-inf", "f", "3", "g");
        assertThat(s.call("ZSCORE", "z", "a")).isEqualTo("0.10000000000000001");
        assertThat(s.call("ZSCORE", "z", "b")).isEqualTo("1e+20");
        assertThat(s.call("ZSCORE", "z", "c")).isEqualTo("0");
        assertThat(s.call("ZSCORE", "z", "d")).isEqualTo("1.4999999999999999e-07");
        assertThat(s.call("ZSCORE", "z", "e")).isEqualTo("123456789.123");
        assertThat(s.call("ZSCORE", "z", "f")).isEqualTo("-inf");
        assertThat(s.call("ZSCORE", "z", "g")).isEqualTo("3");
        assertThat(s.call("ZINCRBY", "z", "0.2", "a")).isEqualTo("0.30000000000000004");
        assertThat(s.call("ZADD", "z", "INCR", "1", "new")).isEqualTo("1");
        assertThat(s.call("ZADD", "z", "XX", "INCR", "1", "nope")).isNull();
    }

    @Test
    void zrangeByRankScoreAndLex() {
        s.call("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
        assertThat(s.call("ZRANGE", "z", "0", "-1")).isEqualTo(List.of("a", "b", "c", "d", "e"));
        assertThat(s.call("ZRANGE", "z", "1", "2", "WITHSCORES")).isEqualTo(List.of("b", "2", "c", "3"));
        assertThat(s.call("ZRANGE", "z", "0", "1", "REV")).isEqualTo(List.of("e", "d"));
        assertThat(s.call("ZREVRANGE", "z", "0", "1", "WITHSCORES")).isEqualTo(List.of("e", "5", "d", "4"));
        assertThat(s.call("ZRANGE", "z", "(1", "3", "BYSCORE")).isEqualTo(List.of("b", "c"));
        assertThat(s.call("ZRANGE", "z", "(1", "(3", "BYSCORE")).isEqualTo(List.of("b"));
        assertThat(s.call("ZRANGE", "z", "-inf", "+inf", "BYSCORE", "LIMIT", "1", "2")).isEqualTo(List.of("b", "c"));
        assertThat(s.call("ZRANGE", "z", "+inf", "-inf", "BYSCORE", "REV", "LIMIT", "0", "2", "WITHSCORES"))
                .isEqualTo(List.of("e", "5", "d", "4"));
        assertThat(s.call("ZRANGE", "z", "-inf", "+inf", "BYSCORE", "LIMIT", "-1", "2")).isEqualTo(List.of());
        assertThat(s.call("ZRANGE", "z", "-inf", "+inf", "BYSCORE", "LIMIT", "3", "-1")).isEqualTo(List.of("d", "e"));
        assertThat(s.call("ZRANGEBYSCORE", "z", "2", "4", "WITHSCORES", "LIMIT", "1", "1")).isEqualTo(List.of("c", "3"));
        assertThat(s.call("ZREVRANGEBYSCORE", "z", "(4", "2")).isEqualTo(List.of("c", "b"));
        assertThat(s.call("ZRANGEBYSCORE", "z", "4", "2")).isEqualTo(List.of());
        assertThat(s.call("ZRANGE", "z", "[b", "(d", "BYLEX")).isEqualTo(List.of("b", "c"));
        assertThat(s.call("ZRANGE", "z", "+", "-", "BYLEX", "REV", "LIMIT", "0", "2")).isEqualTo(List.of("e", "d"));
        assertThat(s.call("ZRANGE", "missing", "0", "-1")).isEqualTo(List.of());
    }

    @Test
    void zrangeRejectsBadArgumentsWithRedisErrors() {
        s.call("ZADD", "z", "1", "a");
        assertThat(s.call("ZRANGE", "z", "x", "1", "BYSCORE")).isEqualTo(error("ERR min or max is not a float"));
        assertThat(s.call("ZRANGE", "z", "0", "1", "LIMIT", "0", "1"))
                .isEqualTo(error("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX"));
        assertThat(s.call("ZRANGE", "z", "-", "+", "BYLEX", "WITHSCORES"))
                .isEqualTo(error("ERR syntax error, WITHSCORES not supported in combination with BYLEX"));
        assertThat(s.call("ZRANGE", "z", "a", "b", "BYLEX")).isEqualTo(error("ERR min or max not valid string range item"));
        assertThat(s.call("ZRANGE", "z", "0", "1", "FOO")).isEqualTo(error("ERR syntax error"));
        assertThat(s.call("ZRANGEBYSCORE", "z", "0", "1", "REV")).isEqualTo(error("ERR syntax error"));
        assertThat(s.call("ZRANGE", "z", "0", "x")).isEqualTo(error("ERR value is not an integer or out of range"));
    }

    @Test
    void zrankZcardZcountZrem() {
        s.call("ZADD", "z", "1", "a", "2", "b", "3", "c");
        assertThat(s.call("ZRANK", "z", "c")).isEqualTo(2L);
        assertThat(s.call("ZREVRANK", "z", "c")).isEqualTo(0L);
        assertThat(s.call("ZRANK", "z", "zz")).isNull();
        assertThat(s.call("ZCARD", "z")).isEqualTo(3L);
        assertThat(s.call("ZCOUNT", "z", "(1", "+inf")).isEqualTo(2L);
        assertThat(s.call("ZREM", "z", "a", "zz")).isEqualTo(1L);
        assertThat(s.call("ZREM", "z", "b", "c")).isEqualTo(2L);
        assertThat(s.call("EXISTS", "z")).isEqualTo(0L);
    }

    @Test
    void zpopminAndZpopmaxPopInScoreOrder() {
        s.call("ZADD", "z", "1", "a", "2", "b", "3", "c");
        s.takePropagated();
        assertThat(s.call("ZPOPMIN", "z")).isEqualTo(List.of("a", "1"));
        assertThat(s.call("ZPOPMAX", "z", "5")).isEqualTo(List.of("c", "3", "b", "2"));
        assertThat(s.call("EXISTS", "z")).isEqualTo(0L);
        assertThat(s.call("ZPOPMIN", "z")).isEqualTo(List.of());
        assertThat(s.call("ZPOPMIN", "z", "-1")).isEqualTo(error("ERR value is out of range, must be positive"));
        assertThat(s.takePropagatedText()).containsExactly("0:ZPOPMIN z", "0:ZPOPMAX z 5");
    }

    @Test
    void zsetCommandsRefuseOtherTypes() {
        s.call("SET", "str", "v");
        assertThat(s.call("ZADD", "str", "1", "a")).isEqualTo(error(CommandError.WRONGTYPE));
        assertThat(s.call("ZRANGE", "str", "0", "1")).isEqualTo(error(CommandError.WRONGTYPE));
        assertThat(s.call("ZSCORE", "str", "a")).isEqualTo(error(CommandError.WRONGTYPE));
    }
}
