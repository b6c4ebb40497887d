/**
 * The contract between the console's views and whoever feeds them: plain Java interfaces and
 * immutable records, nothing of JavaFX.
 *
 * <p>The app implements these ports twice: over the embedded lab (shards that speak RESP plus a
 * lab API for start/stop/crash/cut link/migrate/write load) and over real Redis through Lettuce
 * ({@code INFO replication}, {@code ROLE}, {@code CONFIG SET}, {@code REPLICAOF},
 * {@code FAILOVER}). Everything a real Redis cannot report is optional or has a documented
 * "unknown" value, so an attached redis-server simply shows less.
 *
 * <ul>
 *   <li>{@link dev.syncer.views.model.port.TopologySource}: snapshots of clusters, nodes, shards
 *       (INFO replication, stats, memory, keyspace), databases, proxies and syncers, polled by the
 *       app on its own thread and pushed to the console.</li>
 *   <li>{@link dev.syncer.views.model.port.ConsoleEvents}: sync events and operation results as
 *       they happen.</li>
 *   <li>{@link dev.syncer.views.model.port.Operations}: what the operator can do, with a
 *       capability query and asynchronous execution with progress.</li>
 * </ul>
 *
 * <p>Identifiers ({@code String id}) are chosen by the app and must be stable for the lifetime of
 * the thing they name: the console keys its view-models by them, so a shard keeps its card, its
 * series and its place in the graph across snapshots. The lab uses names such as
 * {@code "c1/db1/s3"}; the Lettuce adapter uses {@code "host:port"}.
 */
package dev.syncer.views.model.port;
