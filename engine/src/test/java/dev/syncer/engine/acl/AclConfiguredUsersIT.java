package dev.syncer.engine.acl;

import dev.syncer.engine.Shards;
import dev.syncer.engine.persistence.FatalStartupError;
import dev.syncer.engine.server.Config;
import dev.syncer.engine.server.ConfigFile;
import dev.syncer.engine.server.Shard;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Users declared by redis.conf "user" lines and --user options, as ACLLoadUsersAtStartup creates them. */
class AclConfiguredUsersIT {

    @TempDir
    Path dir;

    @Test
    void theDefaultUserDeclaredInTheConfigurationStartsFromReset() {
        try (TestShard shard = TestShard.start("user", "default on nopass ~* +@all", "user", "alice on >pw ~a* +get");
             RespClient c = shard.raw()) {
            assertThat(c.call("SUBSCRIBE", "foo")).as("reset leaves no channels (acl-pubsub-default resetchannels)")
                    .isEqualTo(new RespClient.Error("NOPERM this user has no permissions to access one of the channels used as arguments"));
            assertThat(c.call("SET", "k", "v")).isEqualTo("OK");
            assertThat(c.call("AUTH", "alice", "pw")).isEqualTo("OK");
            assertThat(c.call("GET", "b")).isEqualTo(
                    new RespClient.Error("NOPERM this user has no permissions to access one of the keys used as arguments"));
        }
    }

    @Test
    void usersInTheConfigurationAndAnAclfileBothStopTheStart() {
        assertThatThrownBy(() -> TestShard.start("aclfile", "users.acl", "user", "alice on"))
                .isInstanceOf(FatalStartupError.class).hasMessageContaining("but not both");
        assertThatThrownBy(() -> TestShard.start("user", "alice on +no-such-command"))
                .isInstanceOf(FatalStartupError.class).hasMessageContaining("alice");
    }

    @Test
    void configRewriteKeepsTheUsersAndARestartReadsThemBack() throws IOException, InterruptedException {
        Path file = dir.resolve("redis.conf");
        Files.write(file, List.of("port 0", "save \"\"", "dir " + dir, "user default on nopass ~* +@all -flushdb"));
        Shard first = start(file);
        try (RespClient c = RespClient.connect(first.port())) {
            assertThat(c.call("FLUSHDB")).isEqualTo(new RespClient.Error("NOPERM this user has no permissions to run the 'flushdb' command"));
            assertThat(c.call("ACL", "SETUSER", "alice", "on", ">pw", "+get", "~*")).isEqualTo("OK");
            assertThat(c.call("CONFIG", "REWRITE")).isEqualTo("OK");
        } finally {
            first.close();
        }
        assertThat(Files.readAllLines(file)).filteredOn(l -> l.startsWith("user ")).hasSize(2);
        Shard second = start(file);
        try (RespClient c = RespClient.connect(second.port())) {
            assertThat(c.call("FLUSHDB")).isEqualTo(new RespClient.Error("NOPERM this user has no permissions to run the 'flushdb' command"));
            assertThat(c.call("AUTH", "alice", "pw")).isEqualTo("OK");
        } finally {
            second.close();
        }
    }

    private static Shard start(Path file) throws IOException, InterruptedException {
        Config config = Shards.config();
        ConfigFile.read(file, config);
        Shard shard = Shards.create(config);
        shard.start();
        return shard;
    }
}
