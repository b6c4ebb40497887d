package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.SetValue;
import dev.syncer.engine.keyspace.ZSetValue;
import dev.syncer.engine.testing.DirectShard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.syncer.engine.command.ZSetAlgebraCommands.Aggregate;
import static dev.syncer.engine.command.ZSetAlgebraCommands.Op;
import static dev.syncer.engine.command.ZSetAlgebraCommands.Source;
import static dev.syncer.engine.testing.DirectShard.error;
import static org.assertj.core.api.Assertions.assertThat;

class ZSetAlgebraCommandsTest {

    private final DirectShard s = new DirectShard();

    @AfterEach
    void close() {
        s.close();
    }

    private static ZSetValue zset(Object... scoreMember) {
        ZSetValue z = new ZSetValue();
        for (int i = 0; i < scoreMember.length; i += 2) {
            z.put(Key.of((String) scoreMember[i + 1]), ((Number) scoreMember[i]).doubleValue());
        }
        return z;
    }

    @Test
    void sumOfInfinitiesOfOppositeSignsIsZeroAsInRedis() {
        assertThat(ZSetAlgebraCommands.aggregate(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Aggregate.SUM))
                .isEqualTo(0.0);
        assertThat(ZSetAlgebraCommands.aggregate(1, 2, Aggregate.MIN)).isEqualTo(1.0);
        assertThat(ZSetAlgebraCommands.aggregate(1, 2, Aggregate.MAX)).isEqualTo(2.0);
    }

    @Test
    void unionWeighsEachInputAndAPlainSetScoresOne() {
        SetValue plain = new SetValue();
        plain.members().add(Key.of("b"));
        ZSetValue result = ZSetAlgebraCommands.combine(List.of(new Source(zset(1, "a", 2, "b"), 10),
                new Source(plain, 3), new Source(null, 1)), Op.UNION, Aggregate.SUM);
        assertThat(result.score(Key.of("a"))).isEqualTo(10.0);
        assertThat(result.score(Key.of("b"))).isEqualTo(23.0);
    }

    @Test
    void aZeroWeightOnAnInfiniteScoreGivesZeroNotNaN() {
        ZSetValue result = ZSetAlgebraCommands.combine(List.of(new Source(zset(Double.POSITIVE_INFINITY, "a"), 0)),
                Op.UNION, Aggregate.SUM);
        assertThat(result.score(Key.of("a"))).isEqualTo(0.0);
    }

    @Test
    void interKeepsMembersOfEveryInputAndDiffThoseOnlyInTheFirst() {
        ZSetValue a = zset(1, "x", 2, "y", 3, "z");
        ZSetValue b = zset(5, "y", 6, "z");
        ZSetValue inter = ZSetAlgebraCommands.combine(List.of(new Source(a, 1), new Source(b, 1)), Op.INTER,
                Aggregate.MAX);
        assertThat(inter.snapshot()).extracting(ZSetValue.Entry::member).containsExactly(Key.of("y"), Key.of("z"));
        assertThat(inter.score(Key.of("y"))).isEqualTo(5.0);
        ZSetValue diff = ZSetAlgebraCommands.combine(List.of(new Source(a, 1), new Source(b, 1)), Op.DIFF,
                Aggregate.SUM);
        assertThat(diff.snapshot()).extracting(ZSetValue.Entry::member).containsExactly(Key.of("x"));
        assertThat(ZSetAlgebraCommands.intersectionCardinality(List.of(new Source(a, 1), new Source(b, 1)), 1))
                .isEqualTo(1);
        assertThat(ZSetAlgebraCommands.combine(List.of(new Source(a, 1), new Source(null, 1)), Op.INTER,
                Aggregate.SUM).size()).isZero();
    }

    @Test
    void storesArePropagatedAsReceivedAndEmptyResultsDeleteTheDestination() {
        s.call("ZADD", "a", "1", "x", "2", "y");
        s.call("ZADD", "b", "3", "y");
        s.takePropagated();
        assertThat(s.call("ZINTERSTORE", "d", "2", "a", "b", "WEIGHTS", "2", "1")).isEqualTo(1L);
        assertThat(s.call("ZSCORE", "d", "y")).isEqualTo("7");
        assertThat(s.call("ZDIFFSTORE", "d", "2", "a", "a")).isEqualTo(0L);
        assertThat(s.call("EXISTS", "d")).isEqualTo(0L);
        assertThat(s.call("ZDIFFSTORE", "d", "2", "a", "a")).isEqualTo(0L);
        assertThat(s.takePropagatedText()).containsExactly("0:ZINTERSTORE d 2 a b WEIGHTS 2 1",
                "0:ZDIFFSTORE d 2 a a");
    }

    @Test
    void optionsAreCheckedAsRedisChecksThem() {
        s.call("ZADD", "a", "1", "x");
        assertThat(s.call("ZUNION", "0", "a")).isEqualTo(error("ERR at least 1 input key is needed for 'zunion' command"));
        assertThat(s.call("ZUNION", "2", "a")).isEqualTo(error("ERR syntax error"));
        assertThat(s.call("ZUNION", "1", "a", "WEIGHTS", "x")).isEqualTo(error("ERR weight value is not a float"));
        assertThat(s.call("ZDIFF", "1", "a", "WEIGHTS", "1")).isEqualTo(error("ERR syntax error"));
        assertThat(s.call("ZUNIONSTORE", "d", "1", "a", "WITHSCORES")).isEqualTo(error("ERR syntax error"));
        assertThat(s.call("ZINTERCARD", "1", "a", "LIMIT", "-2")).isEqualTo(error("ERR LIMIT can't be negative"));
        assertThat(s.call("ZUNION", "1", "a", "WITHSCORES")).isEqualTo(List.of("x", "1"));
    }
}
