package dev.syncer.engine.server;

import dev.syncer.engine.testing.Cli;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** redis-cli -s and redis-benchmark -s against a shard's unixsocket, as Redis's suite drives psync2-reg and aof-race. */
class UnixSocketIT {

    @Test
    void redisCliAndBenchmarkRunOverTheSocketAndShutdownRemovesIt(@TempDir Path dir) throws IOException {
        Cli.assumeInstalled("redis-cli");
        Cli.assumeInstalled("redis-benchmark");
        Path socket = dir.resolve("redis.sock");
        Files.writeString(socket, "stale"); // what a crashed server leaves: removed before the bind
        try (TestShard shard = TestShard.start(dir, "unixsocket", socket.toString(), "unixsocketperm", "700")) {
            assertThat(Files.isRegularFile(socket)).as("the stale file was replaced by the socket").isFalse();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rwx------");
            assertThat(Cli.runUnix(socket, "PING").strip()).isEqualTo("PONG");
            assertThat(Cli.runUnix(socket, "SET", "k", "v").strip()).isEqualTo("OK");
            assertThat(Cli.runUnix(socket, "GET", "k").strip()).isEqualTo("v");
            // genClientAddrString: both addresses are the socket's path with port 0, and the U flag
            assertThat(Cli.runUnix(socket, "CLIENT", "INFO"))
                    .contains("addr=" + socket + ":0 laddr=" + socket + ":0 ").contains(" flags=U ");
            assertThat(Cli.runUnix(socket, "CONFIG", "GET", "unix*").strip().lines().toList())
                    .containsExactly("unixsocket", socket.toString(), "unixsocketperm", "700");
            assertThat(Cli.runUnix(socket, "CONFIG", "SET", "unixsocket", "/tmp/elsewhere").strip())
                    .contains("can't set immutable config");

            String bench = Cli.exec(120, List.of("redis-benchmark", "-s", socket.toString(), "-n", "2000", "-c", "4",
                    "-r", "100", "-q", "incr", "__rand_int__"));
            assertThat(bench).as(bench).contains("requests per second").doesNotContain("Error");
            assertThat(Cli.run(shard.port(), "EVAL", "local n = 0 for _, k in ipairs(redis.call('KEYS', '0*')) do "
                    + "n = n + tonumber(redis.call('GET', k)) end return n", "0").strip())
                    .as("every INCR of the benchmark arrived").isEqualTo("2000");
            // TCP clients are unchanged
            assertThat(Cli.run(shard.port(), "CLIENT", "INFO")).contains("addr=127.0.0.1:").contains(" flags=N ");
        }
        assertThat(socket).as("a clean shutdown removes the socket file").doesNotExist();
    }

    @Test
    void aSocketLeftByAnotherProcessIsReplaced(@TempDir Path dir) throws IOException {
        Cli.assumeInstalled("redis-cli");
        Path socket = dir.resolve("s.sock");
        // a listener closed without removing its file, as a killed server leaves it: binding there fails
        try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stale.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists();
        try (TestShard shard = TestShard.start(dir, "unixsocket", socket.toString())) {
            assertThat(Cli.runUnix(socket, "PING").strip()).isEqualTo("PONG");
        }
    }

    @Test
    void aPathTooLongForSunPathEndsTheStart(@TempDir Path dir) {
        String tooLong = dir.resolve("x".repeat(UnixSocket.SUN_PATH_SIZE)).toString();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestShard.start(dir, "unixsocket", tooLong))
                .isInstanceOf(ListenFailure.class);
    }
}
