/**
 * Serving replicas: REPLCONF / PSYNC / SYNC ({@link dev.syncer.engine.replication.primary.SyncCommands}),
 * the partial-or-full decision as a pure function ({@link dev.syncer.engine.replication.primary.PsyncDecision}),
 * full syncs from a point-in-time snapshot to a temp file or straight to sockets
 * ({@link dev.syncer.engine.replication.primary.FullSync}, {@code DiskDump}, {@code SocketDump}; Valkey 8's
 * dual-channel sync, the RDB on an rdb channel while the stream flows on the main one: {@code RdbChannelSync}), and the set
 * of connected replicas with their acknowledged offsets, output limits and timeouts
 * ({@link dev.syncer.engine.replication.primary.ReplicaSet}, {@link dev.syncer.engine.replication.primary.ReplicaLink}).
 */
package dev.syncer.engine.replication.primary;
