package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.StreamConsumer;
import dev.syncer.engine.keyspace.StreamGroup;
import dev.syncer.engine.keyspace.StreamId;
import dev.syncer.engine.keyspace.StreamNack;
import dev.syncer.engine.keyspace.StreamValue;
import dev.syncer.engine.resp.Reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.syncer.engine.command.CommandFlag.READONLY;

/** XINFO STREAM [FULL [COUNT n]], GROUPS and CONSUMERS, as Redis 7.0 answers them in RESP2. */
final class StreamInfoCommand {

    private StreamInfoCommand() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("xinfo", -2, 0, 0, 0, StreamInfoCommand::xinfo, READONLY));
    }

    private static void xinfo(CommandContext ctx) {
        Args a = ctx.args();
        String sub = a.option(1);
        int arity = switch (sub) {
            case "STREAM" -> -3;
            case "GROUPS" -> 3;
            case "CONSUMERS" -> 4;
            case "HELP" -> 2;
            default -> throw new CommandError("ERR unknown subcommand '" + a.string(1) + "'. Try XINFO HELP.");
        };
        if (arity >= 0 ? a.count() != arity : a.count() < -arity) {
            throw new CommandError("ERR wrong number of arguments for 'xinfo|" + sub.toLowerCase(Locale.ROOT)
                    + "' command");
        }
        Reply r = ctx.reply();
        if (sub.equals("HELP")) {
            String[] lines = {"XINFO <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                    "CONSUMERS <key> <groupname>", "    Show consumers of <groupname>.", "GROUPS <key>",
                    "    Show the stream consumer groups.", "STREAM <key> [FULL [COUNT <count>]",
                    "    Show information about the stream.", "HELP", "    Prints this help."};
            r.arrayHeader(lines.length);
            for (String l : lines) {
                r.simple(l);
            }
            return;
        }
        Key key = a.key(2);
        StreamValue s = ctx.read(key, StreamValue.class);
        if (s == null) {
            throw new CommandError(StreamCommands.NO_SUCH_KEY);
        }
        switch (sub) {
            case "CONSUMERS" -> consumers(ctx, s, key, a.key(3));
            case "GROUPS" -> groups(r, s);
            default -> stream(ctx, s);
        }
    }

    private static void consumers(CommandContext ctx, StreamValue s, Key key, Key groupName) {
        StreamGroup g = s.group(groupName);
        if (g == null) {
            throw new CommandError("NOGROUP No such consumer group '" + groupName + "' for key name '" + key + "'");
        }
        Reply r = ctx.reply();
        long now = ctx.now();
        r.arrayHeader(g.consumers().size());
        for (StreamConsumer c : g.consumers().values()) {
            r.mapHeader(3);
            r.bulk("name");
            r.bulk(c.name().bytes());
            r.bulk("pending");
            r.integer(c.pel().size());
            r.bulk("idle");
            r.integer(Math.max(0, now - c.seenTime));
        }
    }

    private static void groups(Reply r, StreamValue s) {
        r.arrayHeader(s.groups().size());
        for (Map.Entry<Key, StreamGroup> e : s.groups().entrySet()) {
            StreamGroup g = e.getValue();
            r.mapHeader(6);
            r.bulk("name");
            r.bulk(e.getKey().bytes());
            r.bulk("consumers");
            r.integer(g.consumers().size());
            r.bulk("pending");
            r.integer(g.pel().size());
            r.bulk("last-delivered-id");
            r.bulk(g.lastId.bytes());
            entriesReadAndLag(r, s, g);
        }
    }

    private static void entriesReadAndLag(Reply r, StreamValue s, StreamGroup g) {
        r.bulk("entries-read");
        if (g.entriesRead != StreamGroup.UNKNOWN_ENTRIES_READ) {
            r.integer(g.entriesRead);
        } else {
            r.nullBulk();
        }
        r.bulk("lag");
        Long lag = lag(s, g);
        if (lag == null) {
            r.nullBulk();
        } else {
            r.integer(lag);
        }
    }

    /** streamReplyWithCGLag: entries the group has yet to read, or null when deletions hide it. */
    static Long lag(StreamValue s, StreamGroup g) {
        if (s.entriesAdded == 0) {
            return 0L;
        }
        if (g.entriesRead != StreamGroup.UNKNOWN_ENTRIES_READ && !s.rangeHasTombstones(g.lastId, null)) {
            return s.entriesAdded - g.entriesRead;
        }
        long read = s.estimateEntriesRead(g.lastId);
        return read == StreamGroup.UNKNOWN_ENTRIES_READ ? null : s.entriesAdded - read;
    }

    private static void stream(CommandContext ctx, StreamValue s) {
        Args a = ctx.args();
        int options = a.count() - 3;
        boolean full = options > 0;
        long count = 10;
        if (full) {
            if ((options != 1 && options != 3) || !a.is(3, "FULL") || (options == 3 && !a.is(4, "COUNT"))) {
                throw new CommandError("ERR unknown subcommand or wrong number of arguments for '" + a.string(1)
                        + "'. Try XINFO HELP.");
            }
            if (options == 3) {
                count = a.longValue(5);
                if (count < 0) {
                    count = 10;
                }
            }
        }
        Reply r = ctx.reply();
        r.mapHeader(full ? 9 : 10);
        r.bulk("length");
        r.integer(s.length());
        r.bulk("radix-tree-keys");
        r.integer(s.nodes().size());
        r.bulk("radix-tree-nodes");
        r.integer(RaxShape.nodes(s.nodes().keySet()));
        r.bulk("last-generated-id");
        r.bulk(s.lastId.bytes());
        r.bulk("max-deleted-entry-id");
        r.bulk(s.maxDeletedId.bytes());
        r.bulk("entries-added");
        r.integer(s.entriesAdded);
        r.bulk("recorded-first-entry-id");
        r.bulk(s.firstId.bytes());
        if (!full) {
            r.bulk("groups");
            r.integer(s.groups().size());
            r.bulk("first-entry");
            edge(r, s, s.firstEntryId());
            r.bulk("last-entry");
            edge(r, s, s.lastEntryId());
            return;
        }
        r.bulk("entries");
        StreamCommands.reply(r, s, StreamId.MIN, StreamId.MAX, false, count);
        r.bulk("groups");
        r.arrayHeader(s.groups().size());
        for (Map.Entry<Key, StreamGroup> e : s.groups().entrySet()) {
            fullGroup(r, s, e.getKey(), e.getValue(), count);
        }
    }

    private static void edge(Reply r, StreamValue s, StreamId id) {
        if (id == null) {
            r.nullBulk();
        } else {
            StreamCommands.entry(r, id, s.get(id));
        }
    }

    private static void fullGroup(Reply r, StreamValue s, Key name, StreamGroup g, long count) {
        r.mapHeader(7);
        r.bulk("name");
        r.bulk(name.bytes());
        r.bulk("last-delivered-id");
        r.bulk(g.lastId.bytes());
        entriesReadAndLag(r, s, g);
        r.bulk("pel-count");
        r.integer(g.pel().size());
        r.bulk("pending");
        List<Map.Entry<StreamId, StreamNack>> pending = first(g.pel(), count);
        r.arrayHeader(pending.size());
        for (Map.Entry<StreamId, StreamNack> p : pending) {
            r.arrayHeader(4);
            r.bulk(p.getKey().bytes());
            r.bulk(p.getValue().consumer.name().bytes());
            r.integer(p.getValue().deliveryTime);
            r.integer(p.getValue().deliveryCount);
        }
        r.bulk("consumers");
        r.arrayHeader(g.consumers().size());
        for (StreamConsumer c : g.consumers().values()) {
            r.mapHeader(4);
            r.bulk("name");
            r.bulk(c.name().bytes());
            r.bulk("seen-time");
            r.integer(c.seenTime);
            r.bulk("pel-count");
            r.integer(c.pel().size());
            r.bulk("pending");
            List<Map.Entry<StreamId, StreamNack>> own = first(c.pel(), count);
            r.arrayHeader(own.size());
            for (Map.Entry<StreamId, StreamNack> p : own) {
                r.arrayHeader(3);
                r.bulk(p.getKey().bytes());
                r.integer(p.getValue().deliveryTime);
                r.integer(p.getValue().deliveryCount);
            }
        }
    }

    private static List<Map.Entry<StreamId, StreamNack>> first(Map<StreamId, StreamNack> pel, long count) {
        List<Map.Entry<StreamId, StreamNack>> out = new ArrayList<>();
        for (Map.Entry<StreamId, StreamNack> e : pel.entrySet()) {
            if (count != 0 && out.size() == count) {
                break;
            }
            out.add(e);
        }
        return out;
    }
}
