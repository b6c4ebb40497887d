/**
 * RDB snapshots: reading files and replication payloads written by Redis, and writing what
 * redis-server 7.0 writes. Depends only on the keyspace.
 */
package dev.syncer.engine.rdb;
