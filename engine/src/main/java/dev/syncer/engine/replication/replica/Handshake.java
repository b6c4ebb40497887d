package dev.syncer.engine.replication.replica;

import dev.syncer.engine.resp.RespEncoding;

import java.util.ArrayList;
import java.util.List;

/**
 * The replica's handshake as a pure function from (state, reply line) to (next state, commands to
 * write, what to log), in Redis's order (syncWithMaster):
 *
 * <pre>
 * PING                                     -&gt; +PONG | -NOAUTH | -NOPERM | -ERR operation not permitted
 * AUTH [user] pass, REPLCONF listening-port, [REPLCONF ip-address], REPLCONF capa eof capa psync2 [capa dual-channel]
 *                                          (written back to back, replies read one by one)
 * PSYNC replid offset+1 | PSYNC ? -1       -&gt; see {@link PsyncReply}
 * </pre>
 * Only an error to PING or AUTH aborts; errors to REPLCONF are "non critical".
 */
public final class Handshake {

    /** What the replica says about itself. */
    public record Settings(String masterAuth, String masterUser, int listeningPort, String announceIp,
                           boolean dualChannel) {

        /** Without Valkey's dual-channel full sync. */
        public Settings(String masterAuth, String masterUser, int listeningPort, String announceIp) {
            this(masterAuth, masterUser, listeningPort, announceIp, false);
        }

        /** A replica's settings; it announces replica-announce-port, else the port it listens on. */
        static Settings of(dev.syncer.engine.replication.ReplicationConfig c, int ownPort) {
            return new Settings(c.masterAuth(), c.masterUser(), c.announcePort() != 0 ? c.announcePort() : ownPort,
                    c.announceIp(), c.dualChannel());
        }

        /** AUTH [user] pass, or nothing. */
        List<byte[][]> authCommand() {
            if (!auth()) {
                return List.of();
            }
            return List.<byte[][]>of(masterUser != null && !masterUser.isEmpty()
                    ? RespEncoding.argv("AUTH", masterUser, masterAuth) : RespEncoding.argv("AUTH", masterAuth));
        }

        boolean auth() {
            return masterAuth != null && !masterAuth.isEmpty();
        }

        boolean announceIpSet() {
            return announceIp != null && !announceIp.isEmpty();
        }
    }

    /**
     * One transition.
     *
     * @param next  the state to move to
     * @param send  commands to write now
     * @param abort true: close the connection and retry later
     * @param log   a line for the log, or null
     */
    public record Step(ReplState next, List<byte[][]> send, boolean abort, String log) {

        /** Logs the step's line, as a warning when it aborts the handshake. */
        public void logTo(org.slf4j.Logger logger) {
            if (log != null && abort) {
                logger.warn(log);
            } else if (log != null) {
                logger.info(log);
            }
        }
    }

    private Handshake() {
    }

    /** The TCP connection opened: PING first. */
    public static Step connected() {
        return new Step(ReplState.RECEIVE_PING_REPLY, List.<byte[][]>of(RespEncoding.argv("PING")), false,
                "Non blocking connect for SYNC fired the event.");
    }

    /** A reply line arrived in state; returns what to do. */
    public static Step onReply(ReplState state, String reply, Settings settings) {
        boolean error = reply.startsWith("-");
        return switch (state) {
            case RECEIVE_PING_REPLY -> {
                if (error && !reply.startsWith("-NOAUTH") && !reply.startsWith("-NOPERM")
                        && !reply.startsWith("-ERR operation not permitted")) {
                    yield abort("Error reply to PING from master: '" + reply + "'");
                }
                yield new Step(settings.auth() ? ReplState.RECEIVE_AUTH_REPLY : ReplState.RECEIVE_PORT_REPLY,
                        handshakeCommands(settings), false, "Master replied to PING, replication can continue...");
            }
            case RECEIVE_AUTH_REPLY -> error ? abort("Unable to AUTH to MASTER: " + reply)
                    : step(ReplState.RECEIVE_PORT_REPLY, null);
            case RECEIVE_PORT_REPLY -> step(settings.announceIpSet() ? ReplState.RECEIVE_IP_REPLY : ReplState.RECEIVE_CAPA_REPLY,
                    error ? "(Non critical) Master does not understand REPLCONF listening-port: " + reply : null);
            case RECEIVE_IP_REPLY -> step(ReplState.RECEIVE_CAPA_REPLY,
                    error ? "(Non critical) Master does not understand REPLCONF ip-address: " + reply : null);
            case RECEIVE_CAPA_REPLY -> step(ReplState.SEND_PSYNC,
                    error ? "(Non critical) Master does not understand REPLCONF capa: " + reply : null);
            default -> abort("syncWithMaster(): state machine error, state should be RECEIVE_PSYNC but is " + state);
        };
    }

    /** PSYNC with the cached primary's replid and the first offset we lack, or "? -1". */
    public static byte[][] psync(String cachedReplid, long cachedOffset, boolean failover) {
        String id = cachedReplid == null ? "?" : cachedReplid;
        String offset = cachedReplid == null ? "-1" : Long.toString(cachedOffset + 1);
        return failover ? RespEncoding.argv("PSYNC", id, offset, "FAILOVER") : RespEncoding.argv("PSYNC", id, offset);
    }

    private static List<byte[][]> handshakeCommands(Settings s) {
        List<byte[][]> out = new ArrayList<>(s.authCommand());
        out.add(RespEncoding.argv("REPLCONF", "listening-port", Integer.toString(s.listeningPort())));
        if (s.announceIpSet()) {
            out.add(RespEncoding.argv("REPLCONF", "ip-address", s.announceIp()));
        }
        out.add(s.dualChannel() ? RespEncoding.argv("REPLCONF", "capa", "eof", "capa", "psync2", "capa", "dual-channel")
                : RespEncoding.argv("REPLCONF", "capa", "eof", "capa", "psync2"));
        return out;
    }

    private static Step step(ReplState next, String log) {
        return new Step(next, List.of(), false, log);
    }

    private static Step abort(String log) {
        return new Step(ReplState.CONNECT, List.of(), true, log);
    }
}
