/**
 * Active-Active databases: the mode of a shard ({@link dev.syncer.engine.syncer.ActiveActive},
 * setting {@code active-active-origin}) in which client writes run in their conflict-free form
 * and propagate as {@code CRDT.APPLY} deltas; the store that joins deltas into the keyspace and
 * keeps deleted keys' tombstones; the commands deltas and full states travel as; and expiry as a
 * time-based tombstone. The network syncer (PSYNC source, checkpoints, sink) builds on this.
 * The conflict rules live with the CRDT core in {@code syncer.crdt}.
 */
package dev.syncer.engine.syncer;
