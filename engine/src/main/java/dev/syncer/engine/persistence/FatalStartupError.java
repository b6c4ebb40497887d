package dev.syncer.engine.persistence;

/**
 * The dataset on disk cannot be loaded, so the shard must not start (Redis exits with 1). The
 * message is the reason in Redis's words, not yet logged: a launcher logs it as its last line
 * (scripts such as Redis's own test suite tail the log for it, or count it, so it appears once).
 */
public final class FatalStartupError extends IllegalStateException {

    public FatalStartupError(String reason, Throwable cause) {
        super(reason, cause);
    }
}
