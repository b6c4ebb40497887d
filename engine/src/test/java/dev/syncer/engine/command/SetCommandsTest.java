package dev.syncer.engine.command;

import dev.syncer.engine.testing.DirectShard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.syncer.engine.testing.DirectShard.error;
import static org.assertj.core.api.Assertions.assertThat;

class SetCommandsTest {

    private final DirectShard s = new DirectShard();

    @AfterEach
    void close() {
        s.close();
    }

    @Test
    void saddSremScardSismember() {
        assertThat(s.call("SADD", "s", "a", "b", "a")).isEqualTo(2L);
        assertThat(s.call("SADD", "s", "b")).isEqualTo(0L);
        assertThat(s.call("SCARD", "s")).isEqualTo(2L);
        assertThat(s.call("SISMEMBER", "s", "a")).isEqualTo(1L);
        assertThat(s.call("SISMEMBER", "s", "z")).isEqualTo(0L);
        assertThat(s.call("SMISMEMBER", "s", "a", "z")).isEqualTo(List.of(1L, 0L));
        assertThat(s.callStrings("SMEMBERS", "s")).containsExactlyInAnyOrder("a", "b");
        assertThat(s.call("SREM", "s", "a", "z")).isEqualTo(1L);
        assertThat(s.call("SREM", "s", "b")).isEqualTo(1L);
        assertThat(s.call("EXISTS", "s")).isEqualTo(0L);
        assertThat(s.call("SMEMBERS", "s")).isEqualTo(List.of());
        assertThat(s.takePropagatedText()).containsExactly("0:SADD s a b a", "0:SREM s a z", "0:SREM s b");
    }

    @Test
    void spopIsPropagatedAsSremPerMemberOrDelForTheWholeSet() {
        s.call("SADD", "s", "a", "b", "c", "d");
        s.takePropagated();
        String one = (String) s.call("SPOP", "s");
        assertThat(s.takePropagatedText()).containsExactly("0:SREM s " + one);
        List<String> two = s.callStrings("SPOP", "s", "2");
        assertThat(two).hasSize(2).doesNotContain(one);
        assertThat(s.takePropagatedText()).containsExactly("0:MULTI", "0:SREM s " + two.get(0), "0:SREM s " + two.get(1),
                "0:EXEC");
        java.util.Set<String> left = new java.util.HashSet<>(List.of("a", "b", "c", "d"));
        left.remove(one);
        two.forEach(left::remove);
        assertThat(s.call("SPOP", "s", "5")).isEqualTo(List.copyOf(left));
        assertThat(s.takePropagatedText()).containsExactly("0:DEL s");
        assertThat(s.call("EXISTS", "s")).isEqualTo(0L);
        assertThat(s.call("SPOP", "s")).isNull();
        assertThat(s.call("SPOP", "s", "3")).isEqualTo(List.of());
        assertThat(s.call("SPOP", "s", "-1")).isEqualTo(error("ERR value is out of range, must be positive"));
        assertThat(s.call("SPOP", "s", "1", "2")).isEqualTo(error("ERR syntax error"));
        assertThat(s.takePropagated()).isEmpty();
    }

    @Test
    void spopOfTheLastMemberDeletesTheSet() {
        s.call("SADD", "s", "only");
        assertThat(s.call("SPOP", "s")).isEqualTo("only");
        assertThat(s.call("EXISTS", "s")).isEqualTo(0L);
    }

    @Test
    void spopDrainsALargeSetOneDistinctMemberAtATime() {
        Set<String> added = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            added.add("m" + i);
            s.call("SADD", "s", "m" + i);
        }
        assertThat(s.callStrings("SRANDMEMBER", "s", "-50")).hasSize(50).allMatch(added::contains);
        assertThat(s.callStrings("SRANDMEMBER", "s", "100")).doesNotHaveDuplicates().allMatch(added::contains);
        Set<String> popped = new HashSet<>(s.callStrings("SPOP", "s", "100"));
        assertThat(popped).hasSize(100);
        while (popped.size() < added.size()) {
            assertThat(popped.add((String) s.call("SPOP", "s"))).isTrue();
            assertThat(s.call("SCARD", "s")).isEqualTo((long) (added.size() - popped.size()));
        }
        assertThat(popped).isEqualTo(added);
        assertThat(s.call("EXISTS", "s")).isEqualTo(0L);
    }

    @Test
    void srandmemberCountSignDecidesRepeats() {
        s.call("SADD", "s", "a", "b", "c");
        assertThat(s.call("SRANDMEMBER", "s")).isIn("a", "b", "c");
        assertThat(s.callStrings("SRANDMEMBER", "s", "2")).hasSize(2).doesNotHaveDuplicates();
        assertThat(s.callStrings("SRANDMEMBER", "s", "10")).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(s.callStrings("SRANDMEMBER", "s", "-10")).hasSize(10).isSubsetOf("a", "b", "c");
        assertThat(s.call("SRANDMEMBER", "s", "0")).isEqualTo(List.of());
        assertThat(s.call("SRANDMEMBER", "missing")).isNull();
        assertThat(s.call("SRANDMEMBER", "missing", "3")).isEqualTo(List.of());
        assertThat(s.call("SCARD", "s")).isEqualTo(3L);
        assertThat(s.takePropagated()).hasSize(1); // only the SADD
    }

    @Test
    void setCommandsRefuseOtherTypes() {
        s.call("SET", "str", "v");
        assertThat(s.call("SADD", "str", "a")).isEqualTo(error(CommandError.WRONGTYPE));
        assertThat(s.call("SMEMBERS", "str")).isEqualTo(error(CommandError.WRONGTYPE));
        assertThat(s.call("SPOP", "str")).isEqualTo(error(CommandError.WRONGTYPE));
    }
}
