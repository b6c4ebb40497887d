package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Database;
import dev.syncer.engine.keyspace.ObjectSize;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.server.Eviction;
import dev.syncer.engine.server.Shard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.syncer.engine.command.CommandFlag.READONLY;

/**
 * MEMORY USAGE / STATS / DOCTOR / MALLOC-STATS / PURGE / HELP, as Redis 7.0's object.c. The
 * figures are the ones used_memory is made of ({@link ObjectSize}, {@link Eviction}): what
 * redis-server would hold for the same data, not the JVM heap the shards share. There is no
 * allocator of its own to report on, so the allocator's figures are the dataset's.
 */
final class MemoryCommand {

    /** dictEntry, and one bucket pointer of a dict's table. */
    private static final long DICT_ENTRY = 24;
    private static final long BUCKET = 8;
    private static final long ROBJ = 16;
    /** OBJ_COMPUTE_SIZE_DEF_SAMPLES: MEMORY USAGE's sample without SAMPLES. */
    private static final long DEFAULT_SAMPLES = 5;

    private static final List<String> HELP = List.of(
            "MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "DOCTOR",
            "    Return memory problems reports.",
            "MALLOC-STATS",
            "    Return internal statistics report from the memory allocator.",
            "PURGE",
            "    Attempt to purge dirty pages for reclamation by the allocator.",
            "STATS",
            "    Return information about the memory usage of the server.",
            "USAGE <key> [SAMPLES <count>]",
            "    Return memory in bytes used by <key> and its value. Nested values are",
            "    sampled up to <count> times (default: 5, 0 means sample all).",
            "HELP",
            "    Prints this help.");

    private static final String EMPTY_DOCTOR = "Hi Sam, this instance is empty or is using very little memory, my"
            + " issues detector can't be used in these conditions. Please, leave for your mission on Earth and fill it"
            + " with some data. The new Sam and I will be back to our programming as soon as I finished rebooting.\n";
    private static final String HEALTHY_DOCTOR = "Hi Sam, I can't find any memory issue in your instance. I can only"
            + " account for what occurs on this base.\n";
    /** getMemoryDoctorReport's threshold below which nothing is diagnosed (5 MB). */
    private static final long DOCTOR_MIN_BYTES = 5L << 20;

    private MemoryCommand() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("memory", -2, 2, 2, 1, MemoryCommand::memory, READONLY));
    }

    // Format: MEMORY USAGE key [SAMPLES n] -> :bytes | nil; STATS -> map; DOCTOR -> $text;
    // MALLOC-STATS -> $text; PURGE -> +OK; HELP -> array of lines
    private static void memory(CommandContext ctx) {
        Args a = ctx.args();
        String sub = a.option(1);
        boolean arityOk = switch (sub) {
            case "USAGE" -> a.count() >= 3;
            case "HELP", "STATS", "DOCTOR", "MALLOC-STATS", "PURGE" -> a.count() == 2;
            default -> throw new CommandError("ERR unknown subcommand '" + a.string(1) + "'. Try MEMORY HELP.");
        };
        if (!arityOk) {
            throw new CommandError("ERR wrong number of arguments for 'memory|" + sub.toLowerCase(Locale.ROOT)
                    + "' command");
        }
        switch (sub) {
            case "USAGE" -> usage(ctx);
            case "STATS" -> stats(ctx);
            case "DOCTOR" -> ctx.reply().verbatim(ctx.shard().eviction().usedMemory() < DOCTOR_MIN_BYTES
                    ? EMPTY_DOCTOR : HEALTHY_DOCTOR);
            case "MALLOC-STATS" -> ctx.reply().verbatim("Stats not supported for the current allocator");
            case "PURGE" -> {
                ctx.shard().purgeMemory();
                ctx.reply().ok();
            }
            default -> {
                ctx.reply().arrayHeader(HELP.size());
                HELP.forEach(ctx.reply()::simple);
            }
        }
    }

    private static void usage(CommandContext ctx) {
        Args a = ctx.args();
        long samples = DEFAULT_SAMPLES;
        for (int j = 3; j < a.count(); j++) {
            if (a.is(j, "SAMPLES") && j + 1 < a.count()) {
                samples = a.longValue(j + 1);
                if (samples < 0) {
                    throw new CommandError("ERR syntax error");
                }
                if (samples == 0) {
                    samples = Long.MAX_VALUE;
                }
                j++;
            } else {
                throw new CommandError("ERR syntax error");
            }
        }
        RedisValue v = ctx.db().getNoTouch(a.key(2));
        if (v == null) {
            ctx.reply().nullBulk();
            return;
        }
        ctx.reply().integer(ObjectSize.keyAndValue(a.key(2), v, samples));
    }

    // Format: MEMORY STATS -> map of the fields of getMemoryOverheadData, in Redis's order
    private static void stats(CommandContext ctx) {
        Shard shard = ctx.shard();
        Eviction ev = shard.eviction();
        long used = ev.usedMemory();
        long dataset = shard.keyspace().usedMemory();
        List<Object[]> fields = new ArrayList<>();
        fields.add(new Object[] {"peak.allocated", ev.peak()});
        fields.add(new Object[] {"total.allocated", used});
        fields.add(new Object[] {"startup.allocated", 0L});
        fields.add(new Object[] {"replication.backlog", ev.replicationBacklogBytes()});
        fields.add(new Object[] {"clients.slaves", ev.replicaClientsMemory()});
        fields.add(new Object[] {"clients.normal", ev.clientsNormal()});
        fields.add(new Object[] {"cluster.links", 0L});
        fields.add(new Object[] {"aof.buffer", 0L});
        fields.add(new Object[] {"lua.caches", 0L});
        fields.add(new Object[] {"functions.caches", 0L});
        long overhead = ev.totalReplicationBuffers() + ev.clientsReplicas() + ev.clientsNormal();
        long keys = 0;
        List<long[]> dbs = new ArrayList<>();
        for (int i = 0; i < shard.keyspace().databaseCount(); i++) {
            Database db = shard.keyspace().db(i);
            if (db.size() == 0) {
                continue;
            }
            long main = db.size() * (DICT_ENTRY + ROBJ) + slots(db.size()) * BUCKET;
            long expires = db.expiresSize() * DICT_ENTRY + slots(db.expiresSize()) * BUCKET;
            dbs.add(new long[] {i, main, expires});
            overhead += main + expires;
            keys += db.size();
        }
        dataset = Math.max(0, used - overhead);
        ctx.reply().mapHeader(fields.size() + dbs.size() + 17);
        for (Object[] f : fields) {
            ctx.reply().bulk((String) f[0]);
            ctx.reply().integer((Long) f[1]);
        }
        for (long[] db : dbs) {
            ctx.reply().bulk("db." + db[0]);
            ctx.reply().mapHeader(2);
            ctx.reply().bulk("overhead.hashtable.main");
            ctx.reply().integer(db[1]);
            ctx.reply().bulk("overhead.hashtable.expires");
            ctx.reply().integer(db[2]);
        }
        ctx.reply().bulk("overhead.total");
        ctx.reply().integer(overhead);
        ctx.reply().bulk("keys.count");
        ctx.reply().integer(keys);
        ctx.reply().bulk("keys.bytes-per-key");
        ctx.reply().integer(keys == 0 ? 0 : used / keys);
        ctx.reply().bulk("dataset.bytes");
        ctx.reply().integer(dataset);
        ctx.reply().bulk("dataset.percentage");
        ctx.reply().doubleValue(used == 0 ? 0 : (float) (dataset * 100.0 / used));
        ctx.reply().bulk("peak.percentage");
        ctx.reply().doubleValue(ev.peak() == 0 ? 0 : (float) (used * 100.0 / ev.peak()));
        String[] allocator = {"allocator.allocated", "allocator.active", "allocator.resident"};
        for (String name : allocator) {
            ctx.reply().bulk(name);
            ctx.reply().integer(used);
        }
        String[][] ratios = {
            {"allocator-fragmentation.ratio", "allocator-fragmentation.bytes"},
            {"allocator-rss.ratio", "allocator-rss.bytes"},
            {"rss-overhead.ratio", "rss-overhead.bytes"},
            {"fragmentation", "fragmentation.bytes"},
        };
        for (String[] r : ratios) {
            ctx.reply().bulk(r[0]);
            ctx.reply().doubleValue(1);
            ctx.reply().bulk(r[1]);
            ctx.reply().integer(0);
        }
    }

    /** A dict's table size for n entries: the next power of two, at least 4 (DICT_HT_INITIAL_SIZE). */
    static long slots(long n) {
        if (n == 0) {
            return 0;
        }
        return Math.max(4, Long.highestOneBit(n - 1) << 1);
    }
}
