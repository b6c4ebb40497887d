package dev.syncer.engine.persistence;

import dev.syncer.engine.command.CommandContext;
import dev.syncer.engine.command.CommandError;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.command.CommandTable;

import static dev.syncer.engine.command.CommandFlag.ADMIN;
import static dev.syncer.engine.command.CommandFlag.NO_QUEUE;

/** BGREWRITEAOF. */
final class AofCommands {

    private AofCommands() {
    }

    static void register(AppendOnlyFile aof, CommandTable t) {
        t.add(CommandSpec.of("bgrewriteaof", 1, 0, 0, 0, ctx -> bgrewriteaof(aof, ctx), ADMIN, NO_QUEUE));
    }

    // Format: BGREWRITEAOF -> +Background append only file rewriting started
    private static void bgrewriteaof(AppendOnlyFile aof, CommandContext ctx) {
        if (aof.rewrite != null) {
            throw new CommandError("ERR Background append only file rewriting already in progress");
        }
        if (!aof.startRewrite()) {
            throw new CommandError("ERR Can't execute an AOF background rewriting. Please check the server logs for more information.");
        }
        ctx.reply().simple("Background append only file rewriting started");
    }
}
