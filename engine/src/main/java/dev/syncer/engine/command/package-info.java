/**
 * Redis's commands: the table (name, arity, flags, key positions), the dispatcher that checks,
 * runs and propagates them as Redis 7.0's {@code processCommand}/{@code call} do, and one small
 * class per family (keys, expiry, strings, SET, lists, hashes, sets, sorted sets, ranges, DEBUG)
 * with Redis's exact replies, errors and replication rewrites.
 */
package dev.syncer.engine.command;
