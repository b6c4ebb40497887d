package dev.syncer.engine.command;

import dev.syncer.engine.testing.DirectShard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;


import static dev.syncer.engine.testing.DirectShard.error;
import static org.assertj.core.api.Assertions.assertThat;

class SetAlgebraCommandsTest {

    private final DirectShard s = new DirectShard();

    @AfterEach
    void close() {
        s.close();
    }

    @Test
    void interUnionAndDiffTreatAMissingKeyAsAnEmptySet() {
        s.call("SADD", "a", "1", "2", "3");
        s.call("SADD", "b", "2", "3", "4");
        assertThat(s.callStrings("SINTER", "a", "b")).containsExactlyInAnyOrder("2", "3");
        assertThat(s.callStrings("SINTER", "a", "nosuch")).isEmpty();
        assertThat(s.callStrings("SUNION", "a", "nosuch", "b")).containsExactlyInAnyOrder("1", "2", "3", "4");
        assertThat(s.callStrings("SDIFF", "a", "b")).containsExactly("1");
        assertThat(s.callStrings("SDIFF", "a", "nosuch")).containsExactlyInAnyOrder("1", "2", "3");
        assertThat(s.callStrings("SDIFF", "a", "b", "a")).isEmpty();
        assertThat(s.call("SINTERCARD", "2", "a", "b", "LIMIT", "1")).isEqualTo(1L);
    }

    @Test
    void everyKeyIsTypeCheckedEvenAfterAMissingOne() {
        s.call("SADD", "a", "1");
        s.call("SET", "str", "x");
        assertThat(s.call("SINTER", "nosuch", "str")).isEqualTo(error(CommandError.WRONGTYPE));
        assertThat(s.call("SUNIONSTORE", "d", "a", "str")).isEqualTo(error(CommandError.WRONGTYPE));
        assertThat(s.call("EXISTS", "d")).isEqualTo(0L);
    }

    @Test
    void aStoreReplacesTheDestinationAndItsTtlAndIsPropagatedAsReceived() {
        s.call("SADD", "a", "1", "2");
        s.call("SET", "d", "old", "EX", "100");
        s.takePropagated();
        assertThat(s.call("SUNIONSTORE", "d", "a")).isEqualTo(2L);
        assertThat(s.call("TTL", "d")).isEqualTo(-1L);
        assertThat(s.call("TYPE", "d")).isEqualTo("set");
        assertThat(s.takePropagatedText()).containsExactly("0:SUNIONSTORE d a");
    }

    @Test
    void anEmptyResultDeletesTheDestinationAndIsPropagatedOnlyIfThereWasOne() {
        s.call("SADD", "a", "1");
        s.call("SADD", "d", "x");
        s.takePropagated();
        assertThat(s.call("SINTERSTORE", "d", "a", "nosuch")).isEqualTo(0L);
        assertThat(s.call("EXISTS", "d")).isEqualTo(0L);
        assertThat(s.call("SDIFFSTORE", "d", "a", "a")).isEqualTo(0L);
        assertThat(s.takePropagatedText()).containsExactly("0:SINTERSTORE d a nosuch");
    }

    @Test
    void smoveMovesOneMemberAndDeletesAnEmptiedSource() {
        s.call("SADD", "src", "m");
        s.takePropagated();
        assertThat(s.call("SMOVE", "src", "dst", "m")).isEqualTo(1L);
        assertThat(s.call("EXISTS", "src")).isEqualTo(0L);
        assertThat(s.callStrings("SMEMBERS", "dst")).containsExactly("m");
        assertThat(s.call("SMOVE", "src", "dst", "m")).isEqualTo(0L);
        assertThat(s.takePropagatedText()).containsExactly("0:SMOVE src dst m");
    }

    @Test
    void smoveToSameSetIsANoOp() {
        s.call("SADD", "s", "m");
        s.takePropagated();
        assertThat(s.call("SMOVE", "s", "s", "m")).isEqualTo(1L);
        assertThat(s.call("SMOVE", "s", "s", "other")).isEqualTo(0L);
        assertThat(s.callStrings("SMEMBERS", "s")).containsExactly("m");
        assertThat(s.takePropagated()).isEmpty();
    }

    @Test
    void smoveChecksTheDestinationTypeBeforeMoving() {
        s.call("SADD", "s", "m");
        s.call("SET", "str", "x");
        assertThat(s.call("SMOVE", "s", "str", "m")).isEqualTo(error(CommandError.WRONGTYPE));
        assertThat(s.call("SISMEMBER", "s", "m")).isEqualTo(1L);
        assertThat(s.call("SMOVE", "nosuch", "str", "m")).isEqualTo(0L);
    }

    @Test
    void sintercardValidatesNumkeysAndLimit() {
        assertThat(s.call("SINTERCARD", "0", "a")).isEqualTo(error("ERR numkeys should be greater than 0"));
        assertThat(s.call("SINTERCARD", "x", "a")).isEqualTo(error("ERR numkeys should be greater than 0"));
        assertThat(s.call("SINTERCARD", "3", "a", "b"))
                .isEqualTo(error("ERR Number of keys can't be greater than number of args"));
        assertThat(s.call("SINTERCARD", "1", "a", "LIMIT", "-1")).isEqualTo(error("ERR LIMIT can't be negative"));
        assertThat(s.call("SINTERCARD", "1", "a", "LIMIT")).isEqualTo(error("ERR syntax error"));
        assertThat(s.call("SINTERCARD", "1", "a")).isEqualTo(0L);
    }
}
