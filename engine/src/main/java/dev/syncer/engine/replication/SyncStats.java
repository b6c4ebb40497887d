package dev.syncer.engine.replication;

/** INFO stats' sync counters (Redis's stat_sync_full, stat_sync_partial_ok/err). Loop-confined. */
public final class SyncStats {
    /** Full syncs served. */
    public long syncFull;
    /** Partial syncs accepted. */
    public long syncPartialOk;
    /** PSYNCs naming a history that had to be refused ("?" requests excluded). */
    public long syncPartialErr;

    /** CONFIG RESETSTAT (Redis's resetServerStats clears these too). */
    public void reset() {
        syncFull = 0;
        syncPartialOk = 0;
        syncPartialErr = 0;
    }
}
