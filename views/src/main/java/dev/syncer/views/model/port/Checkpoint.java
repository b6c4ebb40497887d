package dev.syncer.views.model.port;

/**
 * A point in a replication history: the syncer has applied the stream of {@code replid} up to and
 * including {@code offset}, so it resumes with {@code PSYNC replid offset+1}.
 */
public record Checkpoint(String replid, long offset) {

    /** The offset PSYNC asks for to resume from here. */
    public long psyncOffset() {
        return offset + 1;
    }
}
