package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Database;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.StringValue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static dev.syncer.engine.command.CommandFlag.ADMIN;
import static dev.syncer.engine.command.CommandFlag.STALE;

/**
 * The DEBUG subcommands worth having here (debug.c): DIGEST and DIGEST-VALUE, to compare datasets
 * with a real redis-server, and POPULATE, to load test data fast. Nothing DEBUG does is propagated.
 */
final class DebugCommand {

    private DebugCommand() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("debug", -2, 0, 0, 0, DebugCommand::execute, ADMIN, STALE));
    }

    private static void execute(CommandContext ctx) {
        Args a = ctx.args();
        String sub = a.option(1);
        if (sub.equals("DIGEST") && a.count() == 2) {
            ctx.reply().simple(DatasetDigest.hex(DatasetDigest.of(ctx.shard().keyspace())));
        } else if (sub.equals("DIGEST-VALUE")) {
            ctx.reply().arrayHeader(a.count() - 2);
            for (int i = 2; i < a.count(); i++) {
                ctx.reply().simple(DatasetDigest.hex(DatasetDigest.ofValue(ctx.db(), a.key(i))));
            }
        } else if (sub.equals("POPULATE") && a.count() >= 3 && a.count() <= 5) {
            populate(ctx);
        } else {
            throw new CommandError("ERR unknown subcommand or wrong number of arguments for '" + a.string(1) + "'. Try DEBUG HELP.");
        }
    }

    // Format: DEBUG POPULATE count [prefix] [size] -> +OK; adds "<prefix>:<n>" = "value:<n>" (padded
    // with zero bytes, or cut, to size) for n in [0, count), skipping keys that exist.
    private static void populate(CommandContext ctx) {
        Args a = ctx.args();
        long keys = a.positiveLong(2);
        long size = a.count() == 5 ? a.positiveLong(4) : 0;
        String prefix = a.count() >= 4 ? a.string(3) : "key";
        Database db = ctx.db();
        for (long j = 0; j < keys; j++) {
            Key key = Key.of(prefix + ":" + j);
            if (db.get(key) != null) {
                continue;
            }
            byte[] value = ("value:" + j).getBytes(StandardCharsets.US_ASCII);
            if (size > 0) {
                value = Arrays.copyOf(value, (int) size);
            }
            db.put(key, new StringValue(value));
        }
        ctx.reply().ok();
    }
}
