package dev.syncer.engine.replication;

import java.util.List;

/**
 * One finished synchronisation, full or partial, as the console's timeline shows it.
 *
 * @param seq        increasing number in this shard's event log (SYNCEVENTS SINCE takes it)
 * @param timeMs     when the sync started (unix ms)
 * @param side       {@code primary} (we served it) or {@code replica} (we received it)
 * @param type       {@code full} or {@code partial}
 * @param cause      why, one word of a closed vocabulary ({@link SyncCause})
 * @param detail     the particulars of the cause, e.g. {@code requested 843414, backlog 1..843413};
 *                   empty when there are none
 * @param peer       the other end, host:port
 * @param replid     the replication ID synced to
 * @param offset     the offset the sync started from (FULLRESYNC's offset, or the PSYNC offset)
 * @param bytes      payload moved: the RDB for a full sync, the backlog for a partial one
 * @param durationMs from start to the first streamed byte (or failure)
 * @param phases     named phases with their durations, in order
 * @param outcome    {@code ok} or {@code failed: <reason>}
 */
public record SyncEvent(long seq, long timeMs, String side, String type, SyncCause cause, String detail,
                        String peer,
                        String replid, long offset, long bytes, long durationMs, List<Phase> phases,
                        String outcome) {

    /** A named phase of a sync ("handshake", "snapshot", "transfer", "load", ...) and its length. */
    public record Phase(String name, long millis) {
    }

    /** Phases as one line: "handshake:2ms,transfer:40ms,load:13ms". */
    public String phasesText() {
        StringBuilder out = new StringBuilder();
        for (Phase p : phases) {
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(p.name()).append(':').append(p.millis()).append("ms");
        }
        return out.toString();
    }
}
