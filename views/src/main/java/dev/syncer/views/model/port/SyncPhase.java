package dev.syncer.views.model.port;

import java.time.Duration;

/** One named step of a sync ("hand shaking", "bgsave", "transfer", "loading rdb") and how long it took. */
public record SyncPhase(String name, Duration duration) {
}
