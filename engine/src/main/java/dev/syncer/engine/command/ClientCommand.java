package dev.syncer.engine.command;

import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.Shard;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** CLIENT ID | SETNAME | GETNAME | LIST | INFO | KILL | SETINFO | NO-EVICT | NO-TOUCH | REPLY | PAUSE | UNPAUSE. */
final class ClientCommand {

    private ClientCommand() {
    }

    static void execute(CommandContext ctx) {
        Args a = ctx.args();
        String sub = a.option(1);
        switch (sub) {
            case "ID" -> {
                arity(a, 2, "id");
                ctx.reply().integer(ctx.session().id());
            }
            case "SETNAME" -> {
                arity(a, 3, "setname");
                String name = a.string(2);
                validateName(name);
                ctx.session().name(name);
                ctx.reply().ok();
            }
            case "GETNAME" -> {
                arity(a, 2, "getname");
                String name = ctx.session().name();
                if (name.isEmpty()) {
                    ctx.reply().nullBulk();
                } else {
                    ctx.reply().bulk(name);
                }
            }
            case "INFO" -> ctx.reply().verbatim(ConnectionCommands.describe(ctx.shard(), ctx.session()) + "\n");
            case "LIST" -> list(ctx);
            case "KILL" -> kill(ctx);
            case "SETINFO" -> {
                arity(a, 4, "setinfo");
                ctx.reply().ok();
            }
            case "NO-EVICT", "NO-TOUCH" -> {
                arity(a, 3, sub.toLowerCase(java.util.Locale.ROOT));
                if (!a.is(2, "ON") && !a.is(2, "OFF")) {
                    throw CommandError.syntax();
                }
                if (sub.equals("NO-EVICT")) {
                    ctx.session().noEvict(a.is(2, "ON"));
                }
                ctx.reply().ok();
            }
            case "REPLY" -> {
                arity(a, 3, "reply");
                String mode = a.option(2);
                if (!mode.equals("ON") && !mode.equals("OFF") && !mode.equals("SKIP")) {
                    throw CommandError.syntax();
                }
                ctx.session().replyMode(mode);
                if (mode.equals("ON")) {
                    ctx.reply().ok();
                }
            }
            case "TRACKING" -> {
                atLeast(a, 3, "tracking");
                ClientTrackingCommand.tracking(ctx);
            }
            case "CACHING" -> {
                atLeast(a, 3, "caching");
                ClientTrackingCommand.caching(ctx);
            }
            case "GETREDIR" -> {
                arity(a, 2, "getredir");
                ClientTrackingCommand.getRedirect(ctx);
            }
            case "TRACKINGINFO" -> {
                arity(a, 2, "trackinginfo");
                ClientTrackingCommand.trackingInfo(ctx);
            }
            case "UNBLOCK" -> unblock(ctx);
            case "PAUSE" -> ClientPauseCommands.pause(ctx);
            case "UNPAUSE" -> ClientPauseCommands.unpause(ctx);
            default -> throw new CommandError("ERR unknown subcommand '" + a.string(1)
                    + "'. Try CLIENT HELP.");
        }
    }

    // Format: CLIENT UNBLOCK id [TIMEOUT|ERROR] -> :1 if the client was blocked on keys, :0 otherwise
    private static void unblock(CommandContext ctx) {
        Args a = ctx.args();
        if (a.count() < 3) {
            throw new CommandError("ERR wrong number of arguments for 'client|unblock' command");
        }
        if (a.count() > 4) {
            throw new CommandError("ERR unknown subcommand or wrong number of arguments for 'unblock'. Try CLIENT HELP.");
        }
        boolean error = false;
        if (a.count() == 4) {
            if (a.is(3, "ERROR")) {
                error = true;
            } else if (!a.is(3, "TIMEOUT")) {
                throw new CommandError("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
            }
        }
        long id = a.longValue(2);
        for (ClientSession c : ctx.shard().clients()) {
            if (c.id() == id) {
                ctx.reply().integer(ctx.dispatcher().blockedKeys().unblock(c, error) ? 1 : 0);
                return;
            }
        }
        ctx.reply().integer(0);
    }

    private static void arity(Args a, int expected, String sub, int... alsoAccepted) {
        if (a.count() == expected) {
            return;
        }
        for (int n : alsoAccepted) {
            if (a.count() == n) {
                return;
            }
        }
        throw new CommandError("ERR wrong number of arguments for 'client|" + sub + "' command");
    }

    private static void atLeast(Args a, int min, String sub) {
        if (a.count() < min) {
            throw new CommandError("ERR wrong number of arguments for 'client|" + sub + "' command");
        }
    }

    static void validateName(String name) {
        for (char c : name.toCharArray()) {
            if (c < '!' || c > '~') {
                throw new CommandError("ERR Client names cannot contain spaces, newlines or special characters.");
            }
        }
    }

    // Format: CLIENT LIST [TYPE normal|master|replica|pubsub] [ID id ...]
    private static void list(CommandContext ctx) {
        Args a = ctx.args();
        ClientSession.Kind kind = null;
        Set<Long> ids = null;
        for (int i = 2; i < a.count(); i++) {
            if (a.is(i, "TYPE") && i + 1 < a.count()) {
                kind = parseKind(a.string(++i));
                if (kind == null) {
                    throw new CommandError("ERR Unknown client type '" + a.string(i) + "'");
                }
            } else if (a.is(i, "ID") && i + 1 < a.count()) {
                ids = new HashSet<>();
                while (++i < a.count()) {
                    ids.add(a.longValue(i));
                }
            } else {
                throw CommandError.syntax();
            }
        }
        StringBuilder out = new StringBuilder();
        for (ClientSession c : ConnectionCommands.snapshotClients(ctx.shard())) {
            if ((kind == null || c.kind() == kind) && (ids == null || ids.contains(c.id()))) {
                out.append(ConnectionCommands.describe(ctx.shard(), c)).append('\n');
            }
        }
        ctx.reply().verbatim(out.toString());
    }

    static ClientSession.Kind parseKind(String type) {
        return switch (type.toLowerCase(java.util.Locale.ROOT)) {
            case "normal" -> ClientSession.Kind.NORMAL;
            case "master" -> ClientSession.Kind.MASTER;
            case "replica", "slave" -> ClientSession.Kind.REPLICA;
            case "pubsub" -> ClientSession.Kind.NORMAL; // no pub/sub clients here; matches none below
            default -> null;
        };
    }

    // Format: CLIENT KILL addr | CLIENT KILL [ID id] [TYPE t] [USER u] [ADDR a] [LADDR a] [SKIPME yes|no]
    private static void kill(CommandContext ctx) {
        Args a = ctx.args();
        if (a.count() < 3) {
            throw new CommandError("ERR wrong number of arguments for 'client|kill' command");
        }
        Shard shard = ctx.shard();
        if (a.count() == 3) {
            String addr = a.string(2);
            List<ClientSession> hit = matching(shard, c -> c.address().equals(addr));
            if (hit.isEmpty()) {
                throw new CommandError("ERR No such client");
            }
            close(ctx, hit);
            ctx.reply().ok();
            return;
        }
        if (a.count() % 2 != 0) {
            throw CommandError.syntax();
        }
        Long id = null;
        ClientSession.Kind kind = null;
        boolean pubsub = false;
        String addr = null;
        String laddr = null;
        String user = null;
        boolean skipMe = true;
        for (int i = 2; i < a.count(); i += 2) {
            String opt = a.option(i);
            String val = a.string(i + 1);
            switch (opt) {
                case "ID" -> {
                    try {
                        id = a.longValue(i + 1);
                    } catch (CommandError e) {
                        id = 0L;
                    }
                    if (id <= 0) {
                        throw new CommandError("ERR client-id should be greater than 0");
                    }
                }
                case "TYPE" -> {
                    kind = parseKind(val);
                    pubsub = "pubsub".equalsIgnoreCase(val);
                    if (kind == null) {
                        throw new CommandError("ERR Unknown client type '" + val + "'");
                    }
                }
                case "ADDR" -> addr = val;
                case "LADDR" -> laddr = val;
                case "SKIPME" -> {
                    if (!val.equalsIgnoreCase("yes") && !val.equalsIgnoreCase("no")) {
                        throw CommandError.syntax();
                    }
                    skipMe = val.equalsIgnoreCase("yes");
                }
                case "USER" -> {
                    if (!ctx.dispatcher().authenticator().userExists(val)) {
                        throw new CommandError("ERR No such user '" + val + "'");
                    }
                    user = val;
                }
                case "MAXAGE" -> { }
                default -> throw CommandError.syntax();
            }
        }
        final Long fid = id;
        final ClientSession.Kind fkind = kind;
        final boolean fpubsub = pubsub;
        final String faddr = addr;
        final String fladdr = laddr;
        final String fuser = user;
        final boolean fskip = skipMe;
        List<ClientSession> hit = matching(shard, c -> (fid == null || c.id() == fid)
                && (fkind == null || (!fpubsub && c.kind() == fkind))
                && (faddr == null || c.address().equals(faddr))
                && (fladdr == null || c.localAddress().equals(fladdr))
                && (fuser == null || fuser.equals(c.userName()))
                && !(fskip && c == ctx.session()));
        close(ctx, hit);
        ctx.reply().integer(hit.size());
    }

    private static List<ClientSession> matching(Shard shard, java.util.function.Predicate<ClientSession> p) {
        List<ClientSession> out = new ArrayList<>();
        for (ClientSession c : ConnectionCommands.snapshotClients(shard)) {
            if (p.test(c)) {
                out.add(c);
            }
        }
        return out;
    }

    private static void close(CommandContext ctx, List<ClientSession> victims) {
        for (ClientSession c : victims) {
            if (c == ctx.session()) {
                c.closeAfterReply(true);
            } else if (c.channel() != null) {
                c.channel().close();
            }
        }
    }
}
