package dev.syncer.engine.rdb;

import dev.syncer.engine.keyspace.Keyspace;

import java.io.IOException;
import java.io.InputStream;

/** Loads RDB files and streams (contract; implemented by the RDB work). */
public final class RdbReader {

    private final InputStream in;

    public RdbReader(InputStream in) {
        this.in = in;
    }

    /**
     * Reads a whole RDB into {@code target}, which must be a fresh keyspace not yet visible to any
     * client (the caller swaps it in only on success). With {@code skipExpired}, keys whose expiry
     * has passed are not loaded, as a primary does at start-up; a replica loads them all.
     */
    public RdbFile read(Keyspace target, boolean skipExpired) throws IOException {
        throw new RdbException("RDB loading is not available yet");
    }
}
