package dev.syncer.engine.rdb;

import dev.syncer.engine.keyspace.Database;
import dev.syncer.engine.keyspace.HashValue;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.keyspace.StringValue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * RDB encoding of a live keyspace (what SAVE and a disk or diskless full sync spend their CPU on):
 * 100,000 strings of 100 bytes and 10,000 small hashes, written to a null stream with the
 * defaults (LZF compression, CRC64). Score: keys per second.
 */
@State(Scope.Thread)
public class RdbEncodeBench {

    private static final int STRINGS = 100_000;
    private static final int HASHES = 10_000;

    private Keyspace keyspace;

    @Setup(Level.Trial)
    public void setUp() {
        keyspace = new Keyspace();
        Database db = keyspace.db(0);
        byte[] value = "v".repeat(20).concat("0123456789".repeat(8)).getBytes();
        for (int i = 0; i < STRINGS; i++) {
            db.put(Key.of("key:" + (1_000_000 + i)), new StringValue(value.clone()));
        }
        for (int i = 0; i < HASHES; i++) {
            HashValue hash = new HashValue();
            for (int f = 0; f < 8; f++) {
                hash.fields().put(Key.of("field" + f), ("value-" + i + "-" + f).getBytes());
            }
            db.put(Key.of("hash:" + (1_000_000 + i)), hash);
        }
    }

    @Benchmark
    @OperationsPerInvocation(STRINGS + HASHES)
    public long save() throws IOException {
        RdbWriter writer = new RdbWriter(OutputStream.nullOutputStream());
        writer.write(keyspace, Map.of(), List.of());
        return writer.bytesWritten();
    }
}
