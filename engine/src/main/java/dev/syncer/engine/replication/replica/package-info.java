/**
 * Being a replica: the link to the primary as an explicit state machine
 * ({@link dev.syncer.engine.replication.replica.ReplState}, {@link dev.syncer.engine.replication.replica.Handshake},
 * {@link dev.syncer.engine.replication.replica.PrimaryLink}), with Netty handlers swapped per phase: reply
 * lines, the RDB payload into a temp file (both framings), then the command stream, applied through the
 * dispatcher as a MASTER client, counted into the offset and relayed unchanged to our own replicas
 * ({@code PrimaryClient}, {@code StreamApplier}). A dual-channel full sync (Valkey 8) takes the RDB over a
 * second connection ({@code RdbChannel}) while the main one holds the stream ({@code StreamBuffer}) until it is loaded.
 */
package dev.syncer.engine.replication.replica;
