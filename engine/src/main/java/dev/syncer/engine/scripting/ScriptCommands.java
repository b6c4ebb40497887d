package dev.syncer.engine.scripting;

import dev.syncer.engine.command.Args;
import dev.syncer.engine.command.CommandContext;
import dev.syncer.engine.command.CommandError;
import dev.syncer.engine.command.CommandFlag;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.command.CommandTable;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT. None is itself a write: what a script changes is
 * propagated as the commands it called (effects replication), never as the script.
 */
final class ScriptCommands {

    private ScriptCommands() {
    }

    static void register(CommandTable t, Scripting s) {
        t.add(CommandSpec.of("eval", -3, 0, 0, 0, ctx -> eval(ctx, s, false, false), CommandFlag.STALE));
        t.add(CommandSpec.of("evalsha", -3, 0, 0, 0, ctx -> eval(ctx, s, true, false), CommandFlag.STALE));
        t.add(CommandSpec.of("eval_ro", -3, 0, 0, 0, ctx -> eval(ctx, s, false, true), CommandFlag.STALE,
                CommandFlag.READONLY));
        t.add(CommandSpec.of("evalsha_ro", -3, 0, 0, 0, ctx -> eval(ctx, s, true, true), CommandFlag.STALE,
                CommandFlag.READONLY));
        t.add(CommandSpec.of("script", -2, 0, 0, 0, ctx -> script(ctx, s), CommandFlag.STALE));
    }

    /** Redis's evalGenericCommand: numkeys checks, then the cached or newly compiled body. */
    private static void eval(CommandContext ctx, Scripting s, boolean bySha, boolean readOnly) {
        Args args = ctx.args();
        long numKeys = args.longValue(2);
        if (numKeys > args.count() - 3) {
            throw new CommandError("ERR Number of keys can't be greater than number of args");
        }
        if (numKeys < 0) {
            throw new CommandError("ERR Number of keys can't be negative");
        }
        String sha;
        if (bySha) {
            sha = args.string(1).toLowerCase(Locale.ROOT);
            if (!s.exists(sha)) {
                throw new CommandError("NOSCRIPT No matching script. Please use EVAL.");
            }
        } else {
            sha = s.load(args.bytes(1));
        }
        s.eval(sha, ctx.session(), args.argv(), 3, (int) numKeys, readOnly, ctx.reply());
    }

    private static void script(CommandContext ctx, Scripting s) {
        Args args = ctx.args();
        String sub = args.option(1);
        switch (sub) {
            case "LOAD" -> {
                requireCount(args, 3, "load");
                ctx.reply().bulk(s.load(args.bytes(2)));
            }
            case "EXISTS" -> {
                if (args.count() < 3) {
                    throw wrongArgs("exists");
                }
                ctx.reply().arrayHeader(args.count() - 2);
                for (int i = 2; i < args.count(); i++) {
                    ctx.reply().integer(s.exists(args.string(i).toLowerCase(Locale.ROOT)) ? 1 : 0);
                }
            }
            case "FLUSH" -> {
                if (args.count() > 3 || (args.count() == 3 && !args.is(2, "ASYNC") && !args.is(2, "SYNC"))) {
                    throw new CommandError("ERR SCRIPT FLUSH only support SYNC|ASYNC option");
                }
                s.flush();
                ctx.reply().ok();
            }
            case "KILL" -> {
                requireCount(args, 2, "kill");
                s.kill(true);
                ctx.reply().ok();
            }
            default -> throw new CommandError("ERR unknown subcommand '"
                    + new String(args.bytes(1), StandardCharsets.UTF_8) + "'. Try SCRIPT HELP.");
        }
    }

    private static void requireCount(Args args, int count, String sub) {
        if (args.count() != count) {
            throw wrongArgs(sub);
        }
    }

    private static CommandError wrongArgs(String sub) {
        return new CommandError("ERR wrong number of arguments for 'script|" + sub + "' command");
    }
}
