package dev.syncer.engine.command;

import dev.syncer.engine.testing.DirectShard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static dev.syncer.engine.testing.DirectShard.error;
import static org.assertj.core.api.Assertions.assertThat;

class HashCommandsTest {

    private final DirectShard s = new DirectShard();

    @AfterEach
    void close() {
        s.close();
    }

    @Test
    void hsetCountsNewFieldsAndHmsetAnswersOk() {
        assertThat(s.call("HSET", "h", "a", "1", "b", "2")).isEqualTo(2L);
        assertThat(s.call("HSET", "h", "a", "9", "c", "3")).isEqualTo(1L);
        assertThat(s.call("HMSET", "h", "d", "4")).isEqualTo("OK");
        assertThat(s.call("HSET", "h", "a")).isEqualTo(error("ERR wrong number of arguments for 'hset' command"));
        assertThat(s.call("HSET", "h", "a", "1", "b")).isEqualTo(error("ERR wrong number of arguments for 'hset' command"));
        assertThat(s.call("HGET", "h", "a")).isEqualTo("9");
        assertThat(s.call("HGET", "h", "zz")).isNull();
        assertThat(s.call("HGET", "missing", "a")).isNull();
        assertThat(s.call("HMGET", "h", "a", "zz", "d")).isEqualTo(Arrays.asList("9", null, "4"));
        assertThat(s.call("HMGET", "missing", "a")).isEqualTo(Arrays.asList((Object) null));
        assertThat(s.call("HLEN", "h")).isEqualTo(4L);
        assertThat(s.call("HEXISTS", "h", "c")).isEqualTo(1L);
        assertThat(s.call("HEXISTS", "h", "zz")).isEqualTo(0L);
        assertThat(s.call("HSTRLEN", "h", "a")).isEqualTo(1L);
    }

    @Test
    void hgetallHkeysHvalsAgree() {
        s.call("HSET", "h", "a", "1", "b", "2", "c", "3");
        List<String> all = s.callStrings("HGETALL", "h");
        List<String> keys = s.callStrings("HKEYS", "h");
        List<String> vals = s.callStrings("HVALS", "h");
        assertThat(all).hasSize(6);
        for (int i = 0; i < 3; i++) {
            assertThat(all.get(2 * i)).isEqualTo(keys.get(i));
            assertThat(all.get(2 * i + 1)).isEqualTo(vals.get(i));
        }
        assertThat(keys).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(s.call("HGETALL", "missing")).isEqualTo(List.of());
    }

    @Test
    void hdelDeletesTheEmptiedHash() {
        s.call("HSET", "h", "a", "1", "b", "2");
        s.takePropagated();
        assertThat(s.call("HDEL", "h", "a", "zz")).isEqualTo(1L);
        assertThat(s.call("HDEL", "h", "zz")).isEqualTo(0L);
        assertThat(s.call("HDEL", "h", "b")).isEqualTo(1L);
        assertThat(s.call("EXISTS", "h")).isEqualTo(0L);
        assertThat(s.takePropagatedText()).containsExactly("0:HDEL h a zz", "0:HDEL h b");
    }

    @Test
    void hincrbyAndHincrbyfloat() {
        assertThat(s.call("HINCRBY", "h", "n", "5")).isEqualTo(5L);
        assertThat(s.call("HINCRBY", "h", "n", "-7")).isEqualTo(-2L);
        s.call("HSET", "h", "t", "x", "max", "9223372036854775807");
        assertThat(s.call("HINCRBY", "h", "t", "1")).isEqualTo(error("ERR hash value is not an integer"));
        assertThat(s.call("HINCRBY", "h", "max", "1")).isEqualTo(error("ERR increment or decrement would overflow"));
        s.takePropagated();
        assertThat(s.call("HINCRBYFLOAT", "h", "f", "10.5")).isEqualTo("10.5");
        assertThat(s.call("HINCRBYFLOAT", "h", "f", "0.1")).isEqualTo("10.6");
        assertThat(s.call("HINCRBYFLOAT", "h", "t", "1")).isEqualTo(error("ERR hash value is not a float"));
        assertThat(s.call("HINCRBYFLOAT", "h", "f", "inf")).isEqualTo(error("ERR value is NaN or Infinity"));
        assertThat(s.takePropagatedText()).containsExactly("0:HSET h f 10.5", "0:HSET h f 10.6");
    }

    @Test
    void hsetnxOnlySetsMissingFields() {
        assertThat(s.call("HSETNX", "h", "a", "1")).isEqualTo(1L);
        assertThat(s.call("HSETNX", "h", "a", "2")).isEqualTo(0L);
        assertThat(s.call("HGET", "h", "a")).isEqualTo("1");
    }

    @Test
    void hashCommandsRefuseOtherTypes() {
        s.call("SET", "str", "v");
        for (String[] cmd : new String[][] {{"HSET", "str", "a", "1"}, {"HGET", "str", "a"}, {"HGETALL", "str"},
                {"HDEL", "str", "a"}, {"HLEN", "str"}, {"HINCRBY", "str", "a", "1"}}) {
            assertThat(s.call(cmd)).as(String.join(" ", cmd)).isEqualTo(error(CommandError.WRONGTYPE));
        }
    }
}
