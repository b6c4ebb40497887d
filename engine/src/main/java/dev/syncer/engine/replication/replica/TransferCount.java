package dev.syncer.engine.replication.replica;

/** A full sync's RDB transfer as INFO shows it: master_sync_total_bytes and master_sync_read_bytes. */
public final class TransferCount {

    private long size = -1;
    private long read;

    /** master_sync_total_bytes: -1 before the header, 0 under EOF framing. */
    public long size() {
        return size;
    }

    public long read() {
        return read;
    }

    void restart() {
        size = -1;
        read = 0;
    }

    /** The header's length, or a negative one for EOF framing (size unknown). */
    void header(long length) {
        size = length < 0 ? 0 : length;
    }

    void add(long bytes) {
        read += bytes;
    }
}
