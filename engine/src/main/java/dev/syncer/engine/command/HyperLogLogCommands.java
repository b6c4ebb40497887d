package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.StringValue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ThreadLocalRandom;

import static dev.syncer.engine.command.CommandFlag.ADMIN;
import static dev.syncer.engine.command.CommandFlag.DENYOOM;
import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.MAY_REPLICATE;
import static dev.syncer.engine.command.CommandFlag.READONLY;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * PFADD, PFCOUNT, PFMERGE, PFDEBUG and PFSELFTEST, as hyperloglog.c. An HLL is a plain string
 * holding {@link HyperLogLog}'s bytes, so RDB, DUMP and replication carry it unchanged. A single-key
 * PFCOUNT that refreshes the cached cardinality changes the string, so it is propagated as Redis
 * does; PFDEBUG GETREG / TODENSE propagate when they convert to dense.
 */
final class HyperLogLogCommands {

    static final String INVALID = "INVALIDOBJ Corrupted HLL object detected";
    static final String NOT_HLL = "WRONGTYPE Key is not a valid HyperLogLog string value.";

    private HyperLogLogCommands() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("pfadd", -2, 1, 1, 1, HyperLogLogCommands::pfadd, WRITE, DENYOOM, FAST));
        t.add(CommandSpec.of("pfcount", -2, 1, -1, 1, HyperLogLogCommands::pfcount, READONLY, MAY_REPLICATE));
        t.add(CommandSpec.of("pfmerge", -2, 1, -1, 1, HyperLogLogCommands::pfmerge, WRITE, DENYOOM));
        t.add(CommandSpec.of("pfdebug", 3, 2, 2, 1, HyperLogLogCommands::pfdebug, WRITE, DENYOOM, ADMIN));
        t.add(CommandSpec.of("pfselftest", 1, 0, 0, 0, HyperLogLogCommands::pfselftest, ADMIN));
    }

    private static int sparseMaxBytes(CommandContext ctx) {
        return (int) Math.min(Integer.MAX_VALUE, ctx.shard().config().getLong("hll-sparse-max-bytes"));
    }

    /** Redis's isHLLObjectOrReply on a value known to exist. */
    private static StringValue hllString(RedisValue v) {
        if (!(v instanceof StringValue s)) {
            throw CommandError.wrongType();
        }
        if (!HyperLogLog.isValid(s.bytes())) {
            throw new CommandError(NOT_HLL);
        }
        return s;
    }

    /** The HLL at key read where it is (no 12 KB copy to count or merge it), or null if missing. */
    private static StringValue readHll(CommandContext ctx, Key key) {
        RedisValue v = ctx.db().get(key);
        if (v == null) {
            ctx.shard().stats().keyspaceMisses++;
            ctx.notify(KeyspaceEvents.KEY_MISS, "keymiss", key);
            return null;
        }
        ctx.shard().stats().keyspaceHits++;
        return hllString(v);
    }

    private static HyperLogLog readOnly(StringValue s) {
        return s == null ? null : HyperLogLog.inPlace(s.bytes());
    }

    // Format: PFADD key [element ...] -> :1 if a register changed (or the key was created), else :0
    private static void pfadd(CommandContext ctx) {
        Args a = ctx.args();
        Key key = a.key(1);
        RedisValue v = ctx.db().get(key);
        if (v instanceof StringValue s && s.bytes().length == HyperLogLog.DENSE_SIZE && HyperLogLog.isValid(s.bytes())
                && s.bytes()[4] == HyperLogLog.DENSE) {
            pfaddDense(ctx, key, s, a);
            return;
        }
        int updated = 0;
        HyperLogLog h;
        if (v == null) {
            h = HyperLogLog.empty();
            updated++;
        } else {
            h = HyperLogLog.of(hllString(v).bytes());
        }
        int max = sparseMaxBytes(ctx);
        for (int j = 2; j < a.count(); j++) {
            int r = h.add(a.bytes(j), max);
            if (r < 0) {
                // Redis edits in place: registers set before the corrupt spot stay set, unpropagated.
                ctx.db().putKeepTtl(key, StringValue.owning(h.bytes()));
                throw new CommandError(INVALID);
            }
            updated += r;
        }
        if (updated > 0) {
            h.invalidateCache();
            ctx.db().putKeepTtl(key, StringValue.owning(h.take()));
        }
        added(ctx, key, updated);
    }

    /**
     * PFADD to a valid dense HLL, each element hashed once: registers are read where they are until
     * one would grow (elements already counted, the common case once an HLL is dense, cost no copy),
     * then edited in place when the keyspace allows it, else in a copy stored at the end.
     */
    private static void pfaddDense(CommandContext ctx, Key key, StringValue s, Args a) {
        HyperLogLog h = null; // the bytes being edited, from the first element that raises a register
        boolean inPlace = false;
        int updated = 0;
        for (int j = 2; j < a.count(); j++) {
            long pat = HyperLogLog.patLen(a.bytes(j));
            if (h == null) {
                if (!HyperLogLog.denseGrows(s.bytes(), pat)) {
                    continue;
                }
                byte[] own = ctx.db().editableBytes(key, s);
                inPlace = own != null;
                h = inPlace ? HyperLogLog.inPlace(own) : HyperLogLog.of(s.bytes()); // in place: no 12 KB copy
            }
            updated += h.set((int) pat, (int) (pat >>> 32), 0);
        }
        if (updated > 0) {
            h.invalidateCache();
            if (!inPlace) {
                ctx.db().putKeepTtl(key, StringValue.owning(h.take()));
            }
        }
        added(ctx, key, updated);
    }

    /** PFADD's ending: a change counted and announced when a register grew, and the reply. */
    private static void added(CommandContext ctx, Key key, int updated) {
        if (updated > 0) {
            ctx.changed(updated);
            ctx.notify(KeyspaceEvents.STRING, "pfadd", key);
        }
        ctx.reply().integer(updated > 0 ? 1 : 0);
    }

    // Format: PFCOUNT key [key ...] -> :estimated-cardinality (of the union for several keys)
    private static void pfcount(CommandContext ctx) {
        Args a = ctx.args();
        if (a.count() > 2) {
            int[] max = new int[HyperLogLog.REGISTERS];
            for (int j = 1; j < a.count(); j++) {
                HyperLogLog h = readOnly(readHll(ctx, a.key(j)));
                if (h != null && !h.mergeInto(max)) {
                    throw new CommandError(INVALID);
                }
            }
            ctx.reply().integer(HyperLogLogEstimator.estimate(HyperLogLogEstimator.histogram(max)));
            return;
        }
        Key key = a.key(1);
        StringValue s = readHll(ctx, key);
        if (s == null) {
            ctx.reply().integer(0);
            return;
        }
        HyperLogLog h = readOnly(s);
        if (h.cacheValid()) {
            ctx.reply().integer(h.cachedCardinality());
            return;
        }
        int[] histo = h.histogram();
        if (histo == null) {
            throw new CommandError(INVALID);
        }
        long card = HyperLogLogEstimator.estimate(histo);
        if (ctx.db().editableBytes(key, s) != null) {
            h.cache(card); // the value's own bytes: 8 bytes written, as Redis does, not 12 KB copied
        } else {
            HyperLogLog copy = HyperLogLog.of(s.bytes());
            copy.cache(card);
            ctx.db().putKeepTtl(key, StringValue.owning(copy.take()));
        }
        ctx.changed(); // the cached cardinality is part of the string: replicas get this PFCOUNT
        ctx.reply().integer(card);
    }

    // Format: PFMERGE destkey [sourcekey ...] -> +OK (destkey is one of the sources)
    private static void pfmerge(CommandContext ctx) {
        Args a = ctx.args();
        int[] max = new int[HyperLogLog.REGISTERS];
        boolean useDense = false;
        for (int j = 1; j < a.count(); j++) {
            HyperLogLog h = readOnly(readHll(ctx, a.key(j)));
            if (h == null) {
                continue;
            }
            useDense |= h.encoding() == HyperLogLog.DENSE;
            if (!h.mergeInto(max)) {
                throw new CommandError(INVALID);
            }
        }
        Key dest = a.key(1);
        RedisValue v = ctx.db().get(dest);
        HyperLogLog target = v == null ? HyperLogLog.empty() : HyperLogLog.of(((StringValue) v).bytes());
        if (useDense && !target.toDense()) {
            throw new CommandError(INVALID);
        }
        int sparseMax = sparseMaxBytes(ctx);
        for (int j = 0; j < HyperLogLog.REGISTERS; j++) {
            if (max[j] != 0) {
                target.set(j, max[j], sparseMax);
            }
        }
        target.invalidateCache();
        ctx.db().putKeepTtl(dest, StringValue.owning(target.take()));
        ctx.changed();
        ctx.notify(KeyspaceEvents.STRING, "pfadd", dest); // Redis names PFMERGE's event pfadd
        ctx.reply().ok();
    }

    // Format: PFDEBUG GETREG|DECODE|ENCODING|TODENSE key
    private static void pfdebug(CommandContext ctx) {
        Args a = ctx.args();
        String sub = a.string(1);
        Key key = a.key(2);
        RedisValue v = ctx.db().get(key);
        if (v == null) {
            throw new CommandError("ERR The specified key does not exist");
        }
        HyperLogLog h = readOnly(hllString(v)); // GETREG and TODENSE convert into a new buffer
        switch (a.option(1)) {
            case "GETREG" -> {
                toDenseForDebug(ctx, key, h);
                int[] registers = h.registers();
                ctx.reply().arrayHeader(registers.length);
                for (int r : registers) {
                    ctx.reply().integer(r);
                }
            }
            case "DECODE" -> {
                if (h.encoding() != HyperLogLog.SPARSE) {
                    throw new CommandError("ERR HLL encoding is not sparse");
                }
                ctx.reply().bulk(HllSparse.decode(h));
            }
            case "ENCODING" -> ctx.reply().simple(h.encoding() == HyperLogLog.DENSE ? "dense" : "sparse");
            case "TODENSE" -> ctx.reply().integer(toDenseForDebug(ctx, key, h) ? 1 : 0);
            default -> throw new CommandError("ERR Unknown PFDEBUG subcommand '" + sub + "'");
        }
    }

    /** Converts a sparse HLL to dense in the keyspace (propagated: replicas convert too); true if it did. */
    private static boolean toDenseForDebug(CommandContext ctx, Key key, HyperLogLog h) {
        if (h.encoding() != HyperLogLog.SPARSE) {
            return false;
        }
        if (!h.toDense()) {
            throw new CommandError(INVALID);
        }
        ctx.db().putKeepTtl(key, StringValue.owning(h.bytes()));
        ctx.changed();
        return true;
    }

    // Format: PFSELFTEST -> +OK, or an error naming the failed check
    private static void pfselftest(CommandContext ctx) {
        String failure = selfTest(ctx.shard().config().getLong("hll-sparse-max-bytes"));
        if (failure != null) {
            throw new CommandError("ERR TESTFAILED " + failure);
        }
        ctx.reply().ok();
    }

    /**
     * Redis's pfselftestCommand: random values written to every dense register read back
     * unchanged without disturbing neighbours; then up to 10 million distinct elements added to
     * a dense and a sparse HLL that must agree and stay within six standard errors.
     */
    static String selfTest(long sparseMaxBytes) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HyperLogLog registers = HyperLogLog.denseForTest();
        int[] expected = new int[HyperLogLog.REGISTERS];
        for (int cycle = 0; cycle < 1000; cycle++) {
            for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
                expected[i] = random.nextInt(HyperLogLog.REGISTER_MAX + 1);
                registers.setRegisterForTest(i, expected[i]);
            }
            for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
                int value = registers.registerForTest(i);
                if (value != expected[i]) {
                    return "Register " + i + " should be " + expected[i] + " but is " + value;
                }
            }
        }
        HyperLogLog dense = HyperLogLog.denseForTest();
        HyperLogLog sparse = HyperLogLog.empty();
        int max = (int) Math.min(Integer.MAX_VALUE, sparseMaxBytes);
        double relErr = 1.04 / Math.sqrt(HyperLogLog.REGISTERS);
        long seed = random.nextLong();
        long checkpoint = 1;
        ByteBuffer element = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        for (long j = 1; j <= 10_000_000L; j++) {
            byte[] e = element.putLong(0, j ^ seed).array();
            dense.add(e, max);
            sparse.add(e, max);
            if (j != checkpoint) {
                continue;
            }
            if (j < sparseMaxBytes / 2 && sparse.encoding() != HyperLogLog.SPARSE) {
                return "sparse encoding not used";
            }
            long card = HyperLogLogEstimator.estimate(dense.histogram());
            if (card != HyperLogLogEstimator.estimate(sparse.histogram())) {
                return "dense/sparse disagree";
            }
            long absErr = Math.abs(checkpoint - card);
            long maxErr = j == 10 ? 1 : (long) Math.ceil(relErr * 6 * checkpoint);
            if (absErr > maxErr) {
                return "Too big error. card:" + checkpoint + " abserr:" + absErr;
            }
            checkpoint *= 10;
        }
        return null;
    }
}
