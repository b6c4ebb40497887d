package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.ListValue;
import dev.syncer.engine.testing.DirectShard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.syncer.engine.testing.DirectShard.error;
import static org.assertj.core.api.Assertions.assertThat;

class ListMovesTest {

    private final DirectShard s = new DirectShard();

    @AfterEach
    void close() {
        s.close();
    }

    @Test
    void lmoveAndRpoplpushArePropagatedAsReceived() {
        s.call("RPUSH", "src", "a", "b", "c");
        s.takePropagated();
        assertThat(s.call("LMOVE", "src", "dst", "LEFT", "RIGHT")).isEqualTo("a");
        assertThat(s.call("RPOPLPUSH", "src", "dst")).isEqualTo("c");
        assertThat(s.callStrings("LRANGE", "dst", "0", "-1")).containsExactly("c", "a");
        assertThat(s.takePropagatedText()).containsExactly("0:LMOVE src dst LEFT RIGHT", "0:RPOPLPUSH src dst");
    }

    @Test
    void movingTheOnlyElementOfAListOntoItselfKeepsTheList() {
        s.call("RPUSH", "l", "x");
        assertThat(s.call("LMOVE", "l", "l", "LEFT", "RIGHT")).isEqualTo("x");
        assertThat(s.callStrings("LRANGE", "l", "0", "-1")).containsExactly("x");
        s.call("RPUSH", "l", "y");
        assertThat(s.call("LMOVE", "l", "l", "RIGHT", "LEFT")).isEqualTo("y");
        assertThat(s.callStrings("LRANGE", "l", "0", "-1")).containsExactly("y", "x");
    }

    @Test
    void aWrongTypeDestinationMovesNothing() {
        s.call("RPUSH", "l", "x");
        s.call("SET", "str", "v");
        s.takePropagated();
        assertThat(s.call("LMOVE", "l", "str", "LEFT", "LEFT")).isEqualTo(error(CommandError.WRONGTYPE));
        assertThat(s.callStrings("LRANGE", "l", "0", "-1")).containsExactly("x");
        assertThat(s.call("LMOVE", "nosuch", "l", "LEFT", "LEFT")).isNull();
        assertThat(s.takePropagated()).isEmpty();
    }

    @Test
    void lmpopIsPropagatedAsAPopWithTheCountActuallyPopped() {
        s.call("RPUSH", "l", "a", "b", "c");
        s.takePropagated();
        assertThat(s.call("LMPOP", "2", "nosuch", "l", "RIGHT", "COUNT", "10"))
                .isEqualTo(List.of("l", List.of("c", "b", "a")));
        assertThat(s.call("EXISTS", "l")).isEqualTo(0L);
        assertThat(s.call("LMPOP", "1", "l", "LEFT")).isNull();
        assertThat(s.takePropagatedText()).containsExactly("0:RPOP l 3");
    }

    @Test
    void zmpopIsPropagatedAsZpopminOrZpopmax() {
        s.call("ZADD", "z", "1", "a", "2", "b", "3", "c");
        s.takePropagated();
        assertThat(s.call("ZMPOP", "1", "z", "MAX", "COUNT", "2"))
                .isEqualTo(List.of("z", List.of(List.of("c", "3"), List.of("b", "2"))));
        assertThat(s.call("ZMPOP", "1", "z", "MIN")).isEqualTo(List.of("z", List.of(List.of("a", "1"))));
        assertThat(s.takePropagatedText()).containsExactly("0:ZPOPMAX z 2", "0:ZPOPMIN z 1");
    }

    @Test
    void multiPopArgumentsAreCheckedInRedisOrder() {
        assertThat(s.call("LMPOP", "0", "l", "LEFT")).isEqualTo(error("ERR numkeys should be greater than 0"));
        assertThat(s.call("LMPOP", "5", "l", "LEFT")).isEqualTo(error("ERR syntax error"));
        assertThat(s.call("LMPOP", "1", "l", "UP", "COUNT", "0")).isEqualTo(error("ERR syntax error"));
        assertThat(s.call("LMPOP", "1", "l", "LEFT", "COUNT", "0"))
                .isEqualTo(error("ERR count should be greater than 0"));
        assertThat(s.call("ZMPOP", "1", "z", "MIN", "COUNT", "1", "COUNT", "1")).isEqualTo(error("ERR syntax error"));
    }

    @Test
    void lposFindsRanksCountsAndStopsAtMaxlen() {
        ListValue list = new ListValue();
        for (String e : List.of("a", "b", "a", "c", "a")) {
            list.addLast(e.getBytes());
        }
        byte[] a = "a".getBytes();
        assertThat(ListPosCommand.positions(list, a, 1, 0, 0)).containsExactly(0L, 2L, 4L);
        assertThat(ListPosCommand.positions(list, a, 2, 1, 0)).containsExactly(2L);
        assertThat(ListPosCommand.positions(list, a, -1, 2, 0)).containsExactly(4L, 2L);
        assertThat(ListPosCommand.positions(list, a, 1, 0, 3)).containsExactly(0L, 2L);
        assertThat(ListPosCommand.positions(list, a, -1, 0, 1)).containsExactly(4L);
        assertThat(ListPosCommand.positions(list, "z".getBytes(), 1, 0, 0)).isEmpty();
    }
}
