/**
 * Active-Active databases, the data side: the mode of a shard (setting
 * {@code active-active-origin}) in which client writes run in their conflict-free form and
 * propagate as {@code CRDT.APPLY} deltas; every other write command is refused.
 *
 * <h2>Reading order</h2>
 * <ol>
 *   <li>{@link dev.syncer.engine.activeactive.crdt}: the conflict-free core — clock, tags, key
 *   states and their join, the rules ({@code conflict-rules.md});</li>
 *   <li>{@link dev.syncer.engine.activeactive.ActiveActive}: how the mode attaches to a shard;</li>
 *   <li>{@link dev.syncer.engine.activeactive.Effect}: one command's effect, built as it runs and
 *   committed as a delta; the writes per type ({@code StringWrites}, {@code HashWrites},
 *   {@code SetWrites}, {@code ZSetWrites}, {@code ListWrites}, {@code KeyWrites});</li>
 *   <li>{@link dev.syncer.engine.activeactive.CrdtStore} and {@code ExpiryTombstones}: key states
 *   beside the keyspace, deleted keys' tombstones, expiry as a time-based tombstone;</li>
 *   <li>{@link dev.syncer.engine.activeactive.ApplyCommands}: {@code CRDT.APPLY} and
 *   {@code CRDT.MERGE}, how deltas and full states travel;</li>
 *   <li>{@link dev.syncer.engine.activeactive.SnapshotStates} and {@code SnapshotHooks}: the
 *   states an RDB carries (trailing aux fields {@code aa-states}, {@code aa-tombstones},
 *   {@code aa-backlog}), written by every A-A shard's full syncs and saves, attached by its
 *   replicas and merged by syncers;</li>
 *   <li>{@code ActiveActiveInfo}: INFO {@code # Active-Active}.</li>
 * </ol>
 * The syncer process that carries deltas between clusters is {@link dev.syncer.engine.syncer}.
 */
package dev.syncer.engine.activeactive;
