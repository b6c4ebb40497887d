package dev.syncer.engine.command;

import dev.syncer.engine.resp.Reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** COMMAND [COUNT | INFO name... | DOCS [name...] | LIST]: the table, as Redis 7.0 describes it. */
final class CommandCommand {

    private CommandCommand() {
    }

    static void execute(CommandContext ctx) {
        CommandTable table = ctx.dispatcher().table();
        Args a = ctx.args();
        Reply r = ctx.reply();
        if (a.count() == 1) {
            r.arrayHeader(table.size());
            table.all().forEach(spec -> describe(r, spec));
            return;
        }
        switch (a.option(1)) {
            case "COUNT" -> r.integer(table.size());
            case "INFO" -> {
                List<CommandSpec> specs = new ArrayList<>();
                if (a.count() == 2) {
                    specs.addAll(table.all());
                } else {
                    for (int i = 2; i < a.count(); i++) {
                        specs.add(table.lookup(a.bytes(i)));
                    }
                }
                r.arrayHeader(specs.size());
                for (CommandSpec spec : specs) {
                    if (spec == null) {
                        r.nullArray();
                    } else {
                        describe(r, spec);
                    }
                }
            }
            case "DOCS" -> r.mapHeader(0); // no documentation to offer; redis-cli copes with an empty map
            case "LIST" -> {
                r.arrayHeader(table.size());
                table.all().forEach(spec -> r.bulk(spec.name()));
            }
            default -> throw new CommandError("ERR unknown subcommand '" + a.string(1) + "'. Try COMMAND HELP.");
        }
    }

    private static void describe(Reply r, CommandSpec spec) {
        r.arrayHeader(10);
        r.bulk(spec.name());
        r.integer(spec.arity());
        List<String> flags = new ArrayList<>();
        for (CommandFlag f : spec.flags()) {
            switch (f) {
                case WRITE -> flags.add("write");
                case READONLY -> flags.add("readonly");
                case ADMIN -> flags.add("admin");
                case NO_AUTH -> flags.add("no_auth");
                case STALE -> flags.add("stale");
                case DENYOOM -> flags.add("denyoom");
                case FAST -> flags.add("fast");
                case NO_QUEUE -> flags.add("no_multi");
                default -> { }
            }
        }
        r.setHeader(flags.size());
        flags.forEach(f -> r.simple(f.toLowerCase(Locale.ROOT)));
        r.integer(spec.firstKey());
        r.integer(spec.lastKey());
        r.integer(spec.step());
        r.setHeader(0); // ACL categories
        r.setHeader(0); // tips
        r.setHeader(0); // key specs
        r.setHeader(0); // subcommands
    }
}
