package dev.syncer.engine.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The limits Redis puts on ordinary clients: {@code timeout} (idle clients are closed, also those
 * that sent half a request and stopped) and the {@code normal} and {@code pubsub} classes of
 * {@code client-output-buffer-limit} (a client that does not read its replies is closed once its
 * pending output passes the hard limit, or stays above the soft one too long). Replicas and the
 * primary link are exempt, as in Redis; replicas have their own class, enforced by replication.
 */
public final class ClientLimits {

    private static final Logger log = LoggerFactory.getLogger(ClientLimits.class);
    static final String OUTPUT_BUFFER_LIMIT = "client-output-buffer-limit";

    private final Shard shard;
    private OutputBufferLimit normalLimit; // null until kept by a watch
    private OutputBufferLimit pubsubLimit;

    ClientLimits(Shard shard) {
        this.shard = shard;
    }

    /** clientsCronHandleTimeout: idle longer than timeout seconds (0 disables), and not a replication link. */
    static boolean idleTooLong(ClientSession c, long nowMillis, long timeoutSeconds) {
        return timeoutSeconds > 0 && c.kind() == ClientSession.Kind.NORMAL && !c.blocked()
                && (nowMillis - c.lastInteractionMillis()) / 1000 > timeoutSeconds;
    }

    /** Cron: closes idle clients and those above the soft output limit for too long. */
    void cron() {
        long now = shard.clock().millis();
        long timeout = shard.config().getLong("timeout");
        List<ClientSession> closing = new ArrayList<>();
        for (ClientSession c : shard.clients()) {
            if (idleTooLong(c, now, timeout)) {
                log.info("Closing idle client {}", c.address());
                closing.add(c);
            } else if (outputLimitReached(c)) {
                closing.add(c);
            }
        }
        for (ClientSession c : closing) {
            if (c.channel() != null) {
                c.channel().close();
            }
        }
    }

    /**
     * checkClientOutputBufferLimits' first rule (CVE-2025-21605, in Redis 7.0.15 as Debian ships it):
     * a client that has not authenticated may leave at most 1 KB of replies unread, whatever the
     * limits, or it could grow the shard's memory without ever giving a password.
     */
    static boolean unauthenticatedOverLimit(long pendingBytes, boolean authenticated) {
        return !authenticated && pendingBytes > 1024;
    }

    /**
     * Starts keeping the normal and pubsub classes' limits by a watch once the setting exists (it
     * is defined after the shard is built): checked after every flush, so no lookup nor parse there.
     */
    private boolean limitsKept() {
        if (normalLimit == null) {
            if (!shard.config().has(OUTPUT_BUFFER_LIMIT)) {
                return false;
            }
            shard.config().watch(OUTPUT_BUFFER_LIMIT, v -> {
                normalLimit = OutputBufferLimit.ofClass(v, "normal");
                pubsubLimit = OutputBufferLimit.ofClass(v, "pubsub");
            });
        }
        return true;
    }

    /**
     * Checks a normal client's pending output against its class's limits; true (and logged as Redis
     * logs it) when it must be closed. Called after each flush and from the cron.
     */
    boolean outputLimitReached(ClientSession c) {
        if (c.kind() != ClientSession.Kind.NORMAL || c.channel() == null) {
            return false;
        }
        if (unauthenticatedOverLimit(c.outputBufferBytes(), c.authenticated())) {
            log.warn("Client id={} addr={} omem={} scheduled to be closed ASAP: unauthenticated and not reading its replies.",
                    c.id(), c.address(), c.outputBufferBytes());
            return true;
        }
        if (!limitsKept()) {
            return false;
        }
        OutputBufferLimit limit = c.pubsub() ? pubsubLimit : normalLimit; // getClientType: subscribed is pubsub
        long verdict = limit.check(c.outputBufferBytes(), c.overSoftLimitSinceMillis(), shard.clock().millis());
        if (verdict < 0) {
            log.warn("Client id={} addr={} omem={} scheduled to be closed ASAP for overcoming of output buffer limits.",
                    c.id(), c.address(), c.outputBufferBytes());
            return true;
        }
        c.overSoftLimitSinceMillis(verdict);
        return false;
    }
}
