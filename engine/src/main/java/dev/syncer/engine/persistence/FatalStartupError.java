package dev.syncer.engine.persistence;

/**
 * The dataset on disk cannot be loaded, so the shard must not start (Redis exits with 1). The
 * reason is already in the log, once, in Redis's words — scripts such as Redis's own test suite
 * count those lines — so a launcher ends quietly on it instead of printing it again.
 */
public final class FatalStartupError extends IllegalStateException {

    public FatalStartupError(String message, Throwable cause) {
        super(message, cause);
    }
}
