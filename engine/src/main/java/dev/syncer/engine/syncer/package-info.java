/**
 * Active-Active syncers: the process that carries one source cluster's writes of a database into
 * the local cluster's instance. The data they carry (deltas, key states, the join) is
 * {@link dev.syncer.engine.activeactive}.
 *
 * <h2>Reading order</h2>
 * <ol>
 *   <li>{@link dev.syncer.engine.syncer.Syncer}: connect, PSYNC, full or partial sync, stream,
 *   failures and backoff;</li>
 *   <li>{@link dev.syncer.engine.syncer.Checkpoints}: the (replid, offset) history it resumes from;</li>
 *   <li>{@link dev.syncer.engine.syncer.SourceStream} and {@link dev.syncer.engine.syncer.LocalSink}:
 *   the followed stream and its offsets, and the pipelined writes into the local primary (one
 *   buffer per read of the source, flushed at its end or at 64 KB; {@code InFlight}: what awaits a reply);</li>
 *   <li>{@link dev.syncer.engine.syncer.SyncerStatus}, {@code SyncerPhase}, {@code SyncersInfo}:
 *   what INFO {@code # Syncers} shows.</li>
 * </ol>
 *
 * <h2>The syncer</h2>
 * {@link dev.syncer.engine.syncer.Syncer} (one per database and ordered pair of clusters) PSYNCs
 * from the source cluster's primary (in the lab through its link proxy) like a replica, forwards
 * the source's own {@code CRDT.APPLY}s into the local primary
 * ({@link dev.syncer.engine.syncer.LocalSink}), keeps a history of (replid, offset) checkpoints in
 * a file ({@link dev.syncer.engine.syncer.Checkpoints}),
 * and on a full sync merges the states the source's RDB carries
 * ({@link dev.syncer.engine.activeactive.SnapshotStates}: trailing aux fields {@code aa-states},
 * {@code aa-tombstones}, {@code aa-backlog}; {@link dev.syncer.engine.activeactive.SnapshotHooks} makes
 * every A-A shard's full syncs and saves write them, and its replicas attach them).
 *
 * <p>Status over RESP: INFO section {@code # Syncers} on every shard of an A-A instance (lab):
 * <pre>
 * syncers:2
 * syncer0:id=shop:west-&gt;east,source=west,target=east,state=in-sync,phase=syncing stream,lag_ms=3,
 *         lag_bytes=0,ingress_bytes=123,offset=4567,last_sync=partial,last_cause=failover,
 *         full_syncs=1,partial_syncs=2,checkpoints=&lt;replid&gt;@&lt;offset&gt;;&lt;older replid&gt;@&lt;offset&gt;
 * </pre>
 * (one line each; fields in {@link dev.syncer.engine.syncer.SyncerStatus}). Each sync a syncer
 * makes is logged in the target instance's primary's {@code SYNCEVENTS} with side {@code syncer},
 * type full/partial, a cause of the syncer side of the vocabulary in
 * {@link dev.syncer.engine.replication} ({@code partial-refused} with detail {@code after <cause>}),
 * peer {@code host:port (source)}, bytes, duration and phases ({@code connect,handshake,psync,transfer,load,merge,stream}).
 *
 * <p>The syncer builds on
 * {@link dev.syncer.engine.activeactive.ActiveActive#originOf} (forward only the source cluster's own
 * deltas), {@code CRDT.APPLY} through the local primary's dispatcher, and
 * {@link dev.syncer.engine.activeactive.ActiveActive#encodeState} /
 * {@link dev.syncer.engine.activeactive.ActiveActive#mergeState} (or {@code CRDT.MERGE}) for full syncs.
 * The conflict rules live with the CRDT core in {@code activeactive.crdt} ({@code conflict-rules.md}).
 */
package dev.syncer.engine.syncer;
