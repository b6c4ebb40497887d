/**
 * One shard's replication, whole: {@link dev.syncer.engine.replication.roles.Replication} builds the
 * primary side, the replica side and FAILOVER, hands each its context
 * ({@link dev.syncer.engine.replication.ReplicationContext} and the parts' narrower extensions),
 * and does the role changes (Redis's replicationSetMaster and replicationUnsetMaster). Beside it:
 * REPLICAOF / ROLE / WAIT / SYNCEVENTS ({@link dev.syncer.engine.replication.roles.ReplicationCommands}),
 * the replication INFO sections, the NOREPLICAS / MASTERDOWN gates and WAIT's waiters.
 * Only this package sees all parts; the parts see only the root package and, for FAILOVER, the
 * primary side's replica set.
 */
package dev.syncer.engine.replication.roles;
