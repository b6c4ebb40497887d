package dev.syncer.engine.security;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks: {@code CONFIG SET dir /anywhere} or {@code CONFIG SET dbfilename /abs/path} and then SAVE
 * wrote attacker-chosen bytes anywhere; DEBUG was open to every client. As in Redis 7, dir and
 * dbfilename are protected configs, dbfilename is never a path, DEBUG is off unless the server was
 * started with enable-debug-command, and none of those switches can be set at run time. Every reply
 * is compared with redis-server's.
 */
class ProtectedConfigsIT {

    private static final List<String[]> REFUSED_AT_RUN_TIME = List.of(
            new String[] {"CONFIG", "SET", "dir", "/tmp"},
            new String[] {"CONFIG", "SET", "dbfilename", "evil.rdb"},
            new String[] {"CONFIG", "SET", "dbfilename", "/tmp/evil.rdb"},
            new String[] {"CONFIG", "SET", "enable-protected-configs", "yes"},
            new String[] {"CONFIG", "SET", "enable-debug-command", "yes"},
            new String[] {"CONFIG", "SET", "enable-module-command", "yes"},
            new String[] {"DEBUG", "DIGEST"},
            new String[] {"DEBUG", "POPULATE", "10"});

    @Test
    void pathsAndDebugAreRefusedAsRedis7RefusesThemAndSaveStaysInItsDirectory() {
        try (RealRedis redis = RealRedis.start();
             TestShard shard = TestShard.start("enable-debug-command", "local");
             TestShard guarded = TestShard.start("enable-debug-command", "no");
             RespClient real = redis.raw();
             RespClient ours = guarded.raw();
             RespClient attacker = shard.raw()) {
            Bystander bystander = Bystander.on(shard);
            for (String[] command : REFUSED_AT_RUN_TIME) {
                Object expected = real.call(command);
                assertThat(expected).as(String.join(" ", command)).isInstanceOf(RespClient.Error.class);
                assertThat(ours.call(command)).as(String.join(" ", command)).isEqualTo(expected);
                if (!command[0].equals("DEBUG")) {
                    assertThat(attacker.call(command)).as(String.join(" ", command)).isEqualTo(expected);
                }
            }
            assertThat(attacker.call("SAVE")).isEqualTo("OK");
            assertThat(Files.exists(shard.dir().resolve("dump.rdb"))).isTrue();
            assertThat(Files.exists(Path.of("/tmp/evil.rdb"))).isFalse();
            bystander.assertServedAndDataIntact();
        }
    }

    @Test
    void dbfilenameIsNeverAPathEvenWithProtectedConfigsEnabled() {
        try (RealRedis redis = RealRedis.start("--enable-protected-configs", "yes");
             TestShard shard = TestShard.start("enable-protected-configs", "yes");
             RespClient real = redis.raw();
             RespClient ours = shard.raw()) {
            for (String name : new String[] {"/tmp/evil.rdb", "../evil.rdb", "sub\\evil.rdb", "other.rdb"}) {
                String[] command = {"CONFIG", "SET", "dbfilename", name};
                assertThat(ours.call(command)).as(name).isEqualTo(real.call(command));
            }
            assertThat(RespClient.texts(ours.call("CONFIG", "GET", "dbfilename"))).isEqualTo(List.of("dbfilename", "other.rdb"));
        }
    }

    @Test
    void localDebugAnswersOnLoopbackOnly() {
        try (TestShard shard = TestShard.start("enable-debug-command", "local"); RespClient c = shard.raw()) {
            assertThat(RespClient.text(c.call("DEBUG", "DIGEST"))).hasSize(40);
            assertThat(RespClient.texts(c.call("CONFIG", "GET", "enable-debug-command")))
                    .isEqualTo(List.of("enable-debug-command", "local"));
        }
    }
}
