package dev.syncer.engine.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Client eviction as Redis 7.0's evictClients: while the memory of normal and pub/sub clients
 * ({@link ClientMemory}: output, query buffers, arguments, MULTI queues...) reaches maxmemory-clients, the largest of them is
 * disconnected, logged and counted in evicted_clients. CLIENT NO-EVICT exempts a client; replicas
 * and the primary's link never are evicted. Runs each cron, after output is queued to a client and after
 * each read (Redis: before it sleeps).
 */
public final class ClientEviction {

    private static final Logger log = LoggerFactory.getLogger(ClientEviction.class);
    /** Redis never lets maxmemory-clients be so small that no client could talk to the server. */
    static final long MIN_LIMIT = 128 * 1024;

    private final Shard shard;
    /** The limit in bytes, 0 when off: kept by watches, since every read and write asks for it. */
    private long limit;

    ClientEviction(Shard shard) {
        this.shard = shard;
        Config config = shard.config();
        config.watch("maxmemory-clients", v -> limit = limit(v, config.getLong("maxmemory")));
        config.watch("maxmemory", v -> limit = limit(config.get("maxmemory-clients"), Long.parseLong(v)));
    }

    /** getClientEvictionLimit: bytes, "N%" of maxmemory (0 without one), 0 when off; at least 128 KB when on. */
    static long limit(String maxmemoryClients, long maxmemory) {
        String v = maxmemoryClients.trim();
        long limit;
        if (v.endsWith("%")) {
            limit = maxmemory <= 0 ? 0 : (long) ((double) maxmemory * Long.parseLong(v.substring(0, v.length() - 1)) / 100);
        } else {
            limit = Long.parseLong(v);
        }
        return limit <= 0 ? 0 : Math.max(limit, MIN_LIMIT);
    }

    /** maxmemory-clients: a memory value or a percentage of maxmemory (Redis's percent-or-memory setting). */
    static String parse(String value) {
        String v = value.trim();
        if (v.endsWith("%")) {
            try {
                long pct = Long.parseLong(v.substring(0, v.length() - 1));
                if (pct < 0) {
                    throw new NumberFormatException();
                }
                if (pct > 100) { // the setting's lower bound of -100 (a percentage is stored negated)
                    throw new IllegalArgumentException("percentage argument must be less or equal to 100");
                }
                return pct + "%";
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("argument must be a memory or percent value");
            }
        }
        return Config.memory(v);
    }

    /** May be evicted: a connected normal client (pub/sub included) without CLIENT NO-EVICT. */
    static boolean evictable(ClientSession c) {
        return c.kind() == ClientSession.Kind.NORMAL && !c.noEvict() && c.channel() != null && c.channel().isActive();
    }

    /** The limit in force, in bytes (0: off). */
    long limit() {
        return limit;
    }

    /** evictClients: the largest evictable clients go until the clients' memory is below the limit. */
    public void evictClients() {
        long limit = this.limit;
        if (limit == 0) {
            return;
        }
        long total = 0;
        List<long[]> sizes = new ArrayList<>(); // {memory, index}
        List<ClientSession> clients = new ArrayList<>();
        for (ClientSession c : shard.clients()) {
            if (c.kind() != ClientSession.Kind.NORMAL || (c.channel() != null && !c.channel().isActive())) {
                continue; // replicas' and the primary's buffers are not clients' memory here; closed ones are going
            }
            long m = ClientMemory.forEviction(shard, c);
            total += m;
            if (evictable(c)) {
                sizes.add(new long[] {m, clients.size()});
                clients.add(c);
            }
        }
        sizes.sort(Comparator.comparingLong((long[] s) -> s[0]).reversed());
        for (long[] s : sizes) {
            if (total < limit) {
                break;
            }
            ClientSession c = clients.get((int) s[1]);
            log.info("Evicting client: id={} addr={} name={} mem={}", c.id(), c.address(), c.name(), s[0]);
            c.closeAfterReply(true);
            c.channel().close();
            shard.stats().evictedClients++;
            total -= s[0];
        }
    }
}
