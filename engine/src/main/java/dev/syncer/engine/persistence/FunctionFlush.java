package dev.syncer.engine.persistence;

import dev.syncer.engine.command.CommandContext;
import dev.syncer.engine.command.CommandError;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.command.CommandTable;

import java.util.List;

import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * FUNCTION FLUSH (functions.c), the one FUNCTION subcommand a shard without a scripting engine can
 * honour: it drops the Function libraries kept from a loaded dump, so later saves no longer carry
 * them, and is propagated like any write. Redis's test suite sends it before every test file.
 */
final class FunctionFlush {

    private FunctionFlush() {
    }

    static void register(Persistence p, CommandTable t) {
        t.add(CommandSpec.of("function", -2, 0, 0, 0, ctx -> execute(p, ctx), WRITE));
    }

    // Format: FUNCTION FLUSH [ASYNC|SYNC] -> +OK
    private static void execute(Persistence p, CommandContext ctx) {
        if (!ctx.args().is(1, "FLUSH")) {
            throw new CommandError("ERR unknown subcommand '" + ctx.args().string(1) + "'. Try FUNCTION HELP.");
        }
        if (ctx.args().count() > 3) {
            throw new CommandError("ERR unknown subcommand or wrong number of arguments for '" + ctx.args().string(1) + "'. Try FUNCTION HELP.");
        }
        if (ctx.args().count() == 3 && !ctx.args().is(2, "SYNC") && !ctx.args().is(2, "ASYNC")) {
            throw new CommandError("ERR FUNCTION FLUSH only supports SYNC|ASYNC option");
        }
        p.setFunctionLibraries(List.of());
        ctx.changed();
        ctx.reply().ok();
    }
}
