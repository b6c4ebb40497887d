/**
 * FAILOVER (Redis 7.0's coordinated switchover) as a script of named steps with a visible state:
 * pause writes, wait for the target to catch up, demote and PSYNC with the FAILOVER flag so the
 * target promotes itself, then resume.
 */
package dev.syncer.engine.replication.failover;
