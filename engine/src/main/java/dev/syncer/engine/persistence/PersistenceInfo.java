package dev.syncer.engine.persistence;

import dev.syncer.engine.rdb.RdbFile;
import dev.syncer.engine.server.InfoSection;

/** INFO persistence, with redis-server 7.0's fields in its order (no fork, no AOF: those stay at rest values). */
final class PersistenceInfo implements InfoSection {

    private final Persistence p;

    PersistenceInfo(Persistence p) {
        this.p = p;
    }

    @Override
    public String name() {
        return "Persistence";
    }

    @Override
    public void write(InfoWriter out) {
        BackgroundSave running = p.bgsave();
        long now = p.shard().clock().millis();
        RdbFile loaded = p.loadedAtStartup();
        AppendOnlyFile aof = p.aof();
        dev.syncer.engine.server.Loading loading = p.shard().loading();
        out.field("loading", loading == dev.syncer.engine.server.Loading.LOADING ? 1 : 0)
                .field("async_loading", loading == dev.syncer.engine.server.Loading.ASYNC ? 1 : 0)
                .field("current_cow_peak", 0)
                .field("current_cow_size", 0)
                .field("current_cow_size_age", 0)
                .field("current_fork_perc", "0.00")
                .field("current_save_keys_processed", running == null ? 0 : running.keysWritten())
                .field("current_save_keys_total", running == null ? 0 : running.keysTotal)
                .field("rdb_changes_since_last_save", p.changesSinceLastSave())
                .field("rdb_bgsave_in_progress", running != null || p.replicationDumpRunning() ? 1 : 0)
                .field("rdb_last_save_time", p.lastSaveMillis() / 1000)
                .field("rdb_last_bgsave_status", p.lastBgsaveOk() ? "ok" : "err")
                .field("rdb_last_bgsave_time_sec", p.lastBgsaveSeconds())
                .field("rdb_current_bgsave_time_sec", running == null ? -1 : (now - running.startMillis) / 1000)
                .field("rdb_saves", p.saves())
                .field("rdb_last_cow_size", 0)
                .field("rdb_last_load_keys_expired", loaded == null ? 0 : loaded.expiredSkipped())
                .field("rdb_last_load_keys_loaded", loaded == null ? 0 : loaded.keysLoaded())
                .field("aof_enabled", aof.state() == AppendOnlyFile.State.OFF ? 0 : 1)
                .field("aof_rewrite_in_progress", aof.rewrite == null ? 0 : 1)
                .field("aof_rewrite_scheduled", 0)
                .field("aof_last_rewrite_time_sec", aof.lastRewriteSeconds)
                .field("aof_current_rewrite_time_sec", aof.rewrite == null ? -1 : (now - aof.rewrite.startMillis) / 1000)
                .field("aof_last_bgrewrite_status", aof.lastRewriteOk ? "ok" : "err")
                .field("aof_rewrites", aof.rewrites)
                .field("aof_rewrites_consecutive_failures", 0)
                .field("aof_last_write_status", aof.lastWriteOk() ? "ok" : "err")
                .field("aof_last_cow_size", 0)
                .field("module_fork_in_progress", 0)
                .field("module_fork_last_cow_size", 0);
    }
}
