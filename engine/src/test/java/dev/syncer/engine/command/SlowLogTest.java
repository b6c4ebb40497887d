package dev.syncer.engine.command;

import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** SLOWLOG: what is logged (trimmed, redacted), in which order, and its bad input. */
class SlowLogTest {

    private static List<String> logged(String command, String... args) {
        byte[][] argv = Arrays.stream(args).map(a -> a.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        List<String> out = new ArrayList<>();
        for (byte[] b : SlowLog.logged(command, argv)) {
            out.add(new String(b, StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void longArgumentListsAndValuesAreTrimmedAsRedisDoes() {
        String[] many = new String[40];
        for (int i = 0; i < many.length; i++) {
            many[i] = Integer.toString(i);
        }
        List<String> out = logged("sadd", many);
        assertThat(out).hasSize(32);
        assertThat(out.get(31)).isEqualTo("... (9 more arguments)");
        assertThat(logged("set", "set", "k", "A".repeat(130)).get(2)).isEqualTo("A".repeat(128) + "... (2 more bytes)");
    }

    @Test
    void secretsAreRedacted() {
        assertThat(logged("config", "config", "set", "masterauth", "pw", "maxmemory", "1"))
                .containsExactly("config", "set", "masterauth", "(redacted)", "maxmemory", "1");
        assertThat(logged("acl", "acl", "setuser", "u", "on", ">pw"))
                .containsExactly("acl", "setuser", "(redacted)", "(redacted)", "(redacted)");
        assertThat(logged("migrate", "migrate", "h", "1", "k", "0", "5", "AUTH2", "u", "p"))
                .endsWith("AUTH2", "(redacted)", "(redacted)");
    }

    @Test
    void aBlockedCommandIsLoggedOnceWhenServedAsItWasSent() {
        try (TestShard shard = TestShard.start(); RespClient c = shard.raw(); RespClient blocked = shard.raw()) {
            c.call("CONFIG", "SET", "slowlog-log-slower-than", "0");
            blocked.send(RespClient.encode("BLPOP", "l", "0"));
            org.awaitility.Awaitility.await("BLPOP blocks").atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> c.info("clients").get("blocked_clients").equals("1"));
            c.call("SLOWLOG", "RESET");
            c.call("LPUSH", "l", "foo");
            assertThat(RespClient.texts(blocked.read())).containsExactly("l", "foo");
            List<?> entries = (List<?>) c.call("SLOWLOG", "GET", "-1");
            List<List<String>> commands = new ArrayList<>();
            entries.forEach(e -> commands.add(RespClient.texts(((List<?>) e).get(3))));
            assertThat(commands).containsExactly(List.of("BLPOP", "l", "0"), List.of("LPUSH", "l", "foo"),
                    List.of("SLOWLOG", "RESET"));
        }
    }

    @Test
    void entriesAreNewestFirstAndBounded() {
        try (TestShard shard = TestShard.start(); RespClient c = shard.raw()) {
            c.call("CONFIG", "SET", "slowlog-log-slower-than", "0");
            c.call("CONFIG", "SET", "slowlog-max-len", "2");
            c.call("SLOWLOG", "RESET");
            c.call("CLIENT", "SETNAME", "me");
            c.call("SET", "a", "1");
            assertThat(c.call("SLOWLOG", "LEN")).isEqualTo(2L);
            List<?> entries = (List<?>) c.call("SLOWLOG", "GET", "-1");
            assertThat(entries).hasSize(2);
            assertThat(RespClient.texts(((List<?>) entries.get(0)).get(3))).containsExactly("SLOWLOG", "LEN");
            List<?> set = (List<?>) entries.get(1);
            assertThat(RespClient.texts(set.get(3))).containsExactly("SET", "a", "1");
            assertThat(RespClient.text(set.get(5))).isEqualTo("me");
            assertThat(c.call("SLOWLOG", "GET", "-2"))
                    .isEqualTo(new RespClient.Error("ERR count should be greater than or equal to -1"));
            c.call("CONFIG", "SET", "slowlog-log-slower-than", "-1");
            c.call("SLOWLOG", "RESET");
            c.call("PING");
            assertThat(c.call("SLOWLOG", "LEN")).isEqualTo(0L);
            assertThat(c.call("SLOWLOG", "NOPE")).isInstanceOf(RespClient.Error.class);
        }
    }
}
