package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Numbers;
import dev.syncer.engine.keyspace.StringValue;
import dev.syncer.engine.resp.RespDecoder;
import dev.syncer.engine.server.ClientSession;

import java.util.Arrays;

import static dev.syncer.engine.command.CommandFlag.DENYOOM;
import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.READONLY;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * Bitmap commands on strings, as Redis 7.0's bitops.c: SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP
 * (BITFIELD lives in {@link BitfieldCommand}). Bit 0 is the most significant bit of byte 0. A
 * missing key is an empty string; writes grow the string with zero bytes and keep its TTL, except
 * BITOP, which replaces its target as SET does. All of them propagate as received.
 */
final class BitCommands {

    private static final String BIT_OFFSET_ERROR = "ERR bit offset is not an integer or out of range";
    private static final String BIT_VALUE_ERROR = "ERR bit is not an integer or out of range";

    private BitCommands() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("setbit", 4, 1, 1, 1, BitCommands::setbit, WRITE, DENYOOM));
        t.add(CommandSpec.of("getbit", 3, 1, 1, 1, BitCommands::getbit, READONLY, FAST));
        t.add(CommandSpec.of("bitcount", -2, 1, 1, 1, BitCommands::bitcount, READONLY));
        t.add(CommandSpec.of("bitpos", -3, 1, 1, 1, BitCommands::bitpos, READONLY));
        t.add(CommandSpec.of("bitop", -4, 2, -1, 1, BitCommands::bitop, WRITE, DENYOOM));
        BitfieldCommand.register(t);
    }

    /**
     * Redis's getBitOffsetFromArgument: a bit offset below the proto-max-bulk-len limit (the
     * primary's writes are trusted); with {@code bits > 0}, "#n" means n * bits (BITFIELD).
     */
    static long bitOffset(CommandContext ctx, int i, int bits) {
        byte[] arg = ctx.args().bytes(i);
        boolean hash = bits > 0 && arg.length > 0 && arg[0] == '#';
        Long parsed = Numbers.parseLong(hash ? Arrays.copyOfRange(arg, 1, arg.length) : arg);
        if (parsed == null) {
            throw new CommandError(BIT_OFFSET_ERROR);
        }
        long offset = hash ? parsed * bits : parsed; // wraps like Redis's long long multiply
        boolean trusted = ctx.session().kind() == ClientSession.Kind.MASTER;
        // Below the lowest limit CONFIG SET allows, the setting is not read: its lookup was a fifth of SETBIT's CPU.
        if (offset < 0 || (!trusted && (offset >> 3) >= RespDecoder.MIN_PROTO_MAX_BULK_LEN
                && (offset >> 3) >= ctx.shard().config().getLong("proto-max-bulk-len"))) {
            throw new CommandError(BIT_OFFSET_ERROR);
        }
        return offset;
    }

    /**
     * Redis's lookupStringForBitCommand on the value the command already looked up (null: missing):
     * a private copy long enough to address {@code maxBit}, zero-padded.
     */
    static Grown grownFrom(StringValue v, long maxBit) {
        long needed = (maxBit >> 3) + 1;
        byte[] old = v == null ? null : v.bytes();
        int oldLength = old == null ? 0 : old.length;
        int length = (int) Math.max(oldLength, checkedLength(needed));
        try {
            byte[] bytes = old == null ? new byte[length] : Arrays.copyOf(old, length);
            return new Grown(bytes, old == null || length != oldLength);
        } catch (OutOfMemoryError e) { // a huge offset this JVM cannot hold: refused, the dataset intact
            throw new CommandError("OOM command not allowed when used memory > 'maxmemory'.");
        }
    }

    /** The bytes to write, and whether creating or growing them already counts as a change. */
    record Grown(byte[] bytes, boolean dirty) {
    }

    private static int checkedLength(long needed) {
        if (needed > Integer.MAX_VALUE - 8) {
            throw new CommandError("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
        }
        return (int) needed;
    }

    /** A string's bytes for reading: empty for a missing key, WRONGTYPE for another type. */
    private static byte[] readBytes(CommandContext ctx, Key key) {
        StringValue v = ctx.read(key, StringValue.class);
        return v == null ? null : v.bytes();
    }

    // Format: SETBIT key offset 0|1 -> :previous-bit
    private static void setbit(CommandContext ctx) {
        Key key = ctx.args().key(1);
        long offset = bitOffset(ctx, 2, 0);
        Long on = Numbers.parseLong(ctx.args().bytes(3));
        if (on == null || (on & ~1L) != 0) {
            throw new CommandError(BIT_VALUE_ERROR);
        }
        long byteIndex = offset >> 3;
        int mask = 1 << (7 - (int) (offset & 7));
        StringValue current = ctx.write(key, StringValue.class);
        if (current != null && byteIndex < current.bytes().length
                && ((current.bytes()[(int) byteIndex] & mask) != 0) == (on == 1)) {
            ctx.reply().integer(on); // already so: no copy, no change, nothing propagated
            return;
        }
        int index = (int) byteIndex;
        byte[] inPlace = current != null && byteIndex < current.bytes().length ? ctx.db().editableBytes(key, current) : null;
        if (inPlace != null) { // the bit differs (checked above): flipped where it is, no copy
            inPlace[index] ^= (byte) mask;
            ctx.changed();
            ctx.notify(KeyspaceEvents.STRING, "setbit", key);
            ctx.reply().integer(on == 1 ? 0 : 1);
            return;
        }
        Grown g = grownFrom(current, offset); // one lookup: current is the key's value
        boolean was = (g.bytes()[index] & mask) != 0;
        if (g.dirty() || was != (on == 1)) {
            g.bytes()[index] = (byte) (on == 1 ? g.bytes()[index] | mask : g.bytes()[index] & ~mask);
            ctx.db().putKeepTtl(key, StringValue.owning(g.bytes()));
            ctx.changed();
            ctx.notify(KeyspaceEvents.STRING, "setbit", key);
        }
        ctx.reply().integer(was ? 1 : 0);
    }

    // Format: GETBIT key offset -> :bit (0 past the end or for a missing key)
    private static void getbit(CommandContext ctx) {
        long offset = bitOffset(ctx, 2, 0);
        byte[] s = readBytes(ctx, ctx.args().key(1));
        long index = offset >> 3;
        boolean set = s != null && index < s.length && (s[(int) index] & (1 << (7 - (int) (offset & 7)))) != 0;
        ctx.reply().integer(set ? 1 : 0);
    }

    /** A byte range of a string, with masks clearing bits outside a BIT-unit range at its edges. */
    record Range(long start, long end, int firstNegMask, int lastNegMask) {
    }

    /**
     * Redis's range normalisation in bitcountCommand / bitposCommand: negative indexes count from
     * the end, the range is clamped; in BIT units it becomes bytes plus edge masks.
     */
    static Range range(long start, long end, long strlen, boolean isBit) {
        long total = isBit ? strlen << 3 : strlen;
        if (start < 0) {
            start = total + start;
        }
        if (end < 0) {
            end = total + end;
        }
        start = Math.max(0, start);
        end = Math.max(0, end);
        if (end >= total) {
            end = total - 1;
        }
        int firstMask = 0;
        int lastMask = 0;
        if (isBit && start <= end) {
            firstMask = ~((1 << (8 - (int) (start & 7))) - 1) & 0xff;
            lastMask = (1 << (7 - (int) (end & 7))) - 1;
            start >>= 3;
            end >>= 3;
        }
        return new Range(start, end, firstMask, lastMask);
    }

    /** BIT or BYTE; a syntax error otherwise. */
    private static boolean isBitUnit(CommandContext ctx, int i) {
        if (ctx.args().is(i, "BIT")) {
            return true;
        }
        if (ctx.args().is(i, "BYTE")) {
            return false;
        }
        throw CommandError.syntax();
    }

    // Format: BITCOUNT key [start end [BYTE|BIT]] -> :set-bits
    private static void bitcount(CommandContext ctx) {
        Args a = ctx.args();
        byte[] s = readBytes(ctx, a.key(1));
        if (s == null) {
            ctx.reply().integer(0);
            return;
        }
        Range r;
        if (a.count() == 4 || a.count() == 5) {
            long start = a.longValue(2);
            long end = a.longValue(3);
            if (start < 0 && end < 0 && start > end) {
                ctx.reply().integer(0);
                return;
            }
            r = range(start, end, s.length, a.count() == 5 && isBitUnit(ctx, 4));
        } else if (a.count() == 2) {
            r = new Range(0, s.length - 1L, 0, 0);
        } else {
            throw CommandError.syntax();
        }
        if (r.start() > r.end()) {
            ctx.reply().integer(0);
            return;
        }
        long count = popcount(s, (int) r.start(), (int) r.end() + 1);
        count -= Integer.bitCount(s[(int) r.start()] & r.firstNegMask());
        count -= Integer.bitCount(s[(int) r.end()] & r.lastNegMask());
        ctx.reply().integer(count);
    }

    /** Redis's redisPopcount over s[from, to). */
    static long popcount(byte[] s, int from, int to) {
        long count = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            count += Long.bitCount(((s[i] & 0xffL) << 56) | ((s[i + 1] & 0xffL) << 48) | ((s[i + 2] & 0xffL) << 40)
                    | ((s[i + 3] & 0xffL) << 32) | ((s[i + 4] & 0xffL) << 24) | ((s[i + 5] & 0xffL) << 16)
                    | ((s[i + 6] & 0xffL) << 8) | (s[i + 7] & 0xffL));
        }
        for (; i < to; i++) {
            count += Integer.bitCount(s[i] & 0xff);
        }
        return count;
    }

    /**
     * Redis's redisBitpos over {@code count} bytes from {@code from}: the first bit equal to
     * {@code bit}; if none, -1 when looking for a 1, and count * 8 when looking for a 0 (the
     * string is taken as zero-padded on the right).
     */
    static long firstBit(byte[] s, int from, long count, int bit) {
        int skip = bit == 1 ? 0 : 0xff;
        for (long j = 0; j < count; j++) {
            int b = s[(int) (from + j)] & 0xff;
            if (b != skip) {
                for (int k = 7; k >= 0; k--) {
                    if (((b >> k) & 1) == bit) {
                        return j * 8 + (7 - k);
                    }
                }
            }
        }
        return bit == 1 ? -1 : count * 8;
    }

    // Format: BITPOS key 0|1 [start [end [BYTE|BIT]]] -> :position | :-1
    private static void bitpos(CommandContext ctx) {
        Args a = ctx.args();
        long bit = a.longValue(2);
        if (bit != 0 && bit != 1) {
            throw new CommandError("ERR The bit argument must be 1 or 0.");
        }
        byte[] s = readBytes(ctx, a.key(1));
        if (s == null) {
            ctx.reply().integer(bit == 1 ? -1 : 0);
            return;
        }
        boolean endGiven = false;
        Range r;
        if (a.count() >= 4 && a.count() <= 6) {
            long start = a.longValue(3);
            boolean isBit = a.count() == 6 && isBitUnit(ctx, 5);
            long end;
            if (a.count() >= 5) {
                end = a.longValue(4);
                endGiven = true;
            } else {
                end = isBit ? ((long) s.length << 3) + 7 : s.length - 1L;
            }
            r = range(start, end, s.length, isBit);
        } else if (a.count() == 3) {
            r = new Range(0, s.length - 1L, 0, 0);
        } else {
            throw CommandError.syntax();
        }
        ctx.reply().integer(bitpos(s, r, (int) bit, endGiven));
    }

    /** The position bitposCommand answers for a normalised range. */
    private static long bitpos(byte[] s, Range r, int bit, boolean endGiven) {
        long start = r.start();
        long end = r.end();
        if (start > end) {
            return -1;
        }
        long bytes = end - start + 1;
        long pos;
        found:
        {
            if (r.firstNegMask() != 0) {
                int b = s[(int) start] & 0xff;
                int tmp = bit == 1 ? b & ~r.firstNegMask() : b | r.firstNegMask();
                if (r.lastNegMask() != 0 && bytes == 1) {
                    tmp = bit == 1 ? tmp & ~r.lastNegMask() : tmp | r.lastNegMask();
                }
                pos = firstBit(new byte[] {(byte) tmp}, 0, 1, bit);
                if (bytes == 1 || (pos != -1 && pos != 8)) {
                    break found;
                }
                start++;
                bytes--;
            }
            long whole = bytes - (r.lastNegMask() != 0 ? 1 : 0);
            if (whole > 0) {
                pos = firstBit(s, (int) start, whole, bit);
                if (bytes == whole || (pos != -1 && pos != whole << 3)) {
                    break found;
                }
                start += whole;
                bytes -= whole;
            }
            int b = s[(int) end] & 0xff;
            int tmp = bit == 1 ? b & ~r.lastNegMask() : b | r.lastNegMask();
            pos = firstBit(new byte[] {(byte) tmp}, 0, 1, bit);
        }
        if (endGiven && bit == 0 && pos == bytes << 3) {
            return -1;
        }
        return pos == -1 ? -1 : pos + (start << 3);
    }

    private enum BitOp { AND, OR, XOR, NOT }

    // Format: BITOP AND|OR|XOR|NOT destkey key [key ...] -> :length-of-destkey
    private static void bitop(CommandContext ctx) {
        Args a = ctx.args();
        BitOp op = switch (a.option(1)) {
            case "AND" -> BitOp.AND;
            case "OR" -> BitOp.OR;
            case "XOR" -> BitOp.XOR;
            case "NOT" -> BitOp.NOT;
            default -> throw CommandError.syntax();
        };
        if (op == BitOp.NOT && a.count() != 4) {
            throw new CommandError("ERR BITOP NOT must be called with a single source key.");
        }
        byte[][] sources = new byte[a.count() - 3][];
        int maxLength = 0;
        for (int i = 0; i < sources.length; i++) {
            byte[] s = readBytes(ctx, a.key(i + 3));
            sources[i] = s == null ? new byte[0] : s;
            maxLength = Math.max(maxLength, sources[i].length);
        }
        Key target = a.key(2);
        if (maxLength > 0) {
            ctx.db().put(target, StringValue.owning(combine(op, sources, maxLength)));
            ctx.changed();
            ctx.notify(KeyspaceEvents.STRING, "set", target);
        } else if (ctx.db().remove(target)) {
            ctx.changed();
            ctx.notify(KeyspaceEvents.GENERIC, "del", target);
        }
        ctx.reply().integer(maxLength);
    }

    /** The result of op over the sources, shorter ones taken as zero-padded. */
    private static byte[] combine(BitOp op, byte[][] sources, int length) {
        byte[] out = new byte[length];
        for (int j = 0; j < length; j++) {
            int v = j < sources[0].length ? sources[0][j] : 0;
            if (op == BitOp.NOT) {
                v = ~v;
            }
            for (int i = 1; i < sources.length; i++) {
                int b = j < sources[i].length ? sources[i][j] : 0;
                v = switch (op) {
                    case AND -> v & b;
                    case OR -> v | b;
                    default -> v ^ b;
                };
            }
            out[j] = (byte) v;
        }
        return out;
    }
}
