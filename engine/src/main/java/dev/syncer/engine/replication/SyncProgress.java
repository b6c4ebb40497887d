package dev.syncer.engine.replication;

import java.util.ArrayList;
import java.util.List;

/**
 * A sync in progress, on either side: which phase it is in, how many bytes of how many moved.
 * It becomes a {@link SyncEvent} when it ends. Loop-confined; INFO's "# Sync" section reads it.
 */
public final class SyncProgress {

    private final String side;
    private final String peer;
    private final long startMs;
    private String type = "full";
    private SyncCause cause;
    private String detail = "";
    private String replid = "";
    private long offset = -1;
    private long bytesTotal = -1;
    private long bytesDone;
    private String phase;
    private long phaseStartMs;
    private final List<SyncEvent.Phase> phases = new ArrayList<>();

    public SyncProgress(String side, SyncCause cause, String peer, long nowMs) {
        this.side = side;
        this.cause = cause;
        this.peer = peer;
        this.startMs = nowMs;
    }

    /** Ends the current phase (if any) and starts the named one. */
    public void phase(String name, long nowMs) {
        closePhase(nowMs);
        phase = name;
        phaseStartMs = nowMs;
    }

    private void closePhase(long nowMs) {
        if (phase != null) {
            phases.add(new SyncEvent.Phase(phase, nowMs - phaseStartMs));
            phase = null;
        }
    }

    public void type(String type) {
        this.type = type;
    }

    public void cause(SyncCause cause) {
        this.cause = cause;
    }

    /** The particulars of the cause (numbers, what led to it); empty when none. */
    public void detail(String detail) {
        this.detail = detail;
    }

    public void target(String replid, long offset) {
        this.replid = replid;
        this.offset = offset;
    }

    /** Total payload bytes, -1 while unknown (EOF framing). */
    public void bytesTotal(long total) {
        this.bytesTotal = total;
    }

    public void addBytes(long n) {
        bytesDone += n;
    }

    public String side() {
        return side;
    }

    public String peer() {
        return peer;
    }

    public String type() {
        return type;
    }

    public String phase() {
        return phase == null ? "" : phase;
    }

    public long bytesDone() {
        return bytesDone;
    }

    public long bytesTotal() {
        return bytesTotal;
    }

    public long elapsedMs(long nowMs) {
        return nowMs - startMs;
    }

    /** The finished sync, to be appended to the log. */
    public SyncEvent finish(long seq, String outcome, long nowMs) {
        closePhase(nowMs);
        return new SyncEvent(seq, startMs, side, type, cause, detail, peer, replid, offset, bytesDone, nowMs - startMs,
                List.copyOf(phases), outcome);
    }
}
