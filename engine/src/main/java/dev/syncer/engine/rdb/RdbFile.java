package dev.syncer.engine.rdb;

import java.util.List;
import java.util.Map;

/**
 * What a completed load found besides the data: the RDB version, its aux fields, counts, and the
 * Redis Function libraries it carried (each a library's source, as FUNCTION2 stores it), which
 * the keyspace does not hold but a save must write back so they are not lost, and the binary
 * extension fields ({@link RdbExtension}) in file order.
 */
public record RdbFile(int version, Map<String, String> aux, long keysLoaded, long expiredSkipped, long bytesRead,
                      List<byte[]> functions, List<RdbExtension.Aux> extensions) {

    public RdbFile(int version, Map<String, String> aux, long keysLoaded, long expiredSkipped, long bytesRead) {
        this(version, aux, keysLoaded, expiredSkipped, bytesRead, List.of(), List.of());
    }

    public RdbFile(int version, Map<String, String> aux, long keysLoaded, long expiredSkipped, long bytesRead,
                   List<byte[]> functions) {
        this(version, aux, keysLoaded, expiredSkipped, bytesRead, functions, List.of());
    }

    /** The replication ID a snapshot was taken at ("repl-id" aux field), or null. */
    public String replId() {
        return aux.get("repl-id");
    }

    /** The replication offset a snapshot was taken at ("repl-offset" aux field), or -1. */
    public long replOffset() {
        return number("repl-offset");
    }

    /** The database the primary's stream had selected ("repl-stream-db" aux field), or -1. */
    public int replStreamDb() {
        return (int) number("repl-stream-db");
    }

    private long number(String field) {
        String v = aux.get(field);
        try {
            return v == null ? -1 : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
