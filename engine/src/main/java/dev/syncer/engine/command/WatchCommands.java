package dev.syncer.engine.command;

import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.NO_QUEUE;
import static dev.syncer.engine.command.CommandFlag.STALE;

/** WATCH and UNWATCH (Redis 7.0's multi.c); EXEC consults {@link WatchedKeys}. */
final class WatchCommands {

    private WatchCommands() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("watch", -2, 1, -1, 1, WatchCommands::watch, FAST, STALE, NO_QUEUE));
        t.add(CommandSpec.of("unwatch", 1, 0, 0, 0, WatchCommands::unwatch, FAST, STALE));
    }

    // Format: WATCH key [key ...] -> +OK
    private static void watch(CommandContext ctx) {
        if (ctx.session().inMulti()) {
            throw new CommandError("ERR WATCH inside MULTI is not allowed");
        }
        WatchedKeys watched = ctx.dispatcher().watchedKeys();
        for (int i = 1; i < ctx.args().count(); i++) {
            watched.watch(ctx.session(), ctx.db(), ctx.args().key(i), ctx.now());
        }
        ctx.reply().ok();
    }

    // Format: UNWATCH -> +OK
    private static void unwatch(CommandContext ctx) {
        ctx.dispatcher().watchedKeys().unwatchAll(ctx.session());
        ctx.reply().ok();
    }
}
