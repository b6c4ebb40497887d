package dev.syncer.engine.command;

import dev.syncer.engine.testing.DirectShard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.syncer.engine.testing.DirectShard.error;
import static org.assertj.core.api.Assertions.assertThat;

class SortCommandTest {

    private final DirectShard s = new DirectShard();

    @AfterEach
    void close() {
        s.close();
    }

    @Test
    void sortStoreIsPropagatedAsReceivedAndCountsEveryStoredElement() {
        s.call("RPUSH", "l", "3", "1", "2");
        s.takePropagated();
        assertThat(s.call("SORT", "l", "STORE", "out")).isEqualTo(3L);
        assertThat(s.callStrings("LRANGE", "out", "0", "-1")).containsExactly("1", "2", "3");
        assertThat(s.call("SORT", "missing", "STORE", "nothing")).isEqualTo(0L);
        assertThat(s.call("SORT", "l")).asList().containsExactly("1", "2", "3");
        assertThat(s.takePropagatedText()).containsExactly("0:SORT l STORE out");
    }

    @Test
    void storingNothingDeletesTheDestination() {
        s.call("SET", "out", "x");
        s.takePropagated();
        assertThat(s.call("SORT", "missing", "STORE", "out")).isEqualTo(0L);
        assertThat(s.call("EXISTS", "out")).isEqualTo(0L);
        assertThat(s.takePropagatedText()).containsExactly("0:SORT missing STORE out");
    }

    @Test
    void anUnsortedSetIsSortedAlphabeticallyWhenStoredSoReplicasStoreTheSameList() {
        s.call("SADD", "set", "b", "c", "a");
        assertThat(s.call("SORT", "set", "BY", "nosort", "STORE", "out")).isEqualTo(3L);
        assertThat(s.callStrings("LRANGE", "out", "0", "-1")).containsExactly("a", "b", "c");
    }

    @Test
    void hashFieldPatternsSortAndProject() {
        s.call("RPUSH", "ids", "1", "2");
        s.call("HSET", "o_1", "w", "9", "name", "x");
        s.call("HSET", "o_2", "w", "3", "name", "y");
        assertThat(s.call("SORT", "ids", "BY", "o_*->w", "GET", "o_*->name", "GET", "#"))
                .asList().containsExactly("y", "2", "x", "1");
    }

    @Test
    void sortRoRefusesStoreAndScoresMustBeNumbers() {
        s.call("RPUSH", "l", "1", "x");
        assertThat(s.call("SORT_RO", "l", "STORE", "out")).isEqualTo(error(CommandError.SYNTAX));
        assertThat(s.call("SORT", "l")).isEqualTo(error("ERR One or more scores can't be converted into double"));
        assertThat(s.call("SORT", "l", "STORE", "out")).isEqualTo(error("ERR One or more scores can't be converted into double"));
        assertThat(s.call("EXISTS", "out")).isEqualTo(0L);
    }

    @Test
    void sortScoreFollowsStrtodButRefusesOverflow() {
        assertThat(SortCommand.sortScore(bytes(" 2.5"))).isEqualTo(2.5);
        assertThat(SortCommand.sortScore(bytes("-inf"))).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(SortCommand.sortScore(bytes("1e400"))).isNull();
        assertThat(SortCommand.sortScore(bytes("nan"))).isNull();
        assertThat(SortCommand.sortScore(bytes("2x"))).isNull();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
