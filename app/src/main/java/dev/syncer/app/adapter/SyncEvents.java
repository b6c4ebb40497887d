package dev.syncer.app.adapter;

import dev.syncer.app.monitor.InfoFields;
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
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads one SYNCEVENTS entry (its field/value pairs, read by field name) into the console's
 * {@link SyncReport}. Unknown extra fields are ignored; the older 12-field form, whose cause carried
 * its numbers in parentheses, reads the same.
 */
public final class SyncEvents {

    private SyncEvents() {
    }

    public static SyncReport from(InfoFields f, String reporterId, Function<String, Optional<String>> resolvePeer,
                                 Optional<String> operationId) {
        String rawPeer = f.get("peer", "");
        // A syncer names its source as "host:port (cluster)": resolve the address, keep the words.
        int paren = rawPeer.indexOf(" (");
        String peer = paren > 0 ? rawPeer.substring(0, paren) : rawPeer;
        SyncSide side = switch (f.get("side", "replica").toLowerCase(Locale.ROOT)) {
            case "primary" -> SyncSide.PRIMARY;
            case "syncer" -> SyncSide.SYNCER;
            default -> SyncSide.REPLICA;
        };
        long durationMs = f.getLong("duration_ms", 0);
        long startMs = f.getLong("time_ms", 0);
        return new SyncReport(
                f.getLong("seq", 0),
                Instant.ofEpochMilli(startMs + durationMs),
                reporterId,
                side,
                "full".equalsIgnoreCase(f.get("type")) ? SyncType.FULL : SyncType.PARTIAL,
                cause(f),
                detail(f),
                ShardInfos.syncerOf(peer).or(() -> resolvePeer.apply(peer)).orElse(peer),
                f.get("replid", ""),
                f.getLong("offset", 0),
                f.getLong("bytes", 0),
                Duration.ofMillis(durationMs),
                phases(f.get("phases", "")),
                f.get("outcome", "ok").startsWith("ok") ? SyncOutcome.OK : SyncOutcome.FAILED,
                operationId);
    }

    /** The cause word; the old form carried its numbers in parentheses after it. */
    static SyncCause cause(InfoFields f) {
        return SyncCause.fromWire(causeWord(f.get("cause", "")));
    }

    /**
     * The {@code detail} field; from the old form, the parenthesised numbers after the cause. A
     * cause word the console does not know is kept here, so an operator still reads it.
     */
    static String detail(InfoFields f) {
        String cause = f.get("cause", "").trim();
        String word = causeWord(cause);
        String detail = f.get("detail", "");
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
                phases.add(new SyncPhase(p.substring(0, colon).trim(), Duration.ofMillis(InfoFields.toLong(ms, 0))));
            }
        }
        return phases;
    }
}
