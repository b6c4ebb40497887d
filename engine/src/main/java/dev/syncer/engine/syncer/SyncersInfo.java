package dev.syncer.engine.syncer;

import dev.syncer.engine.server.InfoSection;

import java.util.List;
import java.util.function.Supplier;

/**
 * INFO's "# Syncers" section, installed on every shard of an Active-Active instance: one line per
 * syncer writing into this instance, {@code syncerN:id=shop:west->east,source=west,...} (see
 * {@link SyncerStatus#infoLine()}). Part of plain INFO.
 */
public final class SyncersInfo implements InfoSection {

    private final Supplier<List<SyncerStatus>> syncers;

    public SyncersInfo(Supplier<List<SyncerStatus>> syncers) {
        this.syncers = syncers;
    }

    @Override
    public String name() {
        return "Syncers";
    }

    @Override
    public boolean inDefault() {
        return true;
    }

    @Override
    public void write(InfoWriter out) {
        List<SyncerStatus> all = syncers.get();
        out.field("syncers", all.size());
        for (int i = 0; i < all.size(); i++) {
            out.field("syncer" + i, all.get(i).infoLine());
        }
    }
}
