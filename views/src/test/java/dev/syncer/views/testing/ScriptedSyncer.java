package dev.syncer.views.testing;

import dev.syncer.views.model.port.Checkpoint;
import dev.syncer.views.model.port.SyncerState;
import java.util.ArrayList;
import java.util.List;

/** A syncer's scripted state. */
public final class ScriptedSyncer {
    final String id;
    final String db;
    final String source;
    final String target;
    SyncerState state = SyncerState.IN_SYNC;
    long lagMillis = 12;
    long lagBytes;
    long baseLagBytes;
    long ingress;
    final List<Checkpoint> checkpoints = new ArrayList<>();

    ScriptedSyncer(String id, String db, String source, String target) {
        this.id = id;
        this.db = db;
        this.source = source;
        this.target = target;
    }

    public ScriptedSyncer state(SyncerState s) {
        state = s;
        return this;
    }

    public ScriptedSyncer lag(long bytes, long millis) {
        lagBytes = bytes;
        baseLagBytes = bytes;
        lagMillis = millis;
        return this;
    }
}
