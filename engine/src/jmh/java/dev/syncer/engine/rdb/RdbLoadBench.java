package dev.syncer.engine.rdb;

import dev.syncer.engine.keyspace.Database;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.keyspace.StringValue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * RDB loading into a fresh keyspace (what a replica's full sync and a start-up spend their CPU on):
 * 100,000 strings as DEBUG POPULATE 100000 key 100 makes them ("value:N" padded with zero bytes, so
 * LZF-compressed in the file), read from memory the way a replica reads its received file.
 * Score: keys per second.
 */
@State(Scope.Thread)
public class RdbLoadBench {

    private static final int STRINGS = 100_000;

    /** false: the reader takes only what it decodes from a BufferedInputStream; true: it fills its own buffer. */
    @Param({"true"})
    public boolean readAhead;

    private byte[] rdb;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Keyspace keyspace = new Keyspace();
        Database db = keyspace.db(0);
        for (int i = 0; i < STRINGS; i++) {
            byte[] value = new byte[100];
            byte[] text = ("value:" + i).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, value, 0, text.length);
            db.put(Key.of("key:" + i), new StringValue(value));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new RdbWriter(out).write(keyspace, Map.of(), List.of());
        rdb = out.toByteArray();
    }

    @Benchmark
    @OperationsPerInvocation(STRINGS)
    public Keyspace load() throws IOException {
        Keyspace fresh = new Keyspace();
        fresh.setReplica(true);
        new RdbReader(new BufferedInputStream(new ByteArrayInputStream(rdb), 1 << 16), readAhead).read(fresh, false);
        return fresh;
    }
}
