package dev.syncer.engine.replication.replica;

import dev.syncer.engine.replication.ReplicationId;

/**
 * The primary's answer to PSYNC, as Redis's slaveTryPartialResynchronization reads it.
 *
 * <pre>
 * +FULLRESYNC &lt;replid&gt; &lt;offset&gt;     full sync follows
 * +CONTINUE [&lt;replid&gt;]              partial sync: the stream continues (maybe under a new ID)
 * +DUALCHANNELSYNC                    full sync over a second, rdb channel (Valkey 8, see {@link RdbChannel})
 * -NOMASTERLINK ... / -LOADING ...    try again later
 * -ERR ... or anything else           the primary does not know PSYNC: fall back to SYNC
 * (empty line)                        a keepalive: keep waiting
 * </pre>
 */
public record PsyncReply(Kind kind, ReplicationId replid, long offset, String text) {

    public enum Kind { WAIT, FULLRESYNC, CONTINUE, DUAL_CHANNEL, TRY_LATER, NOT_SUPPORTED }

    public static PsyncReply parse(String line) {
        if (line.isEmpty()) {
            return new PsyncReply(Kind.WAIT, null, -1, line);
        }
        if (line.startsWith("+FULLRESYNC")) {
            String[] parts = line.split(" ");
            ReplicationId id = parts.length == 3 ? ReplicationId.parse(parts[1]) : null;
            long offset = -1;
            if (id != null) {
                try {
                    offset = Long.parseLong(parts[2]);
                } catch (NumberFormatException e) {
                    id = null;
                }
            }
            return new PsyncReply(Kind.FULLRESYNC, id, id == null ? -1 : offset, line);
        }
        if (line.startsWith("+CONTINUE")) {
            String rest = line.substring("+CONTINUE".length()).trim();
            return new PsyncReply(Kind.CONTINUE, ReplicationId.parse(rest), -1, line);
        }
        if (line.startsWith("+DUALCHANNELSYNC")) {
            return new PsyncReply(Kind.DUAL_CHANNEL, null, -1, line);
        }
        if (line.startsWith("-NOMASTERLINK") || line.startsWith("-LOADING")) {
            return new PsyncReply(Kind.TRY_LATER, null, -1, line);
        }
        return new PsyncReply(Kind.NOT_SUPPORTED, null, -1, line);
    }

    /** The primary takes the replica: a partial, full or dual-channel sync follows. */
    public boolean syncs() {
        return kind == Kind.CONTINUE || kind == Kind.FULLRESYNC || kind == Kind.DUAL_CHANNEL;
    }

    /** A +FULLRESYNC whose replid or offset could not be read. */
    public boolean malformed() {
        return kind == Kind.FULLRESYNC && replid == null;
    }
}
