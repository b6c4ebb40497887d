package dev.syncer.app.adapter;

import dev.syncer.views.model.port.SyncEvent;
import dev.syncer.views.model.port.SyncOutcome;
import dev.syncer.views.model.port.SyncPhase;
import dev.syncer.views.model.port.SyncSide;
import dev.syncer.views.model.port.SyncType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Reads one SYNCEVENTS entry (a field/value map) into the console's {@link SyncEvent}. */
public final class SyncEvents {

    private SyncEvents() {
    }

    public static SyncEvent from(Map<String, String> f, String reporterId, Function<String, Optional<String>> resolvePeer,
                                 Optional<String> operationId) {
        String rawPeer = f.getOrDefault("peer", "");
        // A syncer names its source as "host:port (cluster)": resolve the address, keep the words.
        int paren = rawPeer.indexOf(" (");
        String peer = paren > 0 ? rawPeer.substring(0, paren) : rawPeer;
        SyncSide side = switch (f.getOrDefault("side", "replica").toLowerCase(Locale.ROOT)) {
            case "primary" -> SyncSide.PRIMARY;
            case "syncer" -> SyncSide.SYNCER;
            default -> SyncSide.REPLICA;
        };
        long durationMs = ShardInfos.parseLong(f.get("duration_ms"));
        long startMs = ShardInfos.parseLong(f.get("time_ms"));
        return new SyncEvent(
                ShardInfos.parseLong(f.get("seq")),
                Instant.ofEpochMilli(startMs + durationMs),
                reporterId,
                side,
                "full".equalsIgnoreCase(f.get("type")) ? SyncType.FULL : SyncType.PARTIAL,
                f.getOrDefault("cause", ""),
                ShardInfos.syncerOf(peer).or(() -> resolvePeer.apply(peer)).orElse(peer),
                f.getOrDefault("replid", ""),
                ShardInfos.parseLong(f.get("offset")),
                ShardInfos.parseLong(f.get("bytes")),
                Duration.ofMillis(durationMs),
                phases(f.getOrDefault("phases", "")),
                f.getOrDefault("outcome", "ok").startsWith("ok") ? SyncOutcome.OK : SyncOutcome.FAILED,
                operationId);
    }

    /** "connect:1ms,handshake:2ms" into phases. */
    static List<SyncPhase> phases(String text) {
        List<SyncPhase> phases = new ArrayList<>();
        for (String p : text.split(",")) {
            int colon = p.lastIndexOf(':');
            if (colon > 0) {
                String ms = p.substring(colon + 1).replace("ms", "").trim();
                phases.add(new SyncPhase(p.substring(0, colon).trim(), Duration.ofMillis(ShardInfos.parseLong(ms))));
            }
        }
        return phases;
    }
}
