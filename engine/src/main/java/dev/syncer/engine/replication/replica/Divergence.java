package dev.syncer.engine.replication.replica;

import dev.syncer.engine.replication.SyncCause;
import dev.syncer.engine.replication.SyncEventLog;
import dev.syncer.engine.replication.SyncProgress;

import java.nio.charset.StandardCharsets;

/**
 * A command from the primary's stream that this replica could not apply: the first one, where
 * it stopped. What Redis's afterErrorReply logs as "== CRITICAL == This replica is sending an
 * error to its master"; here it also ends the link, because every offset acknowledged after it
 * would claim a dataset this replica does not have.
 *
 * @param command the command's name as the primary sent it
 * @param offset  the replication offset before it: the last byte this replica applied
 * @param error   the reply the command got here, e.g. {@code ERR unknown command 'xfoo', ...}
 */
public record Divergence(String command, long offset, String error) {

    /** The error reply in {@code reply} (RESP bytes of one reply), or null when it is not one. */
    static String errorIn(byte[] reply) {
        if (reply.length == 0 || reply[0] != '-') {
            return null;
        }
        int end = reply.length;
        while (end > 1 && (reply[end - 1] == '\n' || reply[end - 1] == '\r')) {
            end--;
        }
        return new String(reply, 1, end - 1, StandardCharsets.UTF_8);
    }

    /**
     * What propagation-error-behavior means on this replica, as afterErrorReply's
     * panic_in_replicas: only a read-only replica panics; a writable one (replica-read-only no),
     * whose data its own clients change too, logs the error and goes on as with ignore.
     */
    static String behavior(String configured, boolean readOnlyReplica) {
        return configured.startsWith("panic") && !readOnlyReplica ? "ignore" : configured;
    }

    /** A failed sync event (cause diverged): the timeline shows where the stream stopped applying. */
    void record(SyncEventLog events, String peer, String replid, long nowMs) {
        SyncProgress event = events.start("replica", SyncCause.DIVERGED, peer, nowMs);
        event.type("partial");
        event.detail(describe());
        event.target(replid, offset);
        events.finish(event, "failed: diverged", nowMs);
    }

    /** The sync event's detail and the log line's tail. */
    public String describe() {
        return "cannot apply '" + command + "' at offset " + offset + ": " + error;
    }
}
