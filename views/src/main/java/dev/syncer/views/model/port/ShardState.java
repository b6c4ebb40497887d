package dev.syncer.views.model.port;

import java.util.Locale;

/** Whether a shard process is there to answer. */
public enum ShardState {
    /** Answers commands; its INFO fields are current. */
    RUNNING,
    /** Loading its dataset after a start (INFO {@code loading:1}). */
    LOADING,
    /** Shut down on purpose (lab) — its INFO fields are the last ones seen. */
    STOPPED,
    /** Killed without a shutdown (lab) — its INFO fields are the last ones seen. */
    CRASHED,
    /** The adapter cannot reach it (connection refused, timeout); the fields are the last seen. */
    UNREACHABLE;

    /** The state in an operator's words: "running", "crashed"… */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when the shard can serve or take part in a sync right now. */
    public boolean isUp() {
        return this == RUNNING || this == LOADING;
    }
}
