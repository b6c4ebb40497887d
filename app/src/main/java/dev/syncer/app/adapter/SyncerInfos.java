package dev.syncer.app.adapter;

import dev.syncer.app.monitor.InfoFields;
import dev.syncer.views.model.port.Checkpoint;
import dev.syncer.views.model.port.SyncType;
import dev.syncer.views.model.port.SyncerInfo;
import dev.syncer.views.model.port.SyncerState;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Reads the {@code # Syncers} INFO section our Active-Active shards carry into the console's records. */
public final class SyncerInfos {

    private SyncerInfos() {
    }

    /** Every {@code syncerN:} line of an INFO reply. */
    public static List<SyncerInfo> from(InfoFields info) {
        List<SyncerInfo> out = new ArrayList<>();
        for (int i = 0; info.has("syncer" + i); i++) {
            InfoFields p = InfoFields.parts(info.get("syncer" + i));
            String id = p.get("id", "?");
            String database = id.contains(":") ? id.substring(0, id.indexOf(':')) : id;
            SyncerState state = switch (p.get("state", "")) {
                case "in-sync" -> SyncerState.IN_SYNC;
                case "syncing" -> SyncerState.SYNCING;
                default -> SyncerState.OUT_OF_SYNC;
            };
            String last = p.get("last_sync", "");
            Optional<SyncType> lastType = switch (last) {
                case "full" -> Optional.of(SyncType.FULL);
                case "partial" -> Optional.of(SyncType.PARTIAL);
                default -> Optional.empty();
            };
            out.add(new SyncerInfo(id, database, p.get("source", ""), p.get("target", ""), state,
                    p.get("phase", ""), p.getLong("lag_ms", 0), p.getLong("lag_bytes", 0), p.getLong("ingress_bytes", 0),
                    lastType, p.get("last_cause", ""), checkpoints(p.get("checkpoints", ""))));
        }
        return out;
    }

    /** "replid@offset;older@offset" (newest first) into checkpoints oldest first. */
    static List<Checkpoint> checkpoints(String text) {
        List<Checkpoint> out = new ArrayList<>();
        for (String c : text.split(";")) {
            int at = c.lastIndexOf('@');
            if (at > 0) {
                out.add(new Checkpoint(c.substring(0, at), InfoFields.toLong(c.substring(at + 1), 0)));
            }
        }
        Collections.reverse(out);
        return out;
    }

    /**
     * The id of the syncer that reported a sync event: its peer reads {@code host:port (source)}
     * and the event was logged in the target cluster.
     */
    public static String reporterOf(String peer, String database, String targetCluster) {
        int open = peer.lastIndexOf('(');
        int close = peer.lastIndexOf(')');
        String source = open >= 0 && close > open ? peer.substring(open + 1, close) : "?";
        return database + ":" + source + "->" + targetCluster;
    }
}
