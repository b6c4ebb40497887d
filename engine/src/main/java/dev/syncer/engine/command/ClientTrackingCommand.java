package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.server.ClientSession;

import java.util.ArrayList;
import java.util.List;

/** CLIENT TRACKING | CACHING | GETREDIR | TRACKINGINFO, with Redis 7.0's checks and texts. */
final class ClientTrackingCommand {

    private ClientTrackingCommand() {
    }

    // Format: CLIENT TRACKING ON|OFF [REDIRECT id] [PREFIX p ...] [BCAST] [OPTIN] [OPTOUT] [NOLOOP] -> +OK
    static void tracking(CommandContext ctx) {
        Args a = ctx.args();
        Tracking tracking = ctx.dispatcher().tracking();
        ClientSession c = ctx.session();
        long redirect = 0;
        Tracking.State options = new Tracking.State();
        List<Key> prefixes = new ArrayList<>();
        for (int j = 3; j < a.count(); j++) {
            boolean more = j + 1 < a.count();
            if (a.is(j, "REDIRECT") && more) {
                j++;
                if (redirect != 0) {
                    throw new CommandError("ERR A client can only redirect to a single other client");
                }
                redirect = a.longValue(j);
                if (ctx.shard().client(redirect) == null) {
                    throw new CommandError("ERR The client ID you want redirect to does not exist");
                }
            } else if (a.is(j, "BCAST")) {
                options.bcast = true;
            } else if (a.is(j, "OPTIN")) {
                options.optin = true;
            } else if (a.is(j, "OPTOUT")) {
                options.optout = true;
            } else if (a.is(j, "NOLOOP")) {
                options.noloop = true;
            } else if (a.is(j, "PREFIX") && more) {
                prefixes.add(new Key(a.bytes(++j)));
            } else {
                throw CommandError.syntax();
            }
        }
        if (a.is(2, "OFF")) {
            tracking.disable(c);
            ctx.reply().ok();
            return;
        }
        if (!a.is(2, "ON")) {
            throw CommandError.syntax();
        }
        Tracking.State now = tracking.state(c);
        if (!options.bcast && !prefixes.isEmpty()) {
            throw new CommandError("ERR PREFIX option requires BCAST mode to be enabled");
        }
        if (now != null && now.bcast != options.bcast) {
            throw new CommandError("ERR You can't switch BCAST mode on/off before disabling tracking for this client, "
                    + "and then re-enabling it with a different mode.");
        }
        if (options.bcast && (options.optin || options.optout)) {
            throw new CommandError("ERR OPTIN and OPTOUT are not compatible with BCAST");
        }
        if (options.optin && options.optout) {
            throw new CommandError("ERR You can't use both OPTIN and OPTOUT");
        }
        if (now != null && ((options.optin && now.optout) || (options.optout && now.optin))) {
            throw new CommandError("ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, "
                    + "and then re-enabling it with a different mode.");
        }
        if (options.bcast) {
            String collision = tracking.prefixCollision(c, prefixes);
            if (collision != null) {
                throw new CommandError(collision);
            }
        }
        tracking.enable(c, redirect, options, prefixes);
        ctx.reply().ok();
    }

    // Format: CLIENT CACHING YES|NO -> +OK
    static void caching(CommandContext ctx) {
        Tracking.State s = ctx.dispatcher().tracking().state(ctx.session());
        if (s == null) {
            throw new CommandError("ERR CLIENT CACHING can be called only when the client is in tracking mode "
                    + "with OPTIN or OPTOUT mode enabled");
        }
        if (ctx.args().is(2, "YES")) {
            if (!s.optin) {
                throw new CommandError("ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.");
            }
        } else if (ctx.args().is(2, "NO")) {
            if (!s.optout) {
                throw new CommandError("ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.");
            }
        } else {
            throw CommandError.syntax();
        }
        s.caching = true;
        ctx.reply().ok();
    }

    // Format: CLIENT GETREDIR -> :id (0 none, -1 not tracking)
    static void getRedirect(CommandContext ctx) {
        Tracking.State s = ctx.dispatcher().tracking().state(ctx.session());
        ctx.reply().integer(s == null ? -1 : s.redirect);
    }

    // Format: CLIENT TRACKINGINFO -> map of flags, redirect, prefixes
    static void trackingInfo(CommandContext ctx) {
        Tracking.State s = ctx.dispatcher().tracking().state(ctx.session());
        List<String> flags = new ArrayList<>();
        flags.add(s == null ? "off" : "on");
        if (s != null) {
            if (s.bcast) {
                flags.add("bcast");
            }
            if (s.optin) {
                flags.add("optin");
                if (s.caching) {
                    flags.add("caching-yes");
                }
            }
            if (s.optout) {
                flags.add("optout");
                if (s.caching) {
                    flags.add("caching-no");
                }
            }
            if (s.noloop) {
                flags.add("noloop");
            }
            if (s.brokenRedirect) {
                flags.add("broken_redirect");
            }
        }
        Reply r = ctx.reply();
        r.mapHeader(3);
        r.bulk("flags");
        r.setHeader(flags.size());
        flags.forEach(r::bulk);
        r.bulk("redirect");
        r.integer(s == null ? -1 : s.redirect);
        r.bulk("prefixes");
        if (s == null) {
            r.arrayHeader(0);
        } else {
            r.arrayHeader(s.prefixes.size());
            s.prefixes.forEach(p -> r.bulk(p.bytes()));
        }
    }
}
