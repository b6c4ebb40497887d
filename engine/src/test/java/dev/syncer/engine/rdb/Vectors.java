package dev.syncer.engine.rdb;

import dev.syncer.engine.testing.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The reference RDB files written by redis-server 7.0.15 and their manifests (a copy of
 * shared/reference/rdb-vectors on the test classpath).
 */
final class Vectors {

    static final List<String> ALL = List.of("empty", "expiry", "fullsync-disk-payload", "fullsync-diskless-payload",
            "functions", "hashes", "lfu-freq", "list-compressed-nodes", "list-plain-nodes", "lists", "lru-idle",
            "multidb", "python-writer-accepted", "sets", "stream", "strings-nocompress", "strings", "zsets");

    private static final List<String> HELD_TYPES = List.of("string", "list", "set", "zset", "hash", "stream");

    private Vectors() {
    }

    /** Vectors whose manifest shows only types the keyspace holds; the others must be refused. */
    static List<String> loadable() {
        return ALL.stream().filter(Vectors::holdsOnlyOurTypes).toList();
    }

    static List<String> refused() {
        return ALL.stream().filter(n -> !holdsOnlyOurTypes(n)).toList();
    }

    private static boolean holdsOnlyOurTypes(String name) {
        Map<String, Object> expected = Json.object(manifest(name).get("expected_after_load_as_master"));
        return expected.values().stream().flatMap(db -> Json.object(db).values().stream())
                .allMatch(entry -> HELD_TYPES.contains(Json.object(entry).get("type")));
    }

    static byte[] rdb(String name) {
        return resource(name + ".rdb");
    }

    static Map<String, Object> manifest(String name) {
        return Json.object(Json.parse(new String(resource(name + ".manifest.json"), StandardCharsets.UTF_8)));
    }

    private static byte[] resource(String file) {
        try (InputStream in = Vectors.class.getResourceAsStream("/rdb-vectors/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test vector " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
