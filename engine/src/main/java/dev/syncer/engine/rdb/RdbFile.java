package dev.syncer.engine.rdb;

import java.util.Map;

/** What a completed load found besides the data: the RDB version, its aux fields, and counts. */
public record RdbFile(int version, Map<String, String> aux, long keysLoaded, long expiredSkipped, long bytesRead) {

    /** The replication ID a snapshot was taken at ("repl-id" aux field), or null. */
    public String replId() {
        return aux.get("repl-id");
    }

    /** The replication offset a snapshot was taken at ("repl-offset" aux field), or -1. */
    public long replOffset() {
        String v = aux.get("repl-offset");
        return v == null ? -1 : Long.parseLong(v);
    }
}
