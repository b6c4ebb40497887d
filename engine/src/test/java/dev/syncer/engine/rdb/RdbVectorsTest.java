package dev.syncer.engine.rdb;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.testing.Json;
import dev.syncer.engine.testing.KeyspaceContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Golden tests: every reference file written by redis-server 7.0.15 loads into exactly what its manifest says. */
class RdbVectorsTest {

    /** After every "already expired" key, before every TTL of the year 2100. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

    static Keyspace freshKeyspace() {
        return new Keyspace(16, CLOCK);
    }

    static RdbFile load(byte[] rdb, Keyspace into, boolean skipExpired) throws IOException {
        return new RdbReader(new ByteArrayInputStream(rdb)).read(into, skipExpired);
    }

    static List<String> loadable() {
        return Vectors.loadable();
    }

    @ParameterizedTest
    @MethodSource("loadable")
    void vectorLoadsIntoExactlyWhatItsManifestDescribes(String name) throws IOException {
        Map<String, Object> manifest = Vectors.manifest(name);
        Keyspace ks = freshKeyspace();

        RdbFile file = load(Vectors.rdb(name), ks, true);

        assertThat(KeyspaceContent.of(ks))
                .isEqualTo(KeyspaceContent.fromManifest(Json.object(manifest.get("expected_after_load_as_master"))));
        assertThat(file.version()).isEqualTo(((Number) manifest.get("rdb_version")).intValue());
        assertThat(file.aux()).isEqualTo(manifest.get("aux"));
        assertThat(file.bytesRead()).isEqualTo(((Number) manifest.get("size_bytes")).longValue());
        assertThat(file.keysLoaded() + file.expiredSkipped())
                .isEqualTo(Json.array(manifest.get("keys_in_file")).size());
    }

    @Test
    void everyVectorHoldsOnlyTypesTheKeyspaceHolds() {
        assertThat(Vectors.refused()).isEmpty();
    }

    @Test
    void primaryLoadSkipsTheAlreadyExpiredKeyWhileReplicaLoadKeepsIt() throws IOException {
        Keyspace primary = freshKeyspace();
        RdbFile asPrimary = load(Vectors.rdb("expiry"), primary, true);
        Keyspace replica = freshKeyspace();
        replica.setReplica(true);
        RdbFile asReplica = load(Vectors.rdb("expiry"), replica, false);

        assertThat(asPrimary.expiredSkipped()).isEqualTo(1);
        assertThat(primary.db(0).expireAt(Key.of("expired:already"))).isEqualTo(-1);
        assertThat(asReplica.expiredSkipped()).isZero();
        assertThat(replica.db(0).expireAt(Key.of("expired:already"))).isEqualTo(1795660214335L);
        assertThat(replica.size()).isEqualTo(primary.size() + 1);
    }

    @Test
    void functionLibrariesAreKeptWithTheLoad() throws IOException {
        Map<String, Object> manifest = Vectors.manifest("functions");
        Map<String, Object> library = Json.object(Json.array(manifest.get("functions_after_load")).get(0));
        Object code = library.get("library_code");
        byte[] expected = code instanceof Map<?, ?> m ? Base64.getDecoder().decode((String) m.get("b64"))
                : ((String) code).getBytes(StandardCharsets.UTF_8);

        RdbFile file = load(Vectors.rdb("functions"), freshKeyspace(), true);

        assertThat(file.functions()).hasSize(1);
        assertThat(file.functions().get(0)).isEqualTo(expected);
    }

    @Test
    void replicationAuxFieldsOfAFullSyncPayloadAreExposed() throws IOException {
        RdbFile file = load(Vectors.rdb("fullsync-disk-payload"), freshKeyspace(), false);

        assertThat(file.replId()).isEqualTo("aba6628f5bdf7ba90a5956f47d0ac2d75af22c23");
        assertThat(file.replOffset()).isZero();
        assertThat(file.replStreamDb()).isZero();
    }
}
