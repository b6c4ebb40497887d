/**
 * The embedded lab: clusters of nodes hosting shards in one JVM on loopback, database proxies that
 * follow the primary, per-link proxies where faults are injected, operations (failover, migration,
 * crash, restart, link faults) that report the syncs they caused, a write-load generator, and the
 * headless {@code syncer-lab.jar} launcher.
 */
package dev.syncer.engine.lab;
