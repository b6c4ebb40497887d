package dev.syncer.engine.lab;

import dev.syncer.engine.resp.RespReplyParser;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestCertificates;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A lab whose syncer links run over TLS: each syncer reaches its source primary's TLS port
 * (the source lists it as a client of that port) and writes cross both ways.
 */
class TlsSyncerIT {

    private static final Topology TWO = Topology.parse("""
            cluster east
            cluster west
            database shop active-active east west replicas=0
            """);

    @Test
    void syncersCarryWritesOverTlsLinks() throws Exception {
        TestCertificates certs = TestCertificates.get();
        try (Lab lab = new Lab(TWO, null).encryptSyncerLinks(certs.file("ca.crt").getParent()).start()) {
            call(lab, "west", "SET", "greeting", "from-west");
            call(lab, "east", "INCRBY", "counter", "5");
            awaitValue(lab, "east", "greeting", "from-west");
            awaitValue(lab, "west", "counter", "5");
            LabShard west = lab.instance("west", "shop").primary();
            String clients = RespReplyParser.text(LocalClient.call(west.shard(), "CLIENT", "LIST"));
            assertThat(west.shard().tlsPort()).isPositive();
            assertThat(clients).contains("laddr=127.0.0.1:" + west.shard().tlsPort() + " ");
        }
    }

    private static Object call(Lab lab, String cluster, String... args) {
        try (RespClient c = RespClient.connect(lab.instance(cluster, "shop").proxy().port())) {
            Object reply = c.call(args);
            // a nil reply (GET before the syncer carried the write) is a value to wait on, not an error
            assertThat(reply instanceof RespClient.Error).as("%s answered %s", args[0], reply).isFalse();
            return reply;
        }
    }

    private static void awaitValue(Lab lab, String cluster, String key, String value) {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            Object reply = call(lab, cluster, "GET", key);
            return reply != null && value.equals(RespClient.text(reply));
        });
    }
}
