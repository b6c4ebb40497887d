package dev.syncer.engine.command;

import dev.syncer.engine.testing.DirectShard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static dev.syncer.engine.testing.DirectShard.error;
import static org.assertj.core.api.Assertions.assertThat;

class RandomFieldCommandsTest {

    private final DirectShard s = new DirectShard();

    @AfterEach
    void close() {
        s.close();
    }

    @Test
    void aPositiveCountPicksDistinctElementsAndANegativeOneMayRepeat() {
        List<Integer> all = List.of(1, 2, 3, 4, 5);
        List<Integer> three = RandomFieldCommands.pick(all, 3);
        assertThat(new HashSet<>(three)).hasSize(3);
        assertThat(all).containsAll(three);
        assertThat(RandomFieldCommands.pick(all, 10)).containsExactlyElementsOf(all);
        List<Integer> many = RandomFieldCommands.pick(all, -50);
        assertThat(many).hasSize(50);
        assertThat(all).containsAll(many);
    }

    @Test
    void hrandfieldWithValuesPairsEachFieldWithItsValue() {
        s.call("HSET", "h", "f1", "v1", "f2", "v2");
        List<String> pairs = s.callStrings("HRANDFIELD", "h", "-6", "WITHVALUES");
        assertThat(pairs).hasSize(12);
        for (int i = 0; i < pairs.size(); i += 2) {
            assertThat(pairs.get(i + 1)).isEqualTo("v" + pairs.get(i).substring(1));
        }
        assertThat(s.call("HRANDFIELD", "h", "1", "WITHSCORES")).isEqualTo(error("ERR syntax error"));
    }

    @Test
    void zrandmemberWithScoresFormatsScoresAsRedis() {
        s.call("ZADD", "z", "0.1", "a");
        assertThat(s.call("ZRANDMEMBER", "z", "1", "WITHSCORES")).isEqualTo(List.of("a", "0.10000000000000001"));
        assertThat(s.call("ZRANDMEMBER", "z", "-4611686018427387904", "WITHSCORES"))
                .isEqualTo(error("ERR value is out of range"));
        assertThat(s.call("ZRANDMEMBER", "nosuch")).isNull();
    }
}
