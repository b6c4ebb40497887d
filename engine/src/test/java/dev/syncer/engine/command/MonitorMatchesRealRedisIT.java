package dev.syncer.engine.command;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MONITOR beside a real redis-server: the same commands give the same lines (timestamps and
 * client ports aside), in the same order — EXEC after its commands, a script before its calls,
 * administrative commands left out, secrets redacted — and RESET ends monitor mode.
 */
class MonitorMatchesRealRedisIT {

    private static final String[][] COMMANDS = {
        {"SET", "foo", "bar"}, {"GET", "foo"}, {"MULTI"}, {"SET", "a", "x\ny"}, {"EXEC"},
        {"EVAL", "redis.call('set', KEYS[1], ARGV[1])", "1", "k", "v\u0001"},
        {"CONFIG", "GET", "maxmemory"}, {"CLIENT", "ID"}, {"AUTH", "nobody", "secret"},
        {"HELLO", "2", "AUTH", "nobody", "secret"}, {"MIGRATE", "127.0.0.1", "1", "missing", "0", "100", "AUTH", "pw"},
        {"MULTI"}, {"NOSUCHCOMMAND"}, {"EXEC"}, {"SELECT", "3"}, {"SET", "in3", "1"}, {"PING", "last"},
    };

    @Test
    void linesMatchRedisServers() {
        try (RealRedis redis = RealRedis.start(); TestShard shard = TestShard.start()) {
            List<String> theirs = run(redis.raw(), redis.raw());
            List<String> ours = run(shard.raw(), shard.raw());
            assertThat(ours).isEqualTo(theirs);
            assertThat(ours).contains("[0 lua] \"set\" \"k\" \"v\\x01\"", "[3 client] \"SELECT\" \"3\"")
                    .noneMatch(line -> line.contains("CONFIG") || line.contains("NOSUCHCOMMAND"));
        }
    }

    private static List<String> run(RespClient monitor, RespClient client) {
        try (monitor; client) {
            assertThat(monitor.call("MONITOR")).isEqualTo("OK");
            for (String[] c : COMMANDS) {
                client.call(c);
            }
            client.call("PING", "end");
            List<String> lines = new ArrayList<>();
            for (String line = read(monitor); !line.endsWith("\"PING\" \"end\""); line = read(monitor)) {
                assertThat(line).matches("\\d+\\.\\d{6} \\[\\d+ (lua|127\\.0\\.0\\.1:\\d+)] .*");
                lines.add(line.replaceFirst("^\\d+\\.\\d{6} \\[(\\d+) 127\\.0\\.0\\.1:\\d+]", "[$1 client]")
                        .replaceFirst("^\\d+\\.\\d{6} ", ""));
            }
            assertThat(monitor.call("GET", "foo")).isEqualTo(new RespClient.Error(
                    "ERR Replica can't interact with the keyspace"));
            assertThat(monitor.call("RESET")).isEqualTo("RESET");
            assertThat(RespClient.text(monitor.call("GET", "foo"))).isEqualTo("bar");
            return lines;
        }
    }

    private static String read(RespClient monitor) {
        return RespClient.text(monitor.read());
    }
}
