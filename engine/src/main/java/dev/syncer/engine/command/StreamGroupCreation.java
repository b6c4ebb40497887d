package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.StreamConsumer;
import dev.syncer.engine.keyspace.StreamGroup;
import dev.syncer.engine.keyspace.StreamId;
import dev.syncer.engine.keyspace.StreamValue;
import dev.syncer.engine.resp.Reply;

/**
 * XGROUP of Redis 7.0 (a container command: each subcommand has its arity and errors): CREATE
 * (MKSTREAM, ENTRIESREAD), SETID, DESTROY, CREATECONSUMER, DELCONSUMER, HELP. Propagated as given.
 */
final class StreamGroupCreation {

    private StreamGroupCreation() {
    }

    private static CommandError subcommandSyntax(Args a) {
        return new CommandError("ERR unknown subcommand or wrong number of arguments for '" + a.string(1)
                + "'. Try XGROUP HELP.");
    }

    // Format: XGROUP CREATE key group id|$ [MKSTREAM] [ENTRIESREAD n] | SETID key group id|$ [ENTRIESREAD n]
    //         | DESTROY key group | CREATECONSUMER key group consumer | DELCONSUMER key group consumer | HELP
    static void xgroup(CommandContext ctx) {
        Args a = ctx.args();
        String sub = a.option(1);
        int[] arity = switch (sub) {
            case "CREATE", "SETID" -> new int[] {-5};
            case "DESTROY" -> new int[] {4};
            case "CREATECONSUMER", "DELCONSUMER" -> new int[] {5};
            case "HELP" -> new int[] {2};
            default -> throw new CommandError("ERR unknown subcommand '" + a.string(1) + "'. Try XGROUP HELP.");
        };
        if (arity[0] >= 0 ? a.count() != arity[0] : a.count() < -arity[0]) {
            throw new CommandError("ERR wrong number of arguments for 'xgroup|" + sub.toLowerCase(java.util.Locale.ROOT)
                    + "' command");
        }
        if (sub.equals("HELP")) {
            help(ctx.reply());
            return;
        }
        boolean mkStream = false;
        long entriesRead = StreamGroup.UNKNOWN_ENTRIES_READ;
        for (int i = 5; i < a.count(); ) {
            if (sub.equals("CREATE") && a.is(i, "MKSTREAM")) {
                mkStream = true;
                i++;
            } else if ((sub.equals("CREATE") || sub.equals("SETID")) && a.is(i, "ENTRIESREAD") && i + 1 < a.count()) {
                entriesRead = a.longValue(i + 1);
                if (entriesRead < 0 && entriesRead != StreamGroup.UNKNOWN_ENTRIES_READ) {
                    throw new CommandError("ERR value for ENTRIESREAD must be positive or -1");
                }
                i += 2;
            } else {
                throw subcommandSyntax(a);
            }
        }
        Key key = a.key(2);
        Key name = a.key(3);
        StreamValue s = ctx.write(key, StreamValue.class);
        StreamGroup group = null;
        if (!mkStream) {
            if (s == null) {
                throw new CommandError("ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you"
                        + " may want to use the MKSTREAM option to create an empty stream automatically.");
            }
            group = s.group(name);
            if (group == null && !sub.equals("CREATE") && !sub.equals("DESTROY")) {
                throw new CommandError("NOGROUP No such consumer group '" + name + "' for key name '" + key + "'");
            }
        }
        switch (sub) {
            case "CREATE" -> {
                if (a.count() > 8) {
                    throw subcommandSyntax(a);
                }
                StreamId id = isDollar(a.bytes(4)) ? (s == null ? StreamId.MIN : s.lastId) : StreamIds.strict(a.bytes(4));
                if (s == null) {
                    s = new StreamValue();
                    ctx.db().put(key, s);
                }
                if (s.createGroup(name, id, entriesRead) == null) {
                    throw new CommandError("BUSYGROUP Consumer Group name already exists");
                }
                ctx.changed();
                ctx.notify(KeyspaceEvents.STREAM, "xgroup-create", key);
                ctx.reply().ok();
            }
            case "SETID" -> {
                if (a.count() != 5 && a.count() != 7) {
                    throw subcommandSyntax(a);
                }
                group.lastId = isDollar(a.bytes(4)) ? s.lastId : StreamIds.parse(a.bytes(4), 0);
                group.entriesRead = entriesRead;
                ctx.changed();
                ctx.notify(KeyspaceEvents.STREAM, "xgroup-setid", a.key(2));
                ctx.reply().ok();
            }
            case "DESTROY" -> {
                if (group == null) {
                    ctx.reply().integer(0);
                    return;
                }
                s.groups().remove(name);
                ctx.changed();
                ctx.notify(KeyspaceEvents.STREAM, "xgroup-destroy", a.key(2));
                // signalKeyAsReady: a client blocked in XREADGROUP on this group gets NOGROUP
                ctx.dispatcher().blockedKeys().signal(ctx.db().index(), a.key(2));
                ctx.reply().integer(1);
            }
            case "CREATECONSUMER" -> {
                boolean created = group.createConsumer(a.key(4), ctx.now()) != null;
                if (created) {
                    ctx.changed();
                    ctx.notify(KeyspaceEvents.STREAM, "xgroup-createconsumer", a.key(2));
                }
                ctx.reply().integer(created ? 1 : 0);
            }
            default -> { // DELCONSUMER
                StreamConsumer c = group.consumer(a.key(4));
                int pending = 0;
                if (c != null) {
                    pending = group.deleteConsumer(a.key(4));
                    ctx.changed();
                    ctx.notify(KeyspaceEvents.STREAM, "xgroup-delconsumer", a.key(2));
                }
                ctx.reply().integer(pending);
            }
        }
    }

    private static boolean isDollar(byte[] b) {
        return b.length == 1 && b[0] == '$';
    }

    private static void help(Reply r) {
        String[] lines = {
                "XGROUP <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "CREATE <key> <groupname> <id|$> [option]",
                "    Create a new consumer group. Options are:",
                "    * MKSTREAM",
                "      Create the empty stream if it does not exist.",
                "    * ENTRIESREAD entries_read",
                "      Set the group's entries_read counter (internal use).",
                "CREATECONSUMER <key> <groupname> <consumer>",
                "    Create a new consumer in the specified group.",
                "DELCONSUMER <key> <groupname> <consumer>",
                "    Remove the specified consumer.",
                "DESTROY <key> <groupname>",
                "    Remove the specified group.",
                "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
                "    Set the current group ID and entries_read counter.",
                "HELP",
                "    Prints this help."};
        r.arrayHeader(lines.length);
        for (String l : lines) {
            r.simple(l);
        }
    }
}
