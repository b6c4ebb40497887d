/**
 * Real Redis 7.0 replication for a shard, in both roles, interoperating with redis-server.
 *
 * <h2>Reading order</h2>
 * <ol>
 *   <li>{@link dev.syncer.engine.replication.ReplicationId} and
 *   {@link dev.syncer.engine.replication.ReplicationHistory}: what a replid is, and which
 *   histories (replid, replid2 and a few older ones) a shard can continue;</li>
 *   <li>{@link dev.syncer.engine.replication.Backlog} and
 *   {@link dev.syncer.engine.replication.ReplicationStream}: the byte stream with its offsets, kept
 *   once in blocks that the backlog and every replica share, each replica holding a
 *   {@link dev.syncer.engine.replication.ReplBufReference} to where it stands;</li>
 *   <li>{@link dev.syncer.engine.replication.primary}: serving replicas — PSYNC's decision, full
 *   syncs to disk or sockets, the replica set;</li>
 *   <li>{@link dev.syncer.engine.replication.replica}: being one — the handshake state machine,
 *   the RDB transfer, applying and relaying the stream;</li>
 *   <li>{@link dev.syncer.engine.replication.failover}: FAILOVER;</li>
 *   <li>{@link dev.syncer.engine.replication.roles}: the whole, wiring the parts — how it attaches
 *   to a shard, role changes (REPLICAOF, promotion), the commands and INFO sections over them.</li>
 * </ol>
 *
 * <h2>Commands</h2>
 * REPLCONF, PSYNC, SYNC, REPLICAOF / SLAVEOF, ROLE, WAIT, FAILOVER, with Redis 7.0's replies and
 * errors; settings by Redis's names (repl-*, min-replicas-*, replica-*, client-output-buffer-limit).
 * INFO replication matches redis-server's fields; INFO stats gains sync_full, sync_partial_ok and
 * sync_partial_err.
 *
 * <h2>Sync events (beyond Redis)</h2>
 * Every full or partial sync either side takes part in is kept (the last 512) and readable over
 * RESP, so the console's timeline works the same for every shard (a real redis-server simply has
 * none):
 * <pre>
 * SYNCEVENTS [SINCE &lt;seq&gt;] [COUNT &lt;n&gt;]
 * </pre>
 * returns the events with a sequence number above SINCE (default 0), oldest first, at most COUNT
 * (default 100). Each event is a flat array of 13 field/value pairs, always in this order:
 * <table>
 *   <caption>SYNCEVENTS fields</caption>
 *   <tr><th>field</th><th>RESP type</th><th>meaning</th></tr>
 *   <tr><td>seq</td><td>integer</td><td>increasing number, for SINCE</td></tr>
 *   <tr><td>time_ms</td><td>integer</td><td>when the sync started, unix ms</td></tr>
 *   <tr><td>side</td><td>bulk</td><td>{@code primary} (we served it), {@code replica} (we received it)
 *   or {@code syncer} (an Active-Active syncer wrote it into this shard)</td></tr>
 *   <tr><td>type</td><td>bulk</td><td>{@code full} or {@code partial}</td></tr>
 *   <tr><td>cause</td><td>bulk</td><td>one word of a closed vocabulary
 *   ({@link dev.syncer.engine.replication.SyncCause}), the table below</td></tr>
 *   <tr><td>detail</td><td>bulk</td><td>the cause's particulars, empty when none: for
 *   {@code offset-out-of-backlog} {@code requested 843414, backlog 1..843413}; for
 *   {@code partial-refused} {@code after failover}</td></tr>
 *   <tr><td>peer</td><td>bulk</td><td>the other end, host:port (a replica's listening port)</td></tr>
 *   <tr><td>replid</td><td>bulk</td><td>the replication ID synced to</td></tr>
 *   <tr><td>offset</td><td>integer</td><td>FULLRESYNC's offset, or the first byte of a partial sync</td></tr>
 *   <tr><td>bytes</td><td>integer</td><td>RDB bytes moved, or backlog bytes sent</td></tr>
 *   <tr><td>duration_ms</td><td>integer</td><td>start to the first streamed byte, or to the failure</td></tr>
 *   <tr><td>phases</td><td>bulk</td><td>e.g. {@code connect:1ms,handshake:2ms,psync:0ms,transfer:40ms,load:13ms}
 *   (replica) or {@code psync:0ms,wait-bgsave:0ms,transfer:35ms,wait-ack:14ms} (primary)</td></tr>
 *   <tr><td>outcome</td><td>bulk</td><td>{@code ok}, or {@code failed: <reason>}</td></tr>
 * </table>
 * <table>
 *   <caption>SYNCEVENTS causes</caption>
 *   <tr><th>side</th><th>cause</th><th>when</th></tr>
 *   <tr><td>primary</td><td>{@code new-replica}</td><td>PSYNC ? -1 or SYNC: the replica has no history</td></tr>
 *   <tr><td>primary</td><td>{@code unknown-replid}</td><td>the replica's replid is not one we can continue</td></tr>
 *   <tr><td>primary</td><td>{@code offset-out-of-backlog}</td><td>the bytes it lacks are not in the backlog</td></tr>
 *   <tr><td>primary</td><td>{@code offset-beyond-history}</td><td>a past replid, asked beyond where we left it</td></tr>
 *   <tr><td>primary</td><td>{@code no-backlog}</td><td>we have no backlog</td></tr>
 *   <tr><td>primary</td><td>{@code reconnect}</td><td>partial sync accepted</td></tr>
 *   <tr><td>primary, replica, syncer</td><td>{@code failover}</td><td>FAILOVER moved the primary role
 *   (PSYNC ... FAILOVER; a demoted primary; a syncer's source failed over)</td></tr>
 *   <tr><td>replica, syncer</td><td>{@code startup}</td><td>configured at start (replicaof; a syncer without checkpoint)</td></tr>
 *   <tr><td>replica</td><td>{@code manual-replicaof}</td><td>REPLICAOF / SLAVEOF</td></tr>
 *   <tr><td>replica, syncer</td><td>{@code link-drop}</td><td>the connection to the primary (source) was lost</td></tr>
 *   <tr><td>replica</td><td>{@code restart-from-rdb}</td><td>restarted from an RDB recording its position</td></tr>
 *   <tr><td>replica</td><td>{@code diverged}</td><td>a command from the primary could not be applied: the link
 *   stopped there (outcome {@code failed: diverged}, detail names the command, offset and error) and
 *   stays down until REPLICAOF; INFO replication shows {@code master_link_diverged:1}</td></tr>
 *   <tr><td>syncer</td><td>{@code restart}</td><td>a syncer restarted with its checkpoint</td></tr>
 *   <tr><td>syncer</td><td>{@code local-failover}</td><td>the local primary failed over or refused its writes</td></tr>
 *   <tr><td>syncer</td><td>{@code partial-refused}</td><td>the source refused a partial sync from the checkpoint</td></tr>
 * </table>
 * {@code INFO sync} (not part of plain INFO) shows the syncs in progress:
 * {@code syncN:side=..,type=..,peer=..,phase=..,bytes=..,total=..,perc=..,elapsed_ms=..}.
 *
 * <h2>Threading</h2>
 * All state is confined to the shard's event loop. Snapshots are written and received RDBs are
 * loaded on background threads, which hand their results back to the loop.
 */
package dev.syncer.engine.replication;
