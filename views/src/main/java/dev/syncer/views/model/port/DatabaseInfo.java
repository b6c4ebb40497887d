package dev.syncer.views.model.port;

import java.util.List;

/**
 * One dataset.
 *
 * @param activeActive        true when it has an instance in several clusters kept convergent by
 *                            syncers; false for a plain database (one primary tree)
 * @param proxies             one per cluster the database lives in
 * @param writeLoadOpsPerSec  the lab's write load on this database, 0 when none runs (always 0
 *                            over real Redis)
 */
public record DatabaseInfo(String id, String name, boolean activeActive, List<ProxyInfo> proxies,
                           int writeLoadOpsPerSec) {

    public DatabaseInfo {
        proxies = List.copyOf(proxies);
    }
}
