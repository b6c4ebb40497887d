/**
 * The conflict-free core of Active-Active databases: pure data, no shard, no I/O.
 *
 * <p>A hybrid logical clock ({@link dev.syncer.engine.activeactive.crdt.Hlc}) tags every write with a
 * {@link dev.syncer.engine.activeactive.crdt.Tag} (timestamp, origin cluster; ties broken by cluster
 * id). Each key has a {@link dev.syncer.engine.activeactive.crdt.KeyState}, a join-semilattice: per
 * element (the string, a hash field, a set or sorted-set member, the whole list, the TTL) the
 * latest register write of each origin and the observed removals of writes as a version vector,
 * and for counters each origin's running total ({@link dev.syncer.engine.activeactive.crdt.Counter}) and
 * the totals removals observed; per key the key-level removals (kept as a tombstone after the key
 * is gone) and the time-based expiry tombstone. A command's effect is a small state too, a
 * {@link dev.syncer.engine.activeactive.crdt.Delta}; applying it is the join — commutative,
 * associative, idempotent — so the same delta delivered twice changes nothing.
 *
 * <p>The rules, as the README quotes them:
 * <ul>
 *   <li>Strings: last write wins on the HLC, ties broken by the cluster id. INCR, DECR, INCRBY,
 *   DECRBY merge as counters (concurrent increments add up; a SET resets the increments it
 *   observed, concurrent ones add up on top of it). INCRBYFLOAT, APPEND and SETRANGE are register
 *   writes of their result.</li>
 *   <li>Hashes: per-field last write wins; HINCRBY a per-field counter; HINCRBYFLOAT a register write.</li>
 *   <li>Sets: add wins (observed-remove).</li>
 *   <li>Sorted sets: members add-win; a member's score is last-write-wins; ZINCRBY a counter.</li>
 *   <li>Lists: last write wins per key — every write carries the whole resulting list.</li>
 *   <li>Deletes (DEL, UNLINK, HDEL, SREM, ZREM, SPOP, ZPOP*, emptying a key) remove only what
 *   they observed: a delete concurrent with an update loses to the update.</li>
 *   <li>Expiry: the TTL is a key-level last-write-wins register (EXPIRE family, PERSIST, SET's
 *   TTL); when a key expires, every register write not later than the expiry instant is removed (a
 *   time-based tombstone), so every cluster removes the same writes whatever order they arrived in;
 *   counters lose the increments the expiring cluster had seen.</li>
 *   <li>Commands whose effect cannot be merged (RENAME, FLUSHDB, FLUSHALL, SWAPDB, MOVE, COPY,
 *   RESTORE, *STORE, blocking pops, scripts...) are refused in an Active-Active database.</li>
 * </ul>
 * The full text, with the reasons and edge cases, is {@code conflict-rules.md} next to this file.
 *
 * <p>Wire forms: {@link dev.syncer.engine.activeactive.crdt.DeltaCodec} (the delta inside
 * {@code CRDT.APPLY}) and {@link dev.syncer.engine.activeactive.crdt.StateCodec} (a complete key state,
 * for full syncs and persistence), both versioned, binary-safe and strict.
 */
package dev.syncer.engine.activeactive.crdt;
