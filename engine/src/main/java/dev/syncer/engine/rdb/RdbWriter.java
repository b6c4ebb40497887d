package dev.syncer.engine.rdb;

import dev.syncer.engine.keyspace.Database;
import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.keyspace.Snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes RDB version 10 exactly as redis-server 7.0.15's {@code rdbSaveRio} lays it out:
 * <pre>
 * "REDIS0010"
 * AUX redis-ver 7.0.15, redis-bits 64, ctime, used-mem, [the caller's: repl-stream-db, repl-id, repl-offset ...], aof-base 0
 * FUNCTION2 library-source*                      (when given)
 * per non-empty database: SELECTDB n, RESIZEDB keys keys-with-ttl, ([EXPIRETIME_MS ms] type key value)*
 * [AUX name value]*                              (an {@link RdbExtension}'s trailing fields, when given)
 * EOF, CRC64 (8 bytes LE; 0 with rdbchecksum no)
 * </pre>
 * Values use the encodings Redis 7.0 holds them in under its defaults (see {@link ValueEncoder}).
 * It reads a point-in-time {@link Snapshot} on the calling thread and streams to any OutputStream,
 * buffering itself; the stream is flushed, not closed.
 */
public final class RdbWriter {

    public static final int VERSION = 10;
    public static final String REDIS_VERSION = "7.0.15";
    private static final List<String> LEADING_AUX = List.of("redis-ver", "redis-bits", "ctime", "used-mem");

    private final OutputStream out;
    private boolean compression = true;
    private boolean checksum = true;
    private int listFill = Quicklist.DEFAULT_FILL;
    private long keySaveDelayNanos;
    private long bytesWritten;
    private volatile long keysWritten;
    private volatile boolean cancelled;
    private RdbExtension extension;

    public RdbWriter(OutputStream out) {
        this.out = out;
    }

    /** rdbcompression: LZF for strings over 20 bytes (default yes). */
    public RdbWriter compression(boolean enabled) {
        this.compression = enabled;
        return this;
    }

    /** list-max-listpack-size: how lists are cut into quicklist nodes (default -2, 8 KB). */
    public RdbWriter listFill(int fill) {
        this.listFill = fill;
        return this;
    }

    /** rdbchecksum: with no, the trailer is 8 zero bytes, which loaders accept unchecked (default yes). */
    public RdbWriter checksum(boolean enabled) {
        this.checksum = enabled;
        return this;
    }

    /** rdb-key-save-delay: sleep this long after each key (Redis's testing knob to slow a save down). */
    public RdbWriter keySaveDelayMicros(long micros) {
        this.keySaveDelayNanos = Math.max(0, micros) * 1000;
        return this;
    }

    /** Adds a component's per-key data and trailing aux fields (see {@link RdbExtension}); null for none. */
    public RdbWriter extension(RdbExtension ext) {
        this.extension = ext;
        return this;
    }

    /** Bytes of the last completed write. */
    public long bytesWritten() {
        return bytesWritten;
    }

    /** Keys written so far by the write in progress (updated every 1024 keys; any thread). */
    public long keysWritten() {
        return keysWritten;
    }

    /** Makes a write in progress on another thread stop at the next key with an InterruptedIOException. */
    public void cancel() {
        cancelled = true;
    }

    /** The databases a write reads: a snapshot (any thread) or a live keyspace (its own thread). */
    private interface Source {
        int databaseCount();

        long size(int db);

        long expiresSize(int db);

        void visit(int db, Database.EntryVisitor visitor) throws InterruptedException;
    }

    /**
     * Writes the snapshot as a complete RDB (header, aux fields, databases, EOF, CRC64). Runs on any
     * thread; {@code aux} adds to the standard aux fields (e.g. "repl-id", "repl-offset",
     * "repl-stream-db"), in order.
     */
    public void write(Snapshot snapshot, Map<String, String> aux) throws IOException, InterruptedException {
        write(snapshot, aux, List.of());
    }

    /**
     * As {@link #write(Snapshot, Map)}, also writing Redis Function libraries (their sources, as
     * {@link RdbFile#functions()} returns them) so that a loaded file's functions survive a save.
     * An aux entry named like a standard one (redis-ver, redis-bits, ctime, used-mem, aof-base)
     * replaces its value in place.
     */
    public void write(Snapshot snapshot, Map<String, String> aux, List<byte[]> functions)
            throws IOException, InterruptedException {
        write(new Source() {
            @Override
            public int databaseCount() {
                return snapshot.databaseCount();
            }

            @Override
            public long size(int db) {
                return snapshot.size(db);
            }

            @Override
            public long expiresSize(int db) {
                return snapshot.expiresSize(db);
            }

            @Override
            public void visit(int db, Database.EntryVisitor visitor) throws InterruptedException {
                snapshot.visit(db, visitor);
            }
        }, aux, functions);
    }

    /**
     * Writes a live keyspace, on the thread that owns it, which is blocked meanwhile (SAVE). No
     * copy is made, so this is the fastest way to write when the shard may stop serving.
     */
    public void write(Keyspace keyspace, Map<String, String> aux, List<byte[]> functions) throws IOException {
        try {
            write(new Source() {
                @Override
                public int databaseCount() {
                    return keyspace.databaseCount();
                }

                @Override
                public long size(int db) {
                    return keyspace.db(db).size();
                }

                @Override
                public long expiresSize(int db) {
                    return keyspace.db(db).expiresSize();
                }

                @Override
                public void visit(int db, Database.EntryVisitor visitor) {
                    keyspace.db(db).forEach(visitor);
                }
            }, aux, functions);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void write(Source snapshot, Map<String, String> aux, List<byte[]> functions)
            throws IOException, InterruptedException {
        keysWritten = 0;
        long[] count = {0};
        RdbOutput o = new RdbOutput(out, compression, checksum);
        byte[] magic = String.format("REDIS%04d", VERSION).getBytes(StandardCharsets.US_ASCII);
        o.bytes(magic, 0, magic.length);
        writeAux(o, aux);
        for (byte[] library : functions) {
            o.u8(RdbOpcode.FUNCTION2);
            o.string(library);
        }
        ValueEncoder values = new ValueEncoder(o, listFill);
        for (int db = 0; db < snapshot.databaseCount(); db++) {
            if (snapshot.size(db) == 0) {
                continue;
            }
            o.u8(RdbOpcode.SELECTDB);
            o.length(db);
            o.u8(RdbOpcode.RESIZEDB);
            o.length(snapshot.size(db));
            o.length(snapshot.expiresSize(db));
            int dbIndex = db;
            try {
                snapshot.visit(db, (key, value, expireAt) -> {
                    try {
                        if (cancelled) {
                            throw new java.io.InterruptedIOException("RDB write cancelled");
                        }
                        if (expireAt != -1) {
                            o.u8(RdbOpcode.EXPIRETIME_MS);
                            o.int64LE(expireAt);
                        }
                        values.writeKeyed(key.bytes(), value);
                        if (extension != null) {
                            extension.key(dbIndex, key, value);
                        }
                        if ((++count[0] & 1023) == 0) {
                            keysWritten = count[0];
                        }
                        if (keySaveDelayNanos > 0) {
                            LockSupport.parkNanos(keySaveDelayNanos);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        if (extension != null) {
            for (RdbExtension.Aux a : extension.trailer()) {
                o.u8(RdbOpcode.AUX);
                o.string(a.name().getBytes(StandardCharsets.UTF_8));
                o.string(a.value());
            }
        }
        o.u8(RdbOpcode.EOF);
        long crc = o.flushAndCrc();
        o.int64LE(checksum ? crc : 0);
        o.flushAndCrc();
        bytesWritten = o.written();
        keysWritten = count[0];
    }

    /** rdbSaveInfoAuxFields: Redis's four leading fields, the caller's, then aof-base. */
    private static void writeAux(RdbOutput o, Map<String, String> extra) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        Runtime rt = Runtime.getRuntime();
        fields.put("redis-ver", REDIS_VERSION);
        fields.put("redis-bits", "64");
        fields.put("ctime", Long.toString(System.currentTimeMillis() / 1000));
        fields.put("used-mem", Long.toString(rt.totalMemory() - rt.freeMemory()));
        for (Map.Entry<String, String> e : extra.entrySet()) {
            if (LEADING_AUX.contains(e.getKey())) {
                fields.put(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, String> e : extra.entrySet()) {
            if (!LEADING_AUX.contains(e.getKey()) && !e.getKey().equals("aof-base")) {
                fields.put(e.getKey(), e.getValue());
            }
        }
        fields.put("aof-base", extra.getOrDefault("aof-base", "0"));
        for (Map.Entry<String, String> e : fields.entrySet()) {
            o.u8(RdbOpcode.AUX);
            o.string(e.getKey().getBytes(StandardCharsets.UTF_8));
            o.string(e.getValue().getBytes(StandardCharsets.UTF_8));
        }
    }
}
