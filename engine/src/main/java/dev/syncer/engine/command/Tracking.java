package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.Shard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Client-side caching, as Redis 7.0's tracking.c: the keys each tracking client read (the
 * tracking table, by key name across databases), the prefixes of broadcasting clients, and the
 * invalidation messages a write, an expiry, an eviction or a flush sends them — as RESP3 pushes, or
 * as {@code __redis__:invalidate} messages to a RESP2 subscriber a client redirects to.
 */
public final class Tracking {

    private static final byte[] INVALIDATE = "invalidate".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REDIR_BROKEN = "tracking-redir-broken".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MESSAGE = "message".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHANNEL = "__redis__:invalidate".getBytes(StandardCharsets.US_ASCII);
    static final String MAX_KEYS = "tracking-table-max-keys";

    /** One client's CLIENT TRACKING options (Redis's CLIENT_TRACKING_* flags). */
    static final class State {
        boolean bcast;
        boolean optin;
        boolean optout;
        boolean noloop;
        /** CLIENT CACHING yes (OPTIN) or no (OPTOUT) for the next command. */
        boolean caching;
        boolean brokenRedirect;
        long redirect;
        final TreeSet<Key> prefixes = new TreeSet<>();
    }

    /** A broadcast prefix: its clients and the keys modified under it since the last broadcast. */
    private static final class Prefix {
        final Set<ClientSession> clients = new LinkedHashSet<>();
        /** Key -> the client that last modified it (null: the shard itself, e.g. an expiry). */
        Map<Key, ClientSession> keys = new HashMap<>();
    }

    private final Shard shard;
    private final Map<ClientSession, State> clients = new LinkedHashMap<>();
    private final Map<Key, Set<Long>> table = new HashMap<>();
    private long totalItems;
    private final Map<Key, Prefix> prefixes = new HashMap<>();
    /** The client whose request is being processed, and whether its command is running. */
    private ClientSession current;
    private boolean executing;
    /** Invalidations for the running client, sent after its reply (null: a flush). */
    private final List<Key> pendingForCurrent = new ArrayList<>();
    private boolean holding;
    private final List<Runnable> held = new ArrayList<>();
    private boolean broadcastScheduled;
    private int limitRounds;

    Tracking(Shard shard) {
        this.shard = shard;
    }

    /** Anything to invalidate: the dispatcher skips the key walk otherwise. */
    boolean active() {
        return !table.isEmpty() || !prefixes.isEmpty() || !clients.isEmpty();
    }

    State state(ClientSession session) {
        return clients.get(session);
    }

    // ---- enabling ---------------------------------------------------------------------------

    /** enableTracking: options replace the previous ones, broadcast prefixes add up. */
    void enable(ClientSession c, long redirect, State options, List<Key> newPrefixes) {
        State s = clients.computeIfAbsent(c, k -> new State());
        s.brokenRedirect = false;
        s.redirect = redirect;
        s.bcast = options.bcast;
        if (options.bcast) {
            if (newPrefixes.isEmpty()) {
                addPrefix(c, s, new Key(new byte[0]));
            }
            newPrefixes.forEach(p -> addPrefix(c, s, p));
        }
        s.optin = options.optin;
        s.optout = options.optout;
        s.noloop = options.noloop;
    }

    private void addPrefix(ClientSession c, State s, Key prefix) {
        if (s.prefixes.add(prefix)) {
            prefixes.computeIfAbsent(prefix, k -> new Prefix()).clients.add(c);
        }
    }

    /** disableTracking: the client leaves its prefixes; its ids stay in the table until invalidated. */
    void disable(ClientSession c) {
        State s = clients.remove(c);
        if (s == null) {
            return;
        }
        for (Key p : s.prefixes) {
            Prefix bs = prefixes.get(p);
            if (bs != null) {
                bs.clients.remove(c);
                if (bs.clients.isEmpty()) {
                    prefixes.remove(p);
                }
            }
        }
    }

    /** A client went away. */
    void forget(ClientSession c) {
        disable(c);
        if (current == c) {
            pendingForCurrent.clear();
        }
    }

    /** checkPrefixCollisionsOrReply: null when the prefixes do not overlap, else the error. */
    String prefixCollision(ClientSession c, List<Key> given) {
        State s = clients.get(c);
        for (int i = 0; i < given.size(); i++) {
            byte[] p = given.get(i).bytes();
            if (s != null) {
                for (Key existing : s.prefixes) {
                    if (overlaps(existing.bytes(), p)) {
                        return "ERR Prefix '" + text(p) + "' overlaps with an existing prefix '" + text(existing.bytes())
                                + "'. Prefixes for a single client must not overlap.";
                    }
                }
            }
            for (int j = i + 1; j < given.size(); j++) {
                if (overlaps(p, given.get(j).bytes())) {
                    return "ERR Prefix '" + text(p) + "' overlaps with another provided prefix '"
                            + text(given.get(j).bytes()) + "'. Prefixes for a single client must not overlap.";
                }
            }
        }
        return null;
    }

    /** stringCheckPrefix: one is a prefix of the other. */
    static boolean overlaps(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        return java.util.Arrays.equals(a, 0, n, b, 0, n);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    // ---- the command cycle ------------------------------------------------------------------

    /** processCommand begins for {@code c}: trackingLimitUsedSlots runs first. */
    void beginRequest(ClientSession c) {
        current = c;
        if (!clients.isEmpty()) {
            limitUsedSlots();
        }
    }

    void beginCommand() {
        executing = true;
    }

    /** The top-level command returned: its own invalidations follow its reply. */
    void endCommand() {
        executing = false;
        if (pendingForCurrent.isEmpty()) {
            return;
        }
        List<Key> keys = new ArrayList<>(pendingForCurrent);
        pendingForCurrent.clear();
        State s = current == null ? null : clients.get(current);
        if (s == null) {
            return;
        }
        for (Key k : keys) {
            send(current, s, k == null ? null : List.of(k));
        }
    }

    /** resetClient: CLIENT CACHING lasts for the next command only (MULTI and CLIENT keep it). */
    void endRequest(ClientSession c, byte[] commandName) {
        State s = clients.isEmpty() ? null : clients.get(c); // no lookup per command while nobody tracks
        if (s != null && !c.inMulti() && !"client".equalsIgnoreCase(new String(commandName, StandardCharsets.US_ASCII))) {
            s.caching = false;
        }
        current = null;
    }

    /** Serving blocked clients: their invalidations wait until their replies are written. */
    void hold(boolean on) {
        holding = on;
        if (!on && !held.isEmpty()) {
            List<Runnable> todo = new ArrayList<>(held);
            held.clear();
            todo.forEach(Runnable::run);
        }
    }

    // ---- reads and writes ---------------------------------------------------------------------

    /** trackingRememberKeys: the keys a read-only command of a tracking client read. */
    void remember(ClientSession c, Iterable<Key> keys) {
        State s = clients.get(c);
        if (s == null || s.bcast || (s.optin && !s.caching) || (s.optout && s.caching)) {
            return;
        }
        for (Key k : keys) {
            if (table.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(c.id())) {
                totalItems++;
            }
        }
    }

    /**
     * call()'s tracking step: a read-only command remembers its keys for a tracking client. Inside
     * a script ({@code script} is the top-level EVAL or FCALL) the script's declared keys count, as
     * Redis 7.0; EVAL_RO and FCALL_RO themselves do not, only the commands they run.
     */
    void rememberRead(CommandSpec spec, ClientSession c, byte[][] argv, CommandSpec script, byte[][] scriptArgv) {
        if (!clients.containsKey(c) || SCRIPT_COMMANDS.contains(spec.name())) {
            return;
        }
        List<Key> keys = new ArrayList<>();
        if (script != null && SCRIPT_COMMANDS.contains(script.name())) {
            scriptKeys(scriptArgv, keys);
        } else {
            WatchedKeys.forEachKey(spec, argv, keys::add);
        }
        remember(c, keys);
    }

    private static final Set<String> SCRIPT_COMMANDS =
            Set.of("eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro");

    /** EVAL script numkeys key... / FCALL function numkeys key...: the declared keys. */
    private static void scriptKeys(byte[][] argv, List<Key> out) {
        if (argv.length < 3) {
            return;
        }
        int n;
        try {
            n = Integer.parseInt(new String(argv[2], StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return;
        }
        for (int i = 3; i < 3 + n && i < argv.length; i++) {
            out.add(new Key(argv[i]));
        }
    }

    /** signalModifiedKey's tracking half, for the keys of the forms a write propagates. */
    void invalidateWritten(CommandTable commands, ClientSession modifier, List<byte[][]> forms, List<Key> only) {
        WatchedKeys.forEachWrittenKey(commands, forms, only, key -> invalidate(modifier, key, true));
    }

    /** trackingInvalidateKey: {@code key} changed (by {@code modifier}, or null for the shard itself). */
    void invalidate(ClientSession modifier, Key key, boolean bcast) {
        if (bcast && !prefixes.isEmpty()) {
            rememberToBroadcast(modifier, key);
        }
        Set<Long> ids = table.remove(key);
        if (ids == null) {
            return;
        }
        totalItems -= ids.size();
        for (long id : ids) {
            ClientSession target = shard.client(id);
            State s = target == null ? null : clients.get(target);
            if (s == null || s.bcast) {
                continue;
            }
            if (s.noloop && target == current) {
                continue;
            }
            if (target == current && executing) {
                pendingForCurrent.add(key);
            } else {
                send(target, s, List.of(key));
            }
        }
    }

    /** trackingInvalidateKeysOnFlush: every tracking client hears of it; the table empties. */
    void invalidateAll() {
        for (Map.Entry<ClientSession, State> e : new ArrayList<>(clients.entrySet())) {
            if (e.getKey() == current) {
                pendingForCurrent.add(null);
            } else {
                send(e.getKey(), e.getValue(), null);
            }
        }
        table.clear();
        totalItems = 0;
    }

    private void rememberToBroadcast(ClientSession modifier, Key key) {
        byte[] k = key.bytes();
        for (Map.Entry<Key, Prefix> e : prefixes.entrySet()) {
            byte[] p = e.getKey().bytes();
            if (p.length <= k.length && java.util.Arrays.equals(p, 0, p.length, k, 0, p.length)) {
                e.getValue().keys.put(key, modifier);
            }
        }
        if (!broadcastScheduled) {
            broadcastScheduled = true;
            shard.loop().execute(this::broadcast); // Redis's beforeSleep
        }
    }

    /** trackingBroadcastInvalidationMessages: one message per prefix with the keys changed under it. */
    void broadcast() {
        broadcastScheduled = false;
        for (Prefix bs : new ArrayList<>(prefixes.values())) {
            if (bs.keys.isEmpty()) {
                continue;
            }
            Map<Key, ClientSession> changed = bs.keys;
            bs.keys = new HashMap<>();
            List<Key> all = new ArrayList<>(new TreeSet<>(changed.keySet()));
            for (ClientSession c : new ArrayList<>(bs.clients)) {
                State s = clients.get(c);
                if (s == null) {
                    continue;
                }
                if (s.noloop) {
                    List<Key> others = new ArrayList<>();
                    all.forEach(k -> {
                        if (changed.get(k) != c) {
                            others.add(k);
                        }
                    });
                    if (!others.isEmpty()) {
                        send(c, s, others);
                    }
                } else {
                    send(c, s, all);
                }
            }
        }
        shard.evictClients(); // the messages may have grown a client past maxmemory-clients
    }

    /** trackingLimitUsedSlots: above tracking-table-max-keys, invalidate keys, harder each time. */
    void limitUsedSlots() {
        long max = shard.config().getLong(MAX_KEYS);
        if (max == 0 || table.size() <= max) {
            limitRounds = 0;
            return;
        }
        int effort = 100 * (limitRounds + 1);
        while (effort-- > 0 && !table.isEmpty()) {
            Iterator<Key> it = table.keySet().iterator();
            invalidate(null, it.next(), false);
            if (table.size() <= max) {
                limitRounds = 0;
                return;
            }
        }
        limitRounds++;
    }

    // ---- messages -----------------------------------------------------------------------------

    /** sendTrackingMessage: keys, or null for a flush, to the client or where it redirects. */
    private void send(ClientSession c, State s, List<Key> keys) {
        if (holding) {
            held.add(() -> {
                if (clients.get(c) == s) {
                    send(c, s, keys);
                }
            });
            return;
        }
        ClientSession target = c;
        boolean redirected = false;
        if (s.redirect != 0) {
            ClientSession redir = shard.client(s.redirect);
            if (redir == null) {
                s.brokenRedirect = true;
                if (c.protocol() > 2) {
                    ByteBuf out = Unpooled.buffer(48);
                    Reply r = new Reply(out, 3);
                    r.pushHeader(2);
                    r.bulk(REDIR_BROKEN);
                    r.integer(s.redirect);
                    push(c, out);
                }
                return;
            }
            target = redir;
            redirected = true;
        }
        ByteBuf out = Unpooled.buffer(64);
        Reply r = new Reply(out, target.protocol());
        if (target.protocol() > 2) {
            r.pushHeader(2);
            r.bulk(INVALIDATE);
        } else if (redirected && target.pubsub()) {
            r.arrayHeader(3);
            r.bulk(MESSAGE);
            r.bulk(CHANNEL);
        } else {
            out.release();
            return; // RESP2 without a redirection cannot carry pushes
        }
        if (keys == null) {
            new Reply(out, c.protocol()).nullBulk(); // shared.null in the tracking client's protocol
        } else {
            r.arrayHeader(keys.size());
            keys.forEach(k -> r.bulk(k.bytes()));
        }
        push(target, out);
    }

    private void push(ClientSession target, ByteBuf out) {
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        out.release();
        target.push(bytes);
    }

    // ---- INFO ---------------------------------------------------------------------------------

    /** INFO stats' fields. */
    void info(dev.syncer.engine.server.InfoSection.InfoWriter out) {
        out.field("tracking_total_keys", table.size())
                .field("tracking_total_items", totalItems)
                .field("tracking_total_prefixes", prefixes.size())
                .field("tracking_clients", clients.size());
    }
}
