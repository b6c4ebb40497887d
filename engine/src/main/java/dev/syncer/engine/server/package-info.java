/**
 * A shard as a server: its Netty bootstrap and event loop (the one thread that owns the keyspace),
 * client connections and sessions, settings (CONFIG), statistics and INFO.
 */
package dev.syncer.engine.server;
