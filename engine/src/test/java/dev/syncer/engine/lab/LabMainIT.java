package dev.syncer.engine.lab;

import dev.syncer.engine.testing.LabProcess;
import dev.syncer.engine.testing.RespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The headless launcher as a user runs it: `java -jar engine/target/syncer-lab.jar`. */
class LabMainIT {

    private static final Pattern ENDPOINT = Pattern.compile("endpoint (\\S+) (\\S+) (proxy|primary|replica) 127\\.0\\.0\\.1:(\\d+)");

    @Test
    void printsEveryEndpointThenLabReadyAndServesThroughItsProxies() throws Exception {
        try (LabProcess lab = LabProcess.start()) {
            List<String> lines = lab.endpoints();
            assertThat(lines).hasSize(13).allMatch(l -> ENDPOINT.matcher(l).matches());
            assertThat(lines).filteredOn(l -> l.contains(" proxy ")).hasSize(4);
            try (RespClient c = RespClient.connect(lab.port("cache", "proxy"))) {
                assertThat(c.call("SET", "launched", "yes")).isEqualTo("OK");
                assertThat(RespClient.text(c.call("GET", "launched"))).isEqualTo("yes");
            }
            // SIGTERM: the shutdown hook closes the lab
            assertThat(lab.terminate(20)).as("the lab exits on SIGTERM").isTrue();
        }
    }

    @Test
    void withADataDirectoryTheLabComesBackWithItsDataAfterARestart(@TempDir Path data) throws Exception {
        try (LabProcess lab = LabProcess.start("--data", data.toString());
             RespClient c = RespClient.connect(lab.port("cache", "proxy"));
             RespClient shop = RespClient.connect(lab.port("shop", "proxy"))) {
            assertThat(c.call("SET", "kept", "yes")).isEqualTo("OK");
            assertThat(c.call("WAIT", "1", "5000")).isEqualTo(1L); // the chained replica acknowledges to its own upstream
            assertThat(shop.call("INCRBY", "orders", "3")).isEqualTo(3L); // Active-Active: a CRDT.APPLY in its AOF
            assertThat(lab.terminate(20)).isTrue();
        }
        try (LabProcess again = LabProcess.start("--data", data.toString());
             RespClient c = RespClient.connect(again.port("cache", "proxy"));
             RespClient shop = RespClient.connect(again.port("shop", "proxy"))) {
            assertThat(RespClient.text(c.call("GET", "kept"))).isEqualTo("yes");
            assertThat(shop.call("INCRBY", "orders", "1")).as("the counter's state came back with it").isEqualTo(4L);
        }
        assertThat(data.resolve("east-node1/east-cache-1/appendonlydir/appendonly.aof.manifest")).exists();
    }
}
