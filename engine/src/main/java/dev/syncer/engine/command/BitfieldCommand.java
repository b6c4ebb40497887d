package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Numbers;
import dev.syncer.engine.keyspace.StringValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.syncer.engine.command.CommandFlag.DENYOOM;
import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.READONLY;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * BITFIELD and BITFIELD_RO, as bitops.c's {@code bitfieldGeneric}: every subcommand is parsed
 * before anything runs, then they run in order on one buffer, so a GET sees an earlier SET.
 * Integers are big-endian at any bit offset, signed (i1..i64) or unsigned (u1..u63); OVERFLOW
 * WRAP / SAT / FAIL applies to the SET and INCRBY after it. Propagated as received when it
 * changed something.
 */
final class BitfieldCommand {

    private static final String TYPE_ERROR =
            "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.";

    enum Overflow { WRAP, SAT, FAIL }

    enum Opcode { GET, SET, INCRBY }

    /** One parsed subcommand. */
    record Op(Opcode opcode, long offset, long value, Overflow overflow, int bits, boolean signed) {
    }

    /** The outcome of an overflow check: 0, 1 (overflow) or -1 (underflow), and the value to store instead. */
    record Checked(int direction, long limit) {
    }

    private BitfieldCommand() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("bitfield", -2, 1, 1, 1, ctx -> bitfield(ctx, false), WRITE, DENYOOM));
        t.add(CommandSpec.of("bitfield_ro", -2, 1, 1, 1, ctx -> bitfield(ctx, true), READONLY, FAST));
    }

    // Format: BITFIELD key [GET type offset | SET type offset value | INCRBY type offset increment
    //         | OVERFLOW WRAP|SAT|FAIL] ... -> array of :value (or $-1 where FAIL refused an overflow)
    private static void bitfield(CommandContext ctx, boolean readOnlyCommand) {
        Args a = ctx.args();
        List<Op> ops = new ArrayList<>();
        Overflow overflow = Overflow.WRAP;
        boolean writes = false;
        long highestWrite = 0;
        for (int j = 2; j < a.count(); j++) {
            int remaining = a.count() - j - 1;
            String sub = a.option(j);
            Opcode opcode;
            if (sub.equals("GET") && remaining >= 2) {
                opcode = Opcode.GET;
            } else if (sub.equals("SET") && remaining >= 3) {
                opcode = Opcode.SET;
            } else if (sub.equals("INCRBY") && remaining >= 3) {
                opcode = Opcode.INCRBY;
            } else if (sub.equals("OVERFLOW") && remaining >= 1) {
                overflow = switch (a.option(++j)) {
                    case "WRAP" -> Overflow.WRAP;
                    case "SAT" -> Overflow.SAT;
                    case "FAIL" -> Overflow.FAIL;
                    default -> throw new CommandError("ERR Invalid OVERFLOW type specified");
                };
                continue;
            } else {
                throw CommandError.syntax();
            }
            byte[] type = a.bytes(j + 1);
            boolean signed = type.length > 0 && type[0] == 'i';
            int bits = typeBits(type);
            long offset = BitCommands.bitOffset(ctx, j + 2, bits);
            long value = 0;
            if (opcode != Opcode.GET) {
                writes = true;
                highestWrite = Math.max(highestWrite, offset + bits - 1);
                value = a.longValue(j + 3);
            }
            ops.add(new Op(opcode, offset, value, overflow, bits, signed));
            j += opcode == Opcode.GET ? 2 : 3;
        }
        Key key = a.key(1);
        byte[] bytes;
        BitCommands.Grown grown = null;
        boolean editedInPlace = false;
        if (!writes) {
            StringValue v = ctx.read(key, StringValue.class);
            bytes = v == null ? new byte[0] : v.bytes();
        } else {
            if (readOnlyCommand) {
                throw new CommandError("ERR BITFIELD_RO only supports the GET subcommand");
            }
            StringValue current = ctx.write(key, StringValue.class);
            byte[] inPlace = current != null && (highestWrite >> 3) < current.bytes().length
                    ? ctx.db().editableBytes(key, current) : null;
            grown = inPlace != null ? new BitCommands.Grown(inPlace, false) : BitCommands.grownFrom(current, highestWrite);
            bytes = grown.bytes();
            editedInPlace = inPlace != null;
        }
        ctx.reply().arrayHeader(ops.size());
        int changes = 0;
        for (Op op : ops) {
            if (op.opcode() == Opcode.GET) {
                long v = op.signed() ? getSigned(bytes, op.offset(), op.bits()) : getUnsigned(bytes, op.offset(), op.bits());
                ctx.reply().integer(v);
                continue;
            }
            long old = op.signed() ? getSigned(bytes, op.offset(), op.bits()) : getUnsigned(bytes, op.offset(), op.bits());
            long result;
            long newValue;
            Checked c;
            if (op.opcode() == Opcode.INCRBY) {
                c = op.signed() ? checkSigned(old, op.value(), op.bits(), op.overflow())
                        : checkUnsigned(old, op.value(), op.bits(), op.overflow());
                newValue = c.direction() != 0 ? c.limit() : old + op.value();
                result = newValue;
            } else {
                c = op.signed() ? checkSigned(op.value(), 0, op.bits(), op.overflow())
                        : checkUnsigned(op.value(), 0, op.bits(), op.overflow());
                newValue = c.direction() != 0 ? c.limit() : op.value();
                result = old;
            }
            if (c.direction() != 0 && op.overflow() == Overflow.FAIL) {
                ctx.reply().nullBulk();
                continue;
            }
            ctx.reply().integer(result);
            setUnsigned(bytes, op.offset(), op.bits(), newValue);
            if (grown.dirty() || old != newValue) {
                changes++;
            }
        }
        if (grown != null && (changes > 0 || grown.dirty())) {
            // Redis creates or pads the key before running the ops, even if FAIL then refuses all of them.
            if (!editedInPlace) {
                ctx.db().putKeepTtl(key, StringValue.owning(bytes));
            }
            ctx.changed(changes);
            ctx.notify(KeyspaceEvents.STRING, "setbit", key);
        }
    }

    /** Redis's getBitfieldTypeFromArgument: i1..i64 or u1..u63 (case-sensitive, as Redis's). */
    private static int typeBits(byte[] type) {
        if (type.length == 0 || (type[0] != 'i' && type[0] != 'u')) {
            throw new CommandError(TYPE_ERROR);
        }
        Long bits = Numbers.parseLong(Arrays.copyOfRange(type, 1, type.length));
        if (bits == null || bits < 1 || (type[0] == 'i' && bits > 64) || (type[0] == 'u' && bits > 63)) {
            throw new CommandError(TYPE_ERROR);
        }
        return bits.intValue();
    }

    private static int bitAt(byte[] p, long offset) {
        long index = offset >> 3;
        if (index >= p.length) {
            return 0; // a GET past the end reads zero padding
        }
        return (p[(int) index] >> (7 - (int) (offset & 7))) & 1;
    }

    /** Redis's getUnsignedBitfield. */
    static long getUnsigned(byte[] p, long offset, int bits) {
        long value = 0;
        for (int j = 0; j < bits; j++) {
            value = (value << 1) | bitAt(p, offset + j);
        }
        return value;
    }

    /** Redis's getSignedBitfield: the top bit of the field is the sign. */
    static long getSigned(byte[] p, long offset, int bits) {
        long value = getUnsigned(p, offset, bits);
        if (bits < 64 && (value & (1L << (bits - 1))) != 0) {
            value |= -1L << bits;
        }
        return value;
    }

    /** Redis's setUnsignedBitfield (the signed form is the same bits); p is long enough. */
    static void setUnsigned(byte[] p, long offset, int bits, long value) {
        for (int j = 0; j < bits; j++) {
            long bitOffset = offset + j;
            int index = (int) (bitOffset >> 3);
            int shift = 7 - (int) (bitOffset & 7);
            int bit = (int) ((value >>> (bits - 1 - j)) & 1);
            p[index] = (byte) ((p[index] & ~(1 << shift)) | (bit << shift));
        }
    }

    /** Redis's checkUnsignedBitfieldOverflow, in unsigned 64-bit arithmetic. */
    static Checked checkUnsigned(long value, long incr, int bits, Overflow overflow) {
        long max = bits == 64 ? -1L : (1L << bits) - 1;
        long maxIncr = max - value;
        long minIncr = -value;
        if (Long.compareUnsigned(value, max) > 0 || (incr > 0 && incr > maxIncr)) {
            return new Checked(1, overflow == Overflow.WRAP ? wrapUnsigned(value, incr, bits) : max);
        }
        if (incr < 0 && incr < minIncr) {
            return new Checked(-1, overflow == Overflow.WRAP ? wrapUnsigned(value, incr, bits) : 0);
        }
        return new Checked(0, 0);
    }

    private static long wrapUnsigned(long value, long incr, int bits) {
        return (value + incr) & ~(-1L << bits);
    }

    /** Redis's checkSignedBitfieldOverflow. */
    static Checked checkSigned(long value, long incr, int bits, Overflow overflow) {
        long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
        long min = -max - 1;
        long maxIncr = max - value;
        long minIncr = min - value;
        if (value > max || (bits != 64 && incr > maxIncr) || (value >= 0 && incr > 0 && incr > maxIncr)) {
            return new Checked(1, overflow == Overflow.WRAP ? wrapSigned(value, incr, bits) : max);
        }
        if (value < min || (bits != 64 && incr < minIncr) || (value < 0 && incr < 0 && incr < minIncr)) {
            return new Checked(-1, overflow == Overflow.WRAP ? wrapSigned(value, incr, bits) : min);
        }
        return new Checked(0, 0);
    }

    private static long wrapSigned(long value, long incr, int bits) {
        long c = value + incr;
        if (bits < 64) {
            long mask = -1L << bits;
            c = (c & (1L << (bits - 1))) != 0 ? c | mask : c & ~mask;
        }
        return c;
    }
}
