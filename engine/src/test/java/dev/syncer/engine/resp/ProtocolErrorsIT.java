package dev.syncer.engine.resp;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed input over a real socket: the offending client gets Redis's "-ERR Protocol error: ..."
 * and is disconnected, another client on the same shard carries on. Every case is checked against
 * redis-server 7.0 too, so the texts are Redis's, not ours.
 */
class ProtocolErrorsIT {

    private static final String ONE_MB = "1mb";

    private static Map<String, String> cases() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("*1\r\n$1048577\r\n", "ERR Protocol error: invalid bulk length"); // over proto-max-bulk-len
        c.put("*1\r\n$-5\r\n", "ERR Protocol error: invalid bulk length");
        c.put("*1\r\n$abc\r\n", "ERR Protocol error: invalid bulk length");
        c.put("*2\r\n$3\r\nGET\r\n:1\r\n", "ERR Protocol error: expected '$', got ':'");
        c.put("*abc\r\n", "ERR Protocol error: invalid multibulk length");
        c.put("*2147483648\r\n", "ERR Protocol error: invalid multibulk length");
        c.put("GET \"k\r\n", "ERR Protocol error: unbalanced quotes in request");
        c.put("x".repeat(70_000), "ERR Protocol error: too big inline request");
        c.put("*" + "1".repeat(70_000), "ERR Protocol error: too big mbulk count string");
        c.put("*1\r\n$" + "1".repeat(70_000), "ERR Protocol error: too big bulk count string");
        return c;
    }

    @Test
    void eachProtocolErrorClosesOnlyTheOffendingConnectionWithRedissMessage() {
        try (RealRedis redis = RealRedis.start("--proto-max-bulk-len", ONE_MB);
             TestShard shard = TestShard.start("proto-max-bulk-len", ONE_MB)) {
            for (Map.Entry<String, String> e : cases().entrySet()) {
                assertOneBadClient(redis::raw, e.getKey(), e.getValue(), "redis-server");
                assertOneBadClient(shard::raw, e.getKey(), e.getValue(), "shard");
            }
        }
    }

    @Test
    void anUnauthenticatedClientMayNotAnnounceLargeRequests() {
        try (RealRedis redis = RealRedis.start("--requirepass", "secret");
             TestShard shard = TestShard.start("requirepass", "secret")) {
            for (String[] c : new String[][] {
                    {"*11\r\n", "ERR Protocol error: unauthenticated multibulk length"},
                    {"*1\r\n$16385\r\n", "ERR Protocol error: unauthenticated bulk length"}}) {
                assertOneBadClient(redis::raw, c[0], c[1], "redis-server");
                assertOneBadClient(shard::raw, c[0], c[1], "shard");
            }
        }
    }

    private static void assertOneBadClient(Supplier<RespClient> connect, String bytes, String error, String server) {
        try (RespClient good = connect.get(); RespClient bad = connect.get()) {
            good.send("PING\r\n");
            assertThat(good.read()).isIn("PONG", new RespClient.Error("NOAUTH Authentication required."));
            bad.send(bytes);
            assertThat(bad.read()).as("%s answering %s", server, abbreviate(bytes))
                    .isEqualTo(new RespClient.Error(error));
            assertThat(bad.isClosedByServer()).as("%s closes the connection", server).isTrue();
            good.send("ECHO still-here\r\n");
            Object echo = good.read();
            assertThat(echo instanceof RespClient.Error ? echo : RespClient.text(echo))
                    .isIn("still-here", new RespClient.Error("NOAUTH Authentication required."));
        }
    }

    private static String abbreviate(String s) {
        String printable = s.replace("\r", "\\r").replace("\n", "\\n");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
