package dev.syncer.engine.command;

import dev.syncer.engine.command.BitfieldCommand.Overflow;
import dev.syncer.engine.testing.DirectShard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static dev.syncer.engine.testing.DirectShard.error;
import static org.assertj.core.api.Assertions.assertThat;

class BitCommandsTest {

    private final DirectShard s = new DirectShard();

    @AfterEach
    void close() {
        s.close();
    }

    @Test
    void setbitGrowsTheStringWithZeroBytesAndKeepsTheTtl() {
        s.call("SET", "k", "a", "EX", "100");
        assertThat(s.call("SETBIT", "k", "23", "1")).isEqualTo(0L);
        assertThat(s.call("STRLEN", "k")).isEqualTo(3L);
        assertThat(s.call("GETBIT", "k", "23")).isEqualTo(1L);
        assertThat(s.call("TTL", "k")).isEqualTo(100L);
    }

    @Test
    void setbitThatChangesNothingIsNotPropagated() {
        s.call("SETBIT", "k", "3", "1");
        s.call("SETBIT", "k", "3", "1");
        s.call("SETBIT", "new", "0", "0");
        assertThat(s.takePropagatedText()).containsExactly("0:SETBIT k 3 1", "0:SETBIT new 0 0");
    }

    @Test
    void offsetsPastTheBulkLimitAreRefusedToClientsButTrustedFromThePrimary() {
        s.call("CONFIG", "SET", "proto-max-bulk-len", "1048576");
        String past = Long.toString(1048576L * 8);
        assertThat(s.call("SETBIT", "k", past, "1")).isEqualTo(error("ERR bit offset is not an integer or out of range"));
        assertThat(s.call("EXISTS", "k")).isEqualTo(0L);
    }

    @Test
    void bitRangesConvertToBytesWithEdgeMasks() {
        var r = BitCommands.range(5, 30, 6, true);
        assertThat(List.of(r.start(), r.end(), (long) r.firstNegMask(), (long) r.lastNegMask()))
                .containsExactly(0L, 3L, 0xf8L, 1L);
        var negative = BitCommands.range(-2, -1, 6, false);
        assertThat(List.of(negative.start(), negative.end())).containsExactly(4L, 5L);
    }

    @Test
    void firstBitTreatsTheStringAsZeroPaddedWhenLookingForAZero() {
        byte[] ones = {(byte) 0xff, (byte) 0xff};
        assertThat(BitCommands.firstBit(ones, 0, 2, 0)).isEqualTo(16);
        assertThat(BitCommands.firstBit(ones, 0, 2, 1)).isZero();
        assertThat(BitCommands.firstBit(new byte[] {0, 0x10}, 0, 2, 1)).isEqualTo(11);
        assertThat(BitCommands.firstBit(new byte[2], 0, 2, 1)).isEqualTo(-1);
    }

    @Test
    void bitfieldValuesAreBigEndianAtAnyBitOffset() {
        byte[] p = new byte[3];
        BitfieldCommand.setUnsigned(p, 4, 12, 0xabc);
        assertThat(p).isEqualTo(new byte[] {0x0a, (byte) 0xbc, 0});
        assertThat(BitfieldCommand.getUnsigned(p, 4, 12)).isEqualTo(0xabc);
        assertThat(BitfieldCommand.getSigned(p, 4, 4)).isEqualTo(-6);
        assertThat(BitfieldCommand.getUnsigned(p, 20, 8)).isZero();
    }

    @Test
    void unsignedOverflowWrapsSaturatesOrFails() {
        assertThat(BitfieldCommand.checkUnsigned(250, 10, 8, Overflow.WRAP)).isEqualTo(new BitfieldCommand.Checked(1, 4));
        assertThat(BitfieldCommand.checkUnsigned(250, 10, 8, Overflow.SAT)).isEqualTo(new BitfieldCommand.Checked(1, 255));
        assertThat(BitfieldCommand.checkUnsigned(5, -10, 8, Overflow.SAT)).isEqualTo(new BitfieldCommand.Checked(-1, 0));
        assertThat(BitfieldCommand.checkUnsigned(5, -10, 8, Overflow.WRAP)).isEqualTo(new BitfieldCommand.Checked(-1, 251));
        assertThat(BitfieldCommand.checkUnsigned(-1, 0, 8, Overflow.FAIL).direction()).isEqualTo(1);
        assertThat(BitfieldCommand.checkUnsigned(5, 250, 8, Overflow.FAIL).direction()).isZero();
    }

    @Test
    void signedOverflowWrapsTowardsTheMostNegativeValue() {
        assertThat(BitfieldCommand.checkSigned(100, 100, 8, Overflow.WRAP)).isEqualTo(new BitfieldCommand.Checked(1, -56));
        assertThat(BitfieldCommand.checkSigned(-100, -100, 8, Overflow.SAT)).isEqualTo(new BitfieldCommand.Checked(-1, -128));
        assertThat(BitfieldCommand.checkSigned(Long.MAX_VALUE, 1, 64, Overflow.WRAP))
                .isEqualTo(new BitfieldCommand.Checked(1, Long.MIN_VALUE));
        assertThat(BitfieldCommand.checkSigned(Long.MIN_VALUE, -1, 64, Overflow.SAT))
                .isEqualTo(new BitfieldCommand.Checked(-1, Long.MIN_VALUE));
        assertThat(BitfieldCommand.checkSigned(-128, 255, 8, Overflow.FAIL).direction()).isZero();
    }

    @Test
    void bitfieldWithOnlyRefusedWritesStillCreatesTheKeyButPropagatesNothing() {
        assertThat(s.call("BITFIELD", "k", "OVERFLOW", "FAIL", "SET", "u2", "0", "9"))
                .isEqualTo(Arrays.asList((Object) null));
        assertThat(s.call("STRLEN", "k")).isEqualTo(1L);
        assertThat(s.takePropagated()).isEmpty();
        assertThat(s.call("BITFIELD_RO", "k", "SET", "u2", "0", "1"))
                .isEqualTo(error("ERR BITFIELD_RO only supports the GET subcommand"));
    }

    @Test
    void bitopStoresLikeSetAndDeletesTheTargetWhenEverySourceIsEmpty() {
        s.call("SET", "a", "\u00ff");
        s.call("SET", "t", "x", "EX", "100");
        assertThat(s.call("BITOP", "NOT", "t", "a")).isEqualTo(2L);
        assertThat(s.call("TTL", "t")).isEqualTo(-1L);
        assertThat(s.call("BITOP", "AND", "t", "nosuch")).isEqualTo(0L);
        assertThat(s.call("EXISTS", "t")).isEqualTo(0L);
        s.call("RPUSH", "l", "x");
        assertThat(s.call("BITOP", "OR", "t", "a", "l")).isEqualTo(error(CommandError.WRONGTYPE));
    }

    @Test
    void lcsListsMatchesFromTheEndAsRedisDoes() {
        LcsCommand.Result r = LcsCommand.compute("ohmytext".getBytes(), "mynewtext".getBytes(), 0);
        assertThat(new String(r.lcs())).isEqualTo("mytext");
        assertThat(r.length()).isEqualTo(6);
        assertThat(r.matches()).containsExactly(new LcsCommand.Match(4, 7, 5, 8), new LcsCommand.Match(2, 3, 0, 1));
        assertThat(LcsCommand.compute("ohmytext".getBytes(), "mynewtext".getBytes(), 4).matches())
                .containsExactly(new LcsCommand.Match(4, 7, 5, 8));
        assertThat(LcsCommand.compute(new byte[0], "abc".getBytes(), 0).length()).isZero();
    }
}
