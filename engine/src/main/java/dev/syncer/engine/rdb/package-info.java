/**
 * The RDB format, both ways: {@link dev.syncer.engine.rdb.RdbReader} loads what Redis 2.6 to 7.2
 * writes (RDB 1 to 11) into a fresh keyspace; {@link dev.syncer.engine.rdb.RdbWriter} writes RDB 10
 * as redis-server 7.0.15 does from a point-in-time snapshot; {@link dev.syncer.engine.rdb.DumpPayload}
 * is the single-value form DUMP and RESTORE use. Below them: lengths and strings (RdbInput /
 * RdbOutput), LZF, CRC64, and the compact blobs (listpack, ziplist, zipmap, intset), each decoded
 * with every header claim checked. Depends on {@code keyspace} only.
 */
package dev.syncer.engine.rdb;
