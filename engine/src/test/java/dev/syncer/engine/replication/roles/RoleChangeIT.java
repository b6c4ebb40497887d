package dev.syncer.engine.replication.roles;

import dev.syncer.engine.testing.ReplicationWaits;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A primary turning replica (replicationSetMaster's disconnectAllBlockedClients): clients blocked
 * on keys or in WAIT get Redis's UNBLOCKED error and are closed, so the new primary's writes
 * reach the data only through its stream (Redis's test "BLPOP followed by role change, #2473").
 */
class RoleChangeIT {

    private static final RespClient.Error UNBLOCKED = new RespClient.Error(
            "UNBLOCKED force unblock from blocking operation, instance state changed (master -> replica?)");

    @Test
    void blockedClientsAreUnblockedWithAnErrorAndClosedWhenThePrimaryFollowsAnother() {
        try (TestShard primary = TestShard.start();
             TestShard former = TestShard.start();
             RespClient blpop = former.raw();
             RespClient xread = former.raw();
             RespClient bzpop = former.raw();
             RespClient wait = former.raw();
             RespClient admin = former.raw()) {
            blpop.send(RespClient.encode("BLPOP", "foo", "0"));
            xread.send(RespClient.encode("XREAD", "BLOCK", "0", "STREAMS", "s", "$"));
            bzpop.send(RespClient.encode("BZPOPMIN", "z", "0"));
            admin.call("SET", "x", "1");
            wait.send(RespClient.encode("WAIT", "1", "0"));
            ReplicationWaits.await("four clients blocked").until(() ->
                    RespClient.text(admin.call("CLIENT", "LIST")).split(" flags=b ", -1).length - 1 == 4);

            former.follow(primary.port());
            for (RespClient c : List.of(blpop, xread, bzpop, wait)) {
                assertThat(c.read()).isEqualTo(UNBLOCKED);
                assertThat(c.isClosedByServer()).as("closed after the error").isTrue();
            }
            assertThat(ReplicationWaits.field(former.port(), "clients", "blocked_clients")).isEqualTo("0");

            // what the new primary pushes is applied once, through its stream, not popped by a stale client
            try (RespClient p = primary.raw()) {
                p.call("RPUSH", "foo", "a", "b", "c");
            }
            ReplicationWaits.awaitInSync(primary.port(), former.port());
            assertThat(RespClient.texts(admin.call("LRANGE", "foo", "0", "-1"))).containsExactly("a", "b", "c");
            assertThat(ReplicationWaits.digest(former.port())).isEqualTo(ReplicationWaits.digest(primary.port()));
            assertThat(ReplicationWaits.statsField(former.port(), "total_error_replies")).isGreaterThanOrEqualTo(3);
        }
    }
}
