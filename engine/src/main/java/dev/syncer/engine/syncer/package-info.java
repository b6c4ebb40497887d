/**
 * Active-Active databases, the shard side: the mode of a shard
 * ({@link dev.syncer.engine.syncer.ActiveActive}, setting {@code active-active-origin}) in which
 * client writes run in their conflict-free form and propagate as {@code CRDT.APPLY} deltas
 * ({@code StringWrites}, {@code HashWrites}, {@code SetWrites}, {@code ZSetWrites},
 * {@code ListWrites}, {@code KeyWrites}; every other write command is refused); the store that
 * joins deltas into the keyspace and keeps deleted keys' tombstones ({@code CrdtStore}); the
 * commands deltas and full states travel as ({@code CRDT.APPLY}, {@code CRDT.MERGE}); expiry as a
 * time-based tombstone; the INFO section.
 *
 * <p>The network syncer (PSYNC source, checkpoints, sink) builds on
 * {@link dev.syncer.engine.syncer.ActiveActive#originOf} (forward only the source cluster's own
 * deltas), {@code CRDT.APPLY} through the local primary's dispatcher, and
 * {@link dev.syncer.engine.syncer.ActiveActive#encodeState} /
 * {@link dev.syncer.engine.syncer.ActiveActive#mergeState} (or {@code CRDT.MERGE}) for full syncs.
 * The conflict rules live with the CRDT core in {@code syncer.crdt} ({@code conflict-rules.md}).
 */
package dev.syncer.engine.syncer;
