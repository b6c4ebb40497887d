package dev.syncer.app.adapter;

import dev.syncer.views.model.port.SyncCause;
import dev.syncer.views.model.port.SyncOutcome;
import dev.syncer.views.model.port.SyncPhase;
import dev.syncer.views.model.port.SyncReport;
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

/**
 * Reads one SYNCEVENTS entry (a field/value map, read by field name) into the console's
 * {@link SyncReport}. Unknown extra fields are ignored; the older 12-field form, whose cause carried
 * its numbers in parentheses, reads the same.
 */
public final class SyncEvents {

    private SyncEvents() {
    }

    public static SyncReport from(Map<String, String> f, String reporterId, Function<String, Optional<String>> resolvePeer,
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
        return new SyncReport(
                ShardInfos.parseLong(f.get("seq")),
                Instant.ofEpochMilli(startMs + durationMs),
                reporterId,
                side,
                "full".equalsIgnoreCase(f.get("type")) ? SyncType.FULL : SyncType.PARTIAL,
                cause(f),
                detail(f),
                ShardInfos.syncerOf(peer).or(() -> resolvePeer.apply(peer)).orElse(peer),
                f.getOrDefault("replid", ""),
                ShardInfos.parseLong(f.get("offset")),
                ShardInfos.parseLong(f.get("bytes")),
                Duration.ofMillis(durationMs),
                phases(f.getOrDefault("phases", "")),
                f.getOrDefault("outcome", "ok").startsWith("ok") ? SyncOutcome.OK : SyncOutcome.FAILED,
                operationId);
    }

    /** The cause word; the old form carried its numbers in parentheses after it. */
    static SyncCause cause(Map<String, String> f) {
        return SyncCause.fromWire(causeWord(f.getOrDefault("cause", "")));
    }

    /**
     * The {@code detail} field; from the old form, the parenthesised numbers after the cause. A
     * cause word the console does not know is kept here, so an operator still reads it.
     */
    static String detail(Map<String, String> f) {
        String cause = f.getOrDefault("cause", "").trim();
        String word = causeWord(cause);
        String detail = f.getOrDefault("detail", "");
        if (detail.isEmpty() && cause.length() > word.length()) {
            detail = cause.substring(word.length()).trim().replaceAll("^\\((.*)\\)$", "$1");
        }
        if (SyncCause.fromWire(word) == SyncCause.OTHER && !word.isEmpty()) {
            detail = detail.isEmpty() ? word : word + ": " + detail;
        }
        return detail;
    }

    private static String causeWord(String cause) {
        String c = cause.trim();
        int paren = c.indexOf(" (");
        return paren > 0 ? c.substring(0, paren) : c;
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
