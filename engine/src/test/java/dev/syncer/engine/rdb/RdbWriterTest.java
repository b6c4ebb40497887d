package dev.syncer.engine.rdb;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.Snapshot;
import dev.syncer.engine.keyspace.StringValue;
import dev.syncer.engine.testing.Json;
import dev.syncer.engine.testing.KeyspaceContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The writer produces the bytes redis-server 7.0.15 produces, wherever Redis's output is deterministic. */
class RdbWriterTest {

    static byte[] write(Keyspace ks, Map<String, String> aux, List<byte[]> functions) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Snapshot snapshot = ks.beginSnapshot(Runnable::run)) {
            new RdbWriter(out).write(snapshot, aux, functions);
        }
        return out.toByteArray();
    }

    /** The aux fields of a vector that depend on the moment and machine it was written on. */
    static Map<String, String> volatileAux(String vector) {
        Map<String, Object> aux = Json.object(Vectors.manifest(vector).get("aux"));
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : List.of("ctime", "used-mem", "repl-stream-db", "repl-id", "repl-offset")) {
            if (aux.containsKey(k)) {
                out.put(k, (String) aux.get(k));
            }
        }
        return out;
    }

    @Test
    void emptyDatasetIsWrittenByteForByteAsRedis() throws Exception {
        byte[] ours = write(RdbVectorsTest.freshKeyspace(), volatileAux("empty"), List.of());

        assertThat(ours).isEqualTo(Vectors.rdb("empty"));
    }

    @Test
    void functionsAndAKeyAreWrittenByteForByteAsRedis() throws Exception {
        Keyspace ks = RdbVectorsTest.freshKeyspace();
        RdbFile loaded = RdbVectorsTest.load(Vectors.rdb("functions"), ks, true);

        byte[] ours = write(ks, volatileAux("functions"), loaded.functions());

        assertThat(ours).isEqualTo(Vectors.rdb("functions"));
    }

    @Test
    void replicationAuxFieldsGoBetweenUsedMemAndAofBase() throws Exception {
        Keyspace ks = RdbVectorsTest.freshKeyspace();
        ks.db(0).put(Key.of("k"), StringValue.of("v"));
        Map<String, String> aux = new LinkedHashMap<>();
        aux.put("repl-stream-db", "0");
        aux.put("repl-id", "aba6628f5bdf7ba90a5956f47d0ac2d75af22c23");
        aux.put("repl-offset", "0");

        RdbFile back = RdbVectorsTest.load(write(ks, aux, List.of()), RdbVectorsTest.freshKeyspace(), true);

        assertThat(back.aux().keySet()).containsExactly("redis-ver", "redis-bits", "ctime", "used-mem",
                "repl-stream-db", "repl-id", "repl-offset", "aof-base");
        assertThat(back.replId()).isEqualTo("aba6628f5bdf7ba90a5956f47d0ac2d75af22c23");
    }

    /**
     * Each value whose Redis encoding does not depend on insertion or hash order (strings, lists
     * built by RPUSH under default settings, intsets, sorted sets, one-field hashes) is encoded —
     * type byte, key and value — into exactly the bytes redis-server wrote for it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"strings", "strings-nocompress", "lists", "sets", "zsets", "expiry", "multidb",
        "fullsync-disk-payload", "fullsync-diskless-payload"})
    void valuesAreEncodedByteForByteAsRedis(String vector) throws Exception {
        byte[] file = Vectors.rdb(vector);
        Map<String, Object> manifest = Vectors.manifest(vector);
        Keyspace ks = new Keyspace(16, java.time.Clock.fixed(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC));
        RdbVectorsTest.load(file, ks, false);
        boolean compression = !vector.equals("strings-nocompress");
        List<Object> keys = Json.array(manifest.get("keys_in_file"));
        TreeSet<Long> starts = boundaries(manifest);
        int compared = 0;
        for (Object o : keys) {
            Map<String, Object> k = Json.object(o);
            int type = ((Number) k.get("rdb_type")).intValue();
            Object name = k.get("key");
            String keyText = name instanceof String text ? KeyspaceContent.manifestKey(text) : KeyspaceContent.bytes(name);
            byte[] keyBytes = keyText.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            RedisValue value = ks.db(((Number) k.get("db")).intValue()).get(new Key(keyBytes));
            if (!orderIndependent(type, value)) {
                continue;
            }
            long at = ((Number) k.get("offset")).longValue();
            byte[] redis = Arrays.copyOfRange(file, (int) at, starts.higher(at).intValue());

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RdbOutput o2 = new RdbOutput(out, compression, true);
            new ValueEncoder(o2).writeKeyed(keyBytes, value);
            o2.flushAndCrc();

            assertThat(out.toByteArray()).as("key %s", k.get("key")).isEqualTo(redis);
            compared++;
        }
        assertThat(compared).isPositive();
    }

    private static boolean orderIndependent(int rdbType, RedisValue value) {
        return switch (rdbType) {
            case 0, 18, 11, 17, 5 -> true;
            case 16 -> ((dev.syncer.engine.keyspace.HashValue) value).size() == 1;
            default -> false;
        };
    }

    /** Offsets where an item starts: opcodes, key type bytes, and the EXPIRETIME_MS before a key. */
    private static TreeSet<Long> boundaries(Map<String, Object> manifest) {
        TreeSet<Long> starts = new TreeSet<>();
        for (Object o : Json.array(manifest.get("opcode_sequence"))) {
            starts.add(((Number) Json.object(o).get("off")).longValue());
        }
        for (Object o : Json.array(manifest.get("keys_in_file"))) {
            Map<String, Object> k = Json.object(o);
            long at = ((Number) k.get("offset")).longValue();
            starts.add(at);
            if (k.get("expire_at_ms") != null) {
                starts.add(at - 9);
            }
        }
        return starts;
    }

    @Test
    void listsSplitIntoEightKilobyteNodesAsRpushFillsThem() throws Exception {
        Keyspace ks = RdbVectorsTest.freshKeyspace();
        RdbVectorsTest.load(Vectors.rdb("lists"), ks, true);
        List<String> big = new ArrayList<>();
        KeyspaceContent.Entry e = KeyspaceContent.of(ks).get(0).get("list:big");
        for (Object s : (List<?>) e.value()) {
            big.add((String) s);
        }
        assertThat(big).hasSize(2000); // the vector's three nodes are checked byte for byte above
    }
}
