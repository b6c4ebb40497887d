package dev.syncer.engine.command;

import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.server.ConfigFile;
import dev.syncer.engine.server.InfoSection;
import dev.syncer.engine.server.ProtectedActions;
import dev.syncer.engine.server.Shard;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.syncer.engine.command.CommandFlag.ADMIN;
import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.NO_QUEUE;
import static dev.syncer.engine.command.CommandFlag.STALE;

/** INFO, CONFIG, DBSIZE, TIME, SHUTDOWN and COMMAND. */
final class ServerCommands {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ServerCommands.class);

    private ServerCommands() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("info", -1, 0, 0, 0, ServerCommands::info, STALE));
        t.add(CommandSpec.of("config", -2, 0, 0, 0, ServerCommands::config, ADMIN, STALE));
        t.add(CommandSpec.of("dbsize", 1, 0, 0, 0, ctx -> ctx.reply().integer(ctx.db().size()), FAST));
        t.add(CommandSpec.of("time", 1, 0, 0, 0, ServerCommands::time, FAST, STALE));
        t.add(CommandSpec.of("shutdown", -1, 0, 0, 0, ServerCommands::shutdown, ADMIN, STALE, NO_QUEUE));
        t.add(CommandSpec.of("command", -1, 0, 0, 0, CommandCommand::execute, STALE));
        t.add(CommandSpec.of("cluster", -2, 0, 0, 0, ServerCommands::cluster, STALE));
    }

    private static final Set<String> ALL = Set.of("all", "everything");

    // Format: CLUSTER subcommand [arg ...] -> the error of a redis-server with cluster-enabled no
    private static void cluster(CommandContext ctx) {
        throw new CommandError("ERR This instance has cluster support disabled");
    }

    // Format: INFO [section ...] -> $text with "# Section" headers, CRLF lines
    private static void info(CommandContext ctx) {
        Map<String, InfoSection> sections = ctx.shard().infoSections();
        Set<String> wanted = new LinkedHashSet<>();
        boolean all = false;
        boolean defaults = ctx.args().count() == 1;
        for (int i = 1; i < ctx.args().count(); i++) {
            String s = ctx.args().string(i).toLowerCase(Locale.ROOT);
            if (ALL.contains(s)) {
                all = true;
            } else if (s.equals("default")) {
                defaults = true;
            } else {
                wanted.add(s);
            }
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, InfoSection> e : sections.entrySet()) {
            InfoSection section = e.getValue();
            if (all || wanted.contains(e.getKey()) || (defaults && section.inDefault())) {
                if (!text.isEmpty()) {
                    text.append("\r\n");
                }
                InfoSection.InfoWriter w = new InfoSection.InfoWriter();
                section.write(w);
                text.append("# ").append(section.name()).append("\r\n").append(w.text());
            }
        }
        ctx.reply().verbatim(text.toString());
    }

    // Format: CONFIG GET pattern [pattern ...] | CONFIG SET name value [name value ...] | CONFIG RESETSTAT | CONFIG REWRITE
    private static void config(CommandContext ctx) {
        Args a = ctx.args();
        Shard shard = ctx.shard();
        switch (a.option(1)) {
            case "GET" -> {
                if (a.count() < 3) {
                    throw new CommandError("ERR wrong number of arguments for 'config|get' command");
                }
                Map<String, String> found = new java.util.LinkedHashMap<>();
                for (int i = 2; i < a.count(); i++) {
                    found.putAll(shard.config().matching(a.string(i)));
                }
                Reply r = ctx.reply();
                r.mapHeader(found.size());
                found.forEach((k, v) -> {
                    r.bulk(k);
                    r.bulk(v);
                });
            }
            case "SET" -> {
                if (a.count() < 4 || a.count() % 2 != 0) {
                    throw new CommandError("ERR wrong number of arguments for 'config|set' command");
                }
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (int i = 2; i < a.count(); i += 2) {
                    if (shard.config().has(a.string(i)) && !seen.add(shard.config().canonicalName(a.string(i)))) {
                        throw new CommandError("ERR CONFIG SET failed (possibly related to argument '" + a.string(i)
                                + "') - duplicate parameter");
                    }
                }
                // as configSetCommand: all or nothing, the settings already set restored on a failure
                java.util.List<String[]> previous = new java.util.ArrayList<>();
                for (int i = 2; i < a.count(); i += 2) {
                    String name = a.string(i);
                    try {
                        if (shard.config().has(name) && shard.config().isProtected(name) && !ProtectedActions.allowed(
                                shard.config().get(ProtectedActions.PROTECTED_CONFIGS), ctx.session())) {
                            throw new IllegalArgumentException("can't set protected config");
                        }
                        String before = shard.config().has(name) ? shard.config().get(name) : null;
                        shard.config().set(name, a.string(i + 1));
                        previous.add(new String[] {name, before});
                    } catch (IllegalArgumentException e) {
                        restore(shard, previous);
                        String msg = e.getMessage();
                        throw new CommandError(msg.startsWith("Unknown option") ? "ERR " + msg
                                : "ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + msg);
                    }
                }
                ctx.reply().ok();
            }
            case "RESETSTAT" -> {
                shard.stats().reset();
                ctx.dispatcher().commandStats().reset();
                ctx.reply().ok();
            }
            case "REWRITE" -> rewrite(ctx);
            default -> throw new CommandError("ERR unknown subcommand '" + a.string(1) + "'. Try CONFIG HELP.");
        }
    }

    /** restoreBackupConfig: the values a failed CONFIG SET changed, back in reverse order. */
    private static void restore(Shard shard, java.util.List<String[]> previous) {
        for (int i = previous.size() - 1; i >= 0; i--) {
            try {
                shard.config().set(previous.get(i)[0], previous.get(i)[1]);
            } catch (IllegalArgumentException e) {
                log.warn("CONFIG SET could not restore {}: {}", previous.get(i)[0], e.getMessage());
            }
        }
    }

    // Format: CONFIG REWRITE -> +OK, the start-up config file now holding the live settings
    private static void rewrite(CommandContext ctx) {
        if (ctx.args().count() != 2) {
            throw new CommandError("ERR unknown subcommand or wrong number of arguments for '" + ctx.args().string(1)
                    + "'. Try CONFIG HELP.");
        }
        if (ctx.shard().config().file() == null) {
            throw new CommandError("ERR The server is running without a config file");
        }
        try {
            ConfigFile.rewrite(ctx.shard().config());
        } catch (java.io.IOException e) {
            log.warn("CONFIG REWRITE failed: {}", e.getMessage());
            throw new CommandError("ERR Rewriting config file: " + e.getMessage());
        }
        log.info("CONFIG REWRITE executed with success.");
        ctx.reply().ok();
    }

    private static void time(CommandContext ctx) {
        long micros = java.time.Instant.now(ctx.shard().clock()).getEpochSecond() * 1_000_000
                + java.time.Instant.now(ctx.shard().clock()).getNano() / 1000;
        ctx.reply().arrayHeader(2);
        ctx.reply().bulk(Long.toString(micros / 1_000_000));
        ctx.reply().bulk(Long.toString(micros % 1_000_000));
    }


    // Format: SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] -> connection closed
    private static void shutdown(CommandContext ctx) {
        for (int i = 1; i < ctx.args().count(); i++) {
            String opt = ctx.args().option(i);
            if (!Set.of("NOSAVE", "SAVE", "NOW", "FORCE", "ABORT").contains(opt)) {
                throw CommandError.syntax();
            }
        }
        Shard shard = ctx.shard();
        ctx.session().closeAfterReply(true);
        Thread stopper = new Thread(shard::close, "shutdown-" + shard.port());
        stopper.start();
    }
}
