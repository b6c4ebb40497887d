package dev.syncer.engine.lab;

import java.util.Map;

/** One sync event read from a shard's SYNCEVENTS log, with the lab shard it came from. */
public record SyncRecord(String shardId, Map<String, String> fields) {

    public long seq() {
        return Long.parseLong(fields.getOrDefault("seq", "0"));
    }

    /** "full" or "partial". */
    public String type() {
        return fields.getOrDefault("type", "?");
    }

    /** "primary" (it served the sync) or "replica" (it received it). */
    public String side() {
        return fields.getOrDefault("side", "?");
    }

    public String cause() {
        return fields.getOrDefault("cause", "");
    }

    /** True when the sync completed ("ok"); failed attempts are recorded too. */
    public boolean succeeded() {
        return "ok".equals(fields.getOrDefault("outcome", "ok"));
    }

    public boolean isFull() {
        return "full".equalsIgnoreCase(type());
    }

    @Override
    public String toString() {
        return shardId + " " + side() + " " + type() + " sync (" + cause() + ")";
    }
}
