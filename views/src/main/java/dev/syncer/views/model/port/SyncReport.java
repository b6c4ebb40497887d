package dev.syncer.views.model.port;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A full or partial sync that ended, as one side reports it. A sync between two of our shards may
 * arrive twice, once from each side.
 *
 * @param seq         increasing per source of events; used for order and identity
 * @param time        when the sync ended
 * @param reporterId  the shard or syncer that reports it
 * @param side        {@link SyncSide#PRIMARY} when the reporter served the sync,
 *                    {@link SyncSide#REPLICA} or {@link SyncSide#SYNCER} when it received it
 * @param type        full or partial
 * @param cause       why, from a closed vocabulary (the timeline filters on it)
 * @param detail      the numbers behind the cause, e.g. {@code requested 843414, backlog 1..843413};
 *                    empty when there are none
 * @param peer        the other end: its shard or syncer id when known, else {@code host:port}
 * @param replid      the replid the stream continued with ({@code +CONTINUE}) or started with
 *                    ({@code +FULLRESYNC})
 * @param offset      the PSYNC offset continued from, or the FULLRESYNC offset
 * @param bytes       bytes transferred: RDB payload plus backlog for a full sync, backlog for a
 *                    partial one; -1 when no end counted them (a sync inferred from INFO)
 * @param duration    from PSYNC to streaming
 * @param phases      the steps, in order
 * @param outcome     how it ended
 * @param operationId the {@link OperationRequest#id()} that caused it, when the app knows
 */
public record SyncReport(long seq,
                        Instant time,
                        String reporterId,
                        SyncSide side,
                        SyncType type,
                        SyncCause cause,
                        String detail,
                        String peer,
                        String replid,
                        long offset,
                        long bytes,
                        Duration duration,
                        List<SyncPhase> phases,
                        SyncOutcome outcome,
                        Optional<String> operationId) implements ConsoleEvent {

    public SyncReport {
        phases = List.copyOf(phases);
        detail = detail == null ? "" : detail;
    }

    /** The id of the end that received the data: the reporter unless it served the sync. */
    public String receiverId() {
        return side == SyncSide.PRIMARY ? peer : reporterId;
    }
}
