package dev.syncer.engine.command;

import dev.syncer.engine.resp.Reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** COMMAND [COUNT | INFO name... | DOCS [name...] | LIST | GETKEYS | GETKEYSANDFLAGS]: the table, as Redis 7.0 describes it. */
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
            case "LIST" -> list(ctx, table);
            case "GETKEYS" -> getKeys(ctx, table, false);
            case "GETKEYSANDFLAGS" -> getKeys(ctx, table, true);
            default -> throw new CommandError("ERR unknown subcommand '" + a.string(1) + "'. Try COMMAND HELP.");
        }
    }

    // Format: COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern] -> full names,
    // each command followed by its subcommands ("config", "config|get", ...)
    private static void list(CommandContext ctx, CommandTable table) {
        Args a = ctx.args();
        String filter = null;
        if (a.count() != 2) {
            if (a.count() != 5 || !a.is(2, "FILTERBY")) {
                throw CommandError.syntax();
            }
            filter = a.option(3);
            if (!filter.equals("MODULE") && !filter.equals("ACLCAT") && !filter.equals("PATTERN")) {
                throw CommandError.syntax();
            }
        }
        CommandCatalog catalog = table.catalog();
        List<String> names = new ArrayList<>();
        for (CommandSpec spec : table.all()) {
            names.add(spec.name());
            names.addAll(catalog.subcommandsOf(spec.name()));
        }
        if (filter != null) {
            String arg = a.string(4);
            switch (filter) {
                case "MODULE" -> names.clear(); // no modules here
                case "ACLCAT" -> names.removeIf(n -> !categoriesOf(catalog, n).contains(arg.toLowerCase(Locale.ROOT)));
                default -> {
                    dev.syncer.engine.server.Glob glob = dev.syncer.engine.server.Glob.compile(a.bytes(4), true);
                    names.removeIf(n -> !glob.matches(n.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                }
            }
        }
        Reply r = ctx.reply();
        r.arrayHeader(names.size());
        names.forEach(r::bulk);
    }

    /** A container (CONFIG, CLIENT...) has no flags of its own: setImplicitACLCategories makes it @slow. */
    private static java.util.Set<String> categoriesOf(CommandCatalog catalog, String fullName) {
        return catalog.subcommandsOf(fullName).isEmpty() ? catalog.categoriesOf(fullName) : java.util.Set.of("slow");
    }

    // Format: COMMAND GETKEYS command [arg ...] -> the key arguments
    // Format: COMMAND GETKEYSANDFLAGS command [arg ...] -> [key, {key-spec flags}] per key argument
    private static void getKeys(CommandContext ctx, CommandTable table, boolean withFlags) {
        Args a = ctx.args();
        if (a.count() < 4) { // arity -4: the command and at least one of its arguments
            throw new CommandError("ERR wrong number of arguments for 'command|" + a.string(1).toLowerCase(Locale.ROOT)
                    + "' command");
        }
        CommandSpec spec = table.lookup(a.bytes(2));
        byte[][] argv = new byte[a.count() - 2][];
        for (int i = 2; i < a.count(); i++) {
            argv[i - 2] = a.bytes(i);
        }
        if (spec == null) {
            throw new CommandError("ERR Invalid command specified");
        }
        if (!CommandKeys.hasKeys(spec)) {
            throw new CommandError("ERR The command has no key arguments");
        }
        if (!spec.arityAccepts(argv.length)) {
            throw new CommandError("ERR Invalid number of arguments specified for command");
        }
        if (withFlags) {
            List<CommandCatalog.KeyFlags> keys = table.catalog().keysAndFlags(spec, argv);
            if (keys.isEmpty() && !CommandKeys.noMandatoryKeys(spec)) {
                throw new CommandError("ERR Invalid arguments specified for command");
            }
            Reply r = ctx.reply();
            r.arrayHeader(keys.size());
            for (CommandCatalog.KeyFlags k : keys) {
                r.arrayHeader(2);
                r.bulk(argv[k.pos()]);
                r.setHeader(k.flags().size());
                k.flags().forEach(r::simple);
            }
            return;
        }
        List<byte[]> keys = CommandKeys.keys(spec, argv);
        if (keys.isEmpty() && !CommandKeys.noMandatoryKeys(spec)) {
            throw new CommandError("ERR Invalid arguments specified for command");
        }
        ctx.reply().arrayHeader(keys.size());
        keys.forEach(k -> ctx.reply().bulk(k));
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
        if (CommandKeys.MOVABLE.contains(spec.name())) {
            flags.add("movablekeys");
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
