package dev.syncer.engine.rdb;

import dev.syncer.engine.keyspace.Snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** Writes RDB version 10 (contract; implemented by the RDB work). */
public final class RdbWriter {

    private final OutputStream out;

    public RdbWriter(OutputStream out) {
        this.out = out;
    }

    /**
     * Writes the snapshot as a complete RDB (header, aux fields, databases, EOF, CRC64). Runs on any
     * thread; {@code aux} adds to the standard aux fields (e.g. "repl-id", "repl-offset",
     * "repl-stream-db"), in order.
     */
    public void write(Snapshot snapshot, Map<String, String> aux) throws IOException, InterruptedException {
        throw new IOException("RDB writing is not available yet");
    }
}
