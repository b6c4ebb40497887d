/**
 * RDB persistence for a shard: SAVE, BGSAVE (a point-in-time snapshot written by a background
 * thread while the shard serves), LASTSAVE, the "save" rules, loading the dump at start-up (a
 * corrupt dump stops the shard from starting), saving on shutdown, INFO persistence, and DUMP /
 * RESTORE. Files are written atomically: temp file, fsync, rename, fsync of the directory.
 */
package dev.syncer.engine.persistence;
