package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.StringValue;

import static dev.syncer.engine.command.CommandFlag.DENYOOM;
import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.READONLY;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/** String commands. */
final class StringCommands {

    private StringCommands() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("get", 2, 1, 1, 1, StringCommands::get, READONLY, FAST));
        t.add(CommandSpec.of("set", -3, 1, 1, 1, StringCommands::set, WRITE, DENYOOM));
    }

    private static void get(CommandContext ctx) {
        StringValue v = ctx.read(ctx.args().key(1), StringValue.class);
        ctx.reply().bulk(v == null ? null : v.bytes());
    }

    private static void set(CommandContext ctx) {
        ctx.db().put(ctx.args().key(1), new StringValue(ctx.args().bytes(2)));
        ctx.changed();
        ctx.reply().ok();
    }
}
