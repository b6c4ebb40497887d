/**
 * The engine: Redis-compatible shards on Netty and everything they do — RESP ({@code resp}), data
 * ({@code keyspace}), commands ({@code command}), connections ({@code server}), snapshots
 * ({@code rdb}), replication, the Active-Active syncer and the lab. No JavaFX here.
 * {@link dev.syncer.engine.Shards} assembles a complete shard; {@link dev.syncer.engine.NodeMain}
 * launches one.
 */
package dev.syncer.engine;
