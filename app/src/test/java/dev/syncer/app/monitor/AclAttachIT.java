package dev.syncer.app.monitor;

import dev.syncer.app.adapter.ProbePool;
import dev.syncer.app.attach.Discovery;
import dev.syncer.app.print.PrintCommand;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.ReplicationWaits;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A deployment behind ACLs: the default user is off, an operator user logs in. The console logs in
 * as that user on every server it finds; a wrong password comes back as Redis's refusal.
 */
class AclAttachIT {

    private static final String[] ACL = {"--user", "default", "off", "--user", "ops", "on", ">ops-pw", "~*", "&*", "+@all"};

    @Test
    void theConsoleLogsInAsTheAclUserOnEveryServerItFindsAndAWrongPasswordIsRedissRefusal() {
        try (RealRedis primary = RealRedis.start(ACL);
             RealRedis replica = RealRedis.start(with(ACL, "--masteruser", "ops", "--masterauth", "ops-pw",
                     "--replicaof", "127.0.0.1", Integer.toString(primary.port())))) {
            ReplicationWaits.await("the replica logged in to its primary").until(() ->
                    replica.cli("--user", "ops", "--pass", "ops-pw", "--no-auth-warning", "INFO", "replication")
                            .contains("master_link_status:up"));

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = PrintCommand.run(List.of("--attach", "127.0.0.1:" + replica.port(), "--user", "ops",
                    "--password", "ops-pw", "--print"), new PrintStream(out, true), System.err);

            assertThat(code).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"endpoint\":\"127.0.0.1:" + primary.port() + "\"")
                    .contains("\"role\":\"primary\"").contains("\"role\":\"replica\"");

            try (ProbePool probes = new ProbePool()) {
                Target wrong = new Target("127.0.0.1", primary.port(), "ops", "wrong", TlsSettings.OFF);
                assertThatThrownBy(() -> Discovery.at(wrong, probes)).hasMessageContaining("WRONGPASS")
                        .satisfies(e -> assertThat(RedisClients.refusedLogin(e.getMessage())).isTrue());
            }
        }
    }

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
