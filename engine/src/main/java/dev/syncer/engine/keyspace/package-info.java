/**
 * The data: 16 databases of keys and typed values with expiry, and point-in-time snapshots taken
 * without stopping writes (segment copy plus copy-on-write values). Pure data: no Netty, no I/O.
 */
package dev.syncer.engine.keyspace;
