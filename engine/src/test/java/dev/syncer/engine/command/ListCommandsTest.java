package dev.syncer.engine.command;

import dev.syncer.engine.testing.DirectShard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.syncer.engine.testing.DirectShard.error;
import static org.assertj.core.api.Assertions.assertThat;

class ListCommandsTest {

    private final DirectShard s = new DirectShard();

    @AfterEach
    void close() {
        s.close();
    }

    @Test
    void pushesAddAtBothEndsInArgumentOrder() {
        assertThat(s.call("LPUSH", "l", "a", "b", "c")).isEqualTo(3L);
        assertThat(s.call("RPUSH", "l", "d", "e")).isEqualTo(5L);
        assertThat(s.call("LRANGE", "l", "0", "-1")).isEqualTo(List.of("c", "b", "a", "d", "e"));
        assertThat(s.call("LPUSHX", "missing", "x")).isEqualTo(0L);
        assertThat(s.call("RPUSHX", "l", "f")).isEqualTo(6L);
        assertThat(s.call("EXISTS", "missing")).isEqualTo(0L);
        s.call("SET", "str", "v");
        assertThat(s.call("LPUSH", "str", "x")).isEqualTo(error(CommandError.WRONGTYPE));
    }

    @Test
    void lrangeClampsIndexesLikeRedis() {
        s.call("RPUSH", "l", "a", "b", "c", "d", "e");
        assertThat(s.call("LRANGE", "l", "-2", "-1")).isEqualTo(List.of("d", "e"));
        assertThat(s.call("LRANGE", "l", "-100", "1")).isEqualTo(List.of("a", "b"));
        assertThat(s.call("LRANGE", "l", "3", "100")).isEqualTo(List.of("d", "e"));
        assertThat(s.call("LRANGE", "l", "4", "2")).isEqualTo(List.of());
        assertThat(s.call("LRANGE", "l", "10", "20")).isEqualTo(List.of());
        assertThat(s.call("LRANGE", "missing", "0", "-1")).isEqualTo(List.of());
        assertThat(s.call("LRANGE", "l", "a", "1")).isEqualTo(error("ERR value is not an integer or out of range"));
    }

    @Test
    void popsWithAndWithoutCountDeleteTheEmptiedList() {
        s.call("RPUSH", "l", "a", "b", "c", "d");
        s.takePropagated();
        assertThat(s.call("LPOP", "l")).isEqualTo("a");
        assertThat(s.call("RPOP", "l")).isEqualTo("d");
        assertThat(s.call("LPOP", "l", "0")).isEqualTo(List.of());
        assertThat(s.call("RPOP", "l", "10")).isEqualTo(List.of("c", "b"));
        assertThat(s.call("EXISTS", "l")).isEqualTo(0L);
        assertThat(s.call("LPOP", "l")).isNull();
        assertThat(s.call("LPOP", "l", "2")).isNull(); // a nil array
        assertThat(s.callRaw("LPOP", "l", "2")).asString().isEqualTo("*-1\r\n");
        assertThat(s.call("LPOP", "l", "-1")).isEqualTo(error("ERR value is out of range, must be positive"));
        assertThat(s.call("LPOP", "l", "1", "2")).isEqualTo(error("ERR wrong number of arguments for 'lpop' command"));
        assertThat(s.takePropagatedText()).containsExactly("0:LPOP l", "0:RPOP l", "0:RPOP l 10");
    }

    @Test
    void lindexLsetAndLlen() {
        s.call("RPUSH", "l", "a", "b", "c");
        assertThat(s.call("LINDEX", "l", "0")).isEqualTo("a");
        assertThat(s.call("LINDEX", "l", "-1")).isEqualTo("c");
        assertThat(s.call("LINDEX", "l", "3")).isNull();
        assertThat(s.call("LSET", "l", "-2", "B")).isEqualTo("OK");
        assertThat(s.call("LRANGE", "l", "0", "-1")).isEqualTo(List.of("a", "B", "c"));
        assertThat(s.call("LSET", "l", "5", "x")).isEqualTo(error("ERR index out of range"));
        assertThat(s.call("LSET", "missing", "0", "x")).isEqualTo(error("ERR no such key"));
        assertThat(s.call("LLEN", "l")).isEqualTo(3L);
        assertThat(s.call("LLEN", "missing")).isEqualTo(0L);
    }

    @Test
    void lremRemovesFromTheHeadTheTailOrEverywhere() {
        s.call("RPUSH", "l", "a", "b", "a", "c", "a");
        assertThat(s.call("LREM", "l", "2", "a")).isEqualTo(2L);
        assertThat(s.call("LRANGE", "l", "0", "-1")).isEqualTo(List.of("b", "c", "a"));
        s.call("RPUSH", "l", "b");
        assertThat(s.call("LREM", "l", "-1", "b")).isEqualTo(1L);
        assertThat(s.call("LRANGE", "l", "0", "-1")).isEqualTo(List.of("b", "c", "a"));
        s.takePropagated();
        assertThat(s.call("LREM", "l", "0", "x")).isEqualTo(0L);
        assertThat(s.takePropagated()).isEmpty();
        s.call("LREM", "l", "0", "b");
        s.call("LREM", "l", "0", "c");
        assertThat(s.call("LREM", "l", "0", "a")).isEqualTo(1L);
        assertThat(s.call("EXISTS", "l")).isEqualTo(0L);
    }

    @Test
    void ltrimKeepsARangeAndDeletesAnEmptyResult() {
        s.call("RPUSH", "l", "1", "2", "3", "4", "5");
        s.takePropagated();
        assertThat(s.call("LTRIM", "l", "1", "-2")).isEqualTo("OK");
        assertThat(s.call("LRANGE", "l", "0", "-1")).isEqualTo(List.of("2", "3", "4"));
        assertThat(s.call("LTRIM", "l", "0", "-1")).isEqualTo("OK");
        assertThat(s.call("LTRIM", "l", "5", "10")).isEqualTo("OK");
        assertThat(s.call("EXISTS", "l")).isEqualTo(0L);
        assertThat(s.call("LTRIM", "missing", "0", "1")).isEqualTo("OK");
        assertThat(s.takePropagatedText()).containsExactly("0:LTRIM l 1 -2", "0:LTRIM l 5 10");
    }

    @Test
    void aListGrowsPastItsInitialCapacityAtBothEnds() {
        for (int i = 0; i < 100; i++) {
            s.call("LPUSH", "l", "L" + i);
            s.call("RPUSH", "l", "R" + i);
        }
        assertThat(s.call("LLEN", "l")).isEqualTo(200L);
        assertThat(s.call("LINDEX", "l", "0")).isEqualTo("L99");
        assertThat(s.call("LINDEX", "l", "-1")).isEqualTo("R99");
        assertThat(s.call("LINDEX", "l", "100")).isEqualTo("R0");
    }
}
