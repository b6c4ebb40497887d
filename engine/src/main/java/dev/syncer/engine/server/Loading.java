package dev.syncer.engine.server;

/**
 * Whether a load is replacing the dataset, as Redis's server.loading / server.async_loading: INFO reports it and
 * commands are refused with -LOADING while it is {@link #LOADING} (only a few while {@link #ASYNC}).
 */
public enum Loading {
    NONE,
    /** The dataset is unavailable until the load ends (a disk-backed, on-empty-db, or new-history swapdb load). */
    LOADING,
    /** The old dataset keeps serving reads until the load, of the same history, is swapped in. */
    ASYNC
}
