package dev.syncer.engine.scripting;

import dev.syncer.engine.command.Args;
import dev.syncer.engine.command.CommandContext;
import dev.syncer.engine.command.CommandError;
import dev.syncer.engine.command.CommandFlag;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.command.CommandTable;
import dev.syncer.engine.rdb.FunctionsPayload;
import dev.syncer.engine.rdb.RdbException;
import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.Glob;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * FUNCTION and FCALL / FCALL_RO (functions.c). FUNCTION LOAD, DELETE, FLUSH and RESTORE change the
 * libraries and are propagated verbatim, as Redis 7.0 does; FUNCTION is not flagged a write as a
 * whole (LIST, DUMP and STATS are read on replicas too), so those four refuse themselves on a
 * read-only replica. FCALL propagates the effects of what it calls, never itself.
 */
final class FunctionCommands {

    private static final Set<String> CHANGING = Set.of("LOAD", "DELETE", "FLUSH", "RESTORE");

    private FunctionCommands() {
    }

    static void register(CommandTable t, Scripting s) {
        t.add(CommandSpec.of("function", -2, 0, 0, 0, ctx -> function(ctx, s), CommandFlag.MAY_REPLICATE));
        t.add(CommandSpec.of("fcall", -3, 0, 0, 0, ctx -> fcall(ctx, s, false), CommandFlag.STALE));
        t.add(CommandSpec.of("fcall_ro", -3, 0, 0, 0, ctx -> fcall(ctx, s, true), CommandFlag.STALE,
                CommandFlag.READONLY));
    }

    /** fcallCommandGeneric and scriptPrepareForRun's flag checks. */
    private static void fcall(CommandContext ctx, Scripting s, boolean readOnly) {
        Args args = ctx.args();
        FunctionLibrary.Function f = s.functions().function(args.string(1));
        if (f == null) {
            throw new CommandError("ERR Function not found");
        }
        long numKeys;
        try {
            numKeys = Long.parseLong(args.string(2));
        } catch (NumberFormatException e) {
            throw new CommandError("ERR Bad number of keys provided");
        }
        if (numKeys > args.count() - 3) {
            throw new CommandError("ERR Number of keys can't be greater than number of args");
        }
        if (numKeys < 0) {
            throw new CommandError("ERR Number of keys can't be negative");
        }
        boolean noWrites = f.flags().contains(ScriptFlag.NO_WRITES);
        if (readOnly && !noWrites) {
            throw new CommandError("ERR Can not execute a script with write flag using *_ro command.");
        }
        if (!noWrites && s.shard().readOnlyReplica() && ctx.session().kind() != ClientSession.Kind.MASTER) {
            throw new CommandError("READONLY You can't write against a read only replica.");
        }
        s.fcall(f, ctx.session(), args.argv(), (int) numKeys, readOnly || noWrites, ctx.reply());
    }

    private static void function(CommandContext ctx, Scripting s) {
        Args args = ctx.args();
        String sub = args.option(1);
        if (CHANGING.contains(sub) && s.shard().readOnlyReplica()
                && ctx.session().kind() != ClientSession.Kind.MASTER) {
            throw new CommandError("READONLY You can't write against a read only replica.");
        }
        Functions functions = s.functions();
        switch (sub) {
            case "LOAD" -> {
                arity(args, -3, "load");
                ctx.reply().bulk(load(ctx, functions));
                ctx.changed();
            }
            case "DELETE" -> {
                arity(args, 3, "delete");
                functions.delete(args.string(2));
                ctx.changed();
                ctx.reply().ok();
            }
            case "FLUSH" -> {
                if (args.count() > 3) {
                    throw syntax(args);
                }
                if (args.count() == 3 && !args.is(2, "SYNC") && !args.is(2, "ASYNC")) {
                    throw new CommandError("ERR FUNCTION FLUSH only supports SYNC|ASYNC option");
                }
                functions.flush();
                ctx.changed();
                ctx.reply().ok();
            }
            case "RESTORE" -> {
                arity(args, -3, "restore");
                restore(ctx, functions);
                ctx.changed();
                ctx.reply().ok();
            }
            case "LIST" -> list(args, functions, ctx.reply());
            case "DUMP" -> {
                arity(args, 2, "dump");
                boolean compression = s.shard().config().getBoolean("rdbcompression");
                ctx.reply().bulk(FunctionsPayload.dump(functions.codes(), compression));
            }
            case "STATS" -> {
                arity(args, 2, "stats");
                stats(s, functions, ctx.reply());
            }
            case "KILL" -> {
                arity(args, 2, "kill");
                s.kill(false);
                ctx.reply().ok();
            }
            case "HELP" -> {
                arity(args, 2, "help");
                help(ctx.reply());
            }
            default -> throw new CommandError("ERR unknown subcommand '"
                    + new String(args.bytes(1), StandardCharsets.UTF_8) + "'. Try FUNCTION HELP.");
        }
    }

    // Format: FUNCTION LOAD [REPLACE] code -> library name
    private static String load(CommandContext ctx, Functions functions) {
        Args args = ctx.args();
        boolean replace = false;
        int i = 2;
        while (i < args.count() - 1) {
            if (!args.is(i, "REPLACE")) {
                throw new CommandError("ERR Unknown option given: " + args.string(i));
            }
            replace = true;
            i++;
        }
        // what a primary sent is applied whatever it takes (mustObeyClient: no load timeout)
        long timeout = ctx.session().kind() == ClientSession.Kind.MASTER ? 0 : FunctionEngine.LOAD_TIMEOUT_MILLIS;
        return functions.load(args.bytes(i), replace, timeout);
    }

    // Format: FUNCTION RESTORE payload [FLUSH|APPEND|REPLACE] -> +OK
    private static void restore(CommandContext ctx, Functions functions) {
        Args args = ctx.args();
        if (args.count() > 4) {
            throw syntax(args);
        }
        Functions.RestorePolicy policy = Functions.RestorePolicy.APPEND;
        if (args.count() == 4) {
            policy = switch (args.option(3)) {
                case "APPEND" -> Functions.RestorePolicy.APPEND;
                case "REPLACE" -> Functions.RestorePolicy.REPLACE;
                case "FLUSH" -> Functions.RestorePolicy.FLUSH;
                default -> throw new CommandError(
                        "ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.");
            };
        }
        List<byte[]> codes;
        try {
            codes = FunctionsPayload.libraries(args.bytes(2));
        } catch (RdbException e) {
            throw new CommandError("ERR " + e.getMessage());
        }
        functions.restore(codes, policy);
    }

    // Format: FUNCTION LIST [LIBRARYNAME pattern] [WITHCODE] -> one map (a flat array in RESP2) per library
    private static void list(Args args, Functions functions, Reply reply) {
        boolean withCode = false;
        Glob pattern = null;
        for (int i = 2; i < args.count(); i++) {
            if (!withCode && args.is(i, "WITHCODE")) {
                withCode = true;
            } else if (pattern == null && args.is(i, "LIBRARYNAME")) {
                if (i >= args.count() - 1) {
                    throw new CommandError("ERR library name argument was not given");
                }
                pattern = Glob.compile(args.bytes(++i), true);
            } else {
                throw new CommandError("ERR Unknown argument " + args.string(i));
            }
        }
        List<FunctionLibrary> shown = new java.util.ArrayList<>();
        for (FunctionLibrary library : functions.libraries()) {
            if (pattern == null || pattern.matches(library.name())) {
                shown.add(library);
            }
        }
        reply.arrayHeader(shown.size());
        for (FunctionLibrary library : shown) {
            reply.arrayHeader(withCode ? 8 : 6);
            reply.bulk("library_name");
            reply.bulk(library.name());
            reply.bulk("engine");
            reply.bulk("LUA");
            reply.bulk("functions");
            reply.arrayHeader(library.functions().size());
            for (FunctionLibrary.Function f : library.functions().values()) {
                reply.arrayHeader(6);
                reply.bulk("name");
                reply.bulk(f.name());
                reply.bulk("description");
                if (f.description() == null) {
                    reply.nullBulk();
                } else {
                    reply.bulk(f.description());
                }
                reply.bulk("flags");
                reply.arrayHeader(f.flags().size());
                for (ScriptFlag flag : f.flags()) {
                    reply.simple(flag.text);
                }
            }
            if (withCode) {
                reply.bulk("library_code");
                reply.bulk(library.code());
            }
        }
    }

    // Format: FUNCTION STATS -> running_script (nil, or the paused function's name, command and
    // duration_ms while it runs past busy-reply-threshold), engines
    private static void stats(Scripting s, Functions functions, Reply reply) {
        reply.arrayHeader(4);
        reply.bulk("running_script");
        ScriptRun run = s.running();
        if (run == null || run.eval) {
            reply.nullBulk();
        } else {
            reply.mapHeader(3);
            reply.bulk("name");
            reply.bulk(run.name);
            reply.bulk("command");
            reply.arrayHeader(run.argv.length);
            for (byte[] a : run.argv) {
                reply.bulk(a);
            }
            reply.bulk("duration_ms");
            reply.integer((System.nanoTime() - run.startedNanos) / 1_000_000);
        }
        reply.bulk("engines");
        reply.arrayHeader(2);
        reply.bulk("LUA");
        reply.arrayHeader(4);
        reply.bulk("libraries_count");
        reply.integer(functions.libraries().size());
        reply.bulk("functions_count");
        reply.integer(functions.functionCount());
    }

    private static void help(Reply reply) {
        String[] lines = {
            "FUNCTION <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "LOAD [REPLACE] <FUNCTION CODE>", "    Create a new library with the given library name and code.",
            "DELETE <LIBRARY NAME>", "    Delete the given library.",
            "LIST [LIBRARYNAME PATTERN] [WITHCODE]", "    Return general information on all the libraries.",
            "STATS", "    Return information about the current function running and the engines.",
            "KILL", "    Kill the current running function.",
            "FLUSH [ASYNC|SYNC]", "    Delete all the libraries.",
            "DUMP", "    Return a serialized payload representing the current libraries.",
            "RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]", "    Restore the libraries of a FUNCTION DUMP payload.",
            "HELP", "    Print this help.",
        };
        reply.arrayHeader(lines.length);
        for (String line : lines) {
            reply.simple(line);
        }
    }

    private static void arity(Args args, int arity, String sub) {
        boolean ok = arity >= 0 ? args.count() == arity : args.count() >= -arity;
        if (!ok) {
            throw new CommandError("ERR wrong number of arguments for 'function|" + sub + "' command");
        }
    }

    private static CommandError syntax(Args args) {
        return new CommandError("ERR unknown subcommand or wrong number of arguments for '" + args.string(1)
                + "'. Try FUNCTION HELP.");
    }
}
