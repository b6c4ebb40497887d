package dev.syncer.app.connect;

import dev.syncer.app.monitor.TlsSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionStoreTest {

    @Test
    void savedConnectionsComeBackInOrderAndAPasswordOnlyWhenSavedWithOne(@TempDir Path dir) throws IOException {
        ConnectionStore store = new ConnectionStore(dir.resolve("syncer-console").resolve("connections.properties"));
        SavedConnection orders = new SavedConnection("orders", "10.0.0.5:26379", "sentinel", "ops",
                new TlsSettings(true, Path.of("/etc/ssl/ca.pem"), Path.of("/etc/ssl/ops.crt"), Path.of("/etc/ssl/ops.key")), null);
        SavedConnection cache = new SavedConnection("cache = big", "10.0.0.7:7000", "", null, TlsSettings.OFF, "s3cret");

        store.save(orders);
        store.save(cache);

        assertThat(store.list()).containsExactly(orders, cache);
        String text = Files.readString(store.file());
        assertThat(text).contains("s3cret").doesNotContain("connection.1.password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
    }

    @Test
    void savingUnderAKnownNameReplacesItAndRemovingForgetsIt(@TempDir Path dir) {
        ConnectionStore store = new ConnectionStore(dir.resolve("connections.properties"));
        store.save(new SavedConnection("a", "h:1", "", null, TlsSettings.OFF, null));
        store.save(new SavedConnection("b", "h:2", "", null, TlsSettings.OFF, null));

        store.save(store.find("a").orElseThrow().withKind("cluster"));
        store.remove("b");

        assertThat(store.list()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo("cluster");
            assertThat(c.target(null).id()).isEqualTo("h:1");
        });
        assertThat(new ConnectionStore(dir.resolve("none.properties")).list()).isEmpty();
    }

    @Test
    void aConnectionNeedsANameAndAnAddress() {
        assertThatThrownBy(() -> new SavedConnection(" ", "h:1", "", null, TlsSettings.OFF, null))
                .hasMessageContaining("name");
        assertThatThrownBy(() -> new SavedConnection("x", "h", "", null, TlsSettings.OFF, null))
                .hasMessageContaining("host:port");
    }
}
