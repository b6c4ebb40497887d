package dev.syncer.engine.persistence;

import dev.syncer.engine.command.CommandContext;
import dev.syncer.engine.command.CommandError;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.command.CommandTable;

import static dev.syncer.engine.command.CommandFlag.ADMIN;
import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.NO_QUEUE;
import static dev.syncer.engine.command.CommandFlag.STALE;

/** SAVE, BGSAVE, LASTSAVE, and the save step of SHUTDOWN. */
final class PersistenceCommands {

    private static final String IN_PROGRESS = "ERR Background save already in progress";

    private PersistenceCommands() {
    }

    static void register(Persistence p, CommandTable t) {
        t.add(CommandSpec.of("save", 1, 0, 0, 0, ctx -> save(p, ctx), ADMIN));
        t.add(CommandSpec.of("bgsave", -1, 0, 0, 0, ctx -> bgsave(p, ctx), ADMIN));
        t.add(CommandSpec.of("lastsave", 1, 0, 0, 0,
                ctx -> ctx.reply().integer(p.lastSaveMillis() / 1000), FAST, STALE));
        CommandSpec shutdown = t.lookup("shutdown");
        t.add(new CommandSpec(shutdown.name(), shutdown.arity(), shutdown.flags(), shutdown.firstKey(),
                shutdown.lastKey(), shutdown.step(), ctx -> {
                    if (saveBeforeShutdown(p, ctx)) {
                        shutdown.command().execute(ctx);
                    }
                }));
    }

    // Format: SAVE -> +OK | -ERR
    private static void save(Persistence p, CommandContext ctx) {
        if (p.bgsave() != null) {
            throw new CommandError(IN_PROGRESS);
        }
        if (!p.saveCommand()) {
            throw new CommandError("ERR");
        }
        ctx.reply().ok();
    }

    // Format: BGSAVE [SCHEDULE] -> +Background saving started
    private static void bgsave(Persistence p, CommandContext ctx) {
        if (ctx.args().count() > 2 || ctx.args().count() == 2 && !ctx.args().is(1, "SCHEDULE")) {
            throw CommandError.syntax();
        }
        if (p.bgsave() != null) {
            throw new CommandError(IN_PROGRESS); // no other kind of child here, so SCHEDULE has nothing to wait for
        }
        p.startBackgroundSave();
        ctx.reply().simple("Background saving started");
    }

    /**
     * Format: SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]. Saves as prepareForShutdown does; true
     * when the core SHUTDOWN should go on and close the shard.
     */
    private static boolean saveBeforeShutdown(Persistence p, CommandContext ctx) {
        boolean save = false;
        boolean noSave = false;
        boolean force = false;
        boolean abort = false;
        for (int i = 1; i < ctx.args().count(); i++) {
            switch (ctx.args().option(i)) {
                case "SAVE" -> save = true;
                case "NOSAVE" -> noSave = true;
                case "FORCE" -> force = true;
                case "ABORT" -> abort = true;
                case "NOW" -> { }
                default -> throw CommandError.syntax();
            }
        }
        if (abort && ctx.args().count() > 2 || save && noSave) {
            throw CommandError.syntax();
        }
        if (abort) {
            throw new CommandError("ERR No shutdown in progress.");
        }
        if (!p.prepareForShutdown(save, noSave) && !force) {
            throw new CommandError("ERR Errors trying to SHUTDOWN. Check logs.");
        }
        return true;
    }
}
