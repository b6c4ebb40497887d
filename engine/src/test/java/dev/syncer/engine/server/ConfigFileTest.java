package dev.syncer.engine.server;

import dev.syncer.engine.Shards;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigFileTest {

    @TempDir
    Path dir;

    private Path write(String... lines) throws IOException {
        Path file = dir.resolve("redis.conf");
        Files.write(file, List.of(lines));
        return file;
    }

    @Test
    void directivesAreReadWithQuotesAndCommentsAsRedisReadsThem() throws IOException {
        Config c = Shards.config();
        ConfigFile.read(write("# a comment", "", "port 7001", "save \"\"", "requirepass 'a b'",
                "slaveof 10.0.0.1 6380", "  timeout   30  "), c);
        assertThat(c.get("port")).isEqualTo("7001");
        assertThat(c.get("save")).isEmpty();
        assertThat(c.get("requirepass")).isEqualTo("a b");
        assertThat(c.get("replicaof")).isEqualTo("10.0.0.1 6380");
        assertThat(c.get("timeout")).isEqualTo("30");
        assertThat(c.file()).isEqualTo(dir.resolve("redis.conf"));
    }

    @Test
    void anUnknownDirectiveStopsTheStartWithTheLineItIsOn() throws IOException {
        Path file = write("port 7001", "no-such-directive yes");
        assertThatThrownBy(() -> ConfigFile.read(file, Shards.config()))
                .hasMessageContaining("at line 2").hasMessageContaining(">>> 'no-such-directive yes'")
                .hasMessageContaining("Bad directive or wrong number of arguments");
    }

    @Test
    void aBadValueAndUnbalancedQuotesAreReportedToo() throws IOException {
        Path badValue = write("timeout soon");
        assertThatThrownBy(() -> ConfigFile.read(badValue, Shards.config()))
                .hasMessageContaining("at line 1").hasMessageContaining("couldn't be parsed into an integer");
        Path unbalanced = write("requirepass \"open");
        assertThatThrownBy(() -> ConfigFile.read(unbalanced, Shards.config()))
                .hasMessageContaining("Unbalanced quotes");
    }

    @Test
    void rewriteUpdatesLinesInPlaceKeepsTheRestAndAppendsChangedSettings() throws IOException {
        Config c = Shards.config();
        Path file = write("# kept", "slaveof 10.0.0.1 6380", "timeout 30", "timeout 40");
        ConfigFile.read(file, c);
        c.set("timeout", "0"); // back to the default: a line already there still says so
        c.set("maxmemory-policy", "allkeys-lru");
        c.set("requirepass", "pässwörd");
        c.setInitial("replicaof", "");
        ConfigFile.rewrite(c);
        assertThat(Files.readAllLines(file)).containsExactly("# kept", "replicaof \"\"", "timeout 0",
                "requirepass pässwörd", "maxmemory-policy allkeys-lru");
        Config reread = Shards.config();
        ConfigFile.read(file, reread);
        assertThat(reread.get("maxmemory-policy")).isEqualTo("allkeys-lru");
        assertThat(reread.get("replicaof")).isEmpty();
        assertThat(reread.get("requirepass")).isEqualTo("pässwörd");
    }

    @Test
    void userLinesAreKeptForTheAclInOrderAndANameGivenTwiceStopsTheStart() throws IOException {
        Config c = Shards.config();
        ConfigFile.read(write("user default on nopass ~* +@all -flushdb", "port 7001", "user alice on >pw (~k* +get)"), c);
        assertThat(c.users()).containsExactly(List.of("default", "on", "nopass", "~*", "+@all", "-flushdb"),
                List.of("alice", "on", ">pw", "(~k*", "+get)"));
        Path twice = write("user alice on", "user bob on", "user alice off");
        assertThatThrownBy(() -> ConfigFile.read(twice, Shards.config()))
                .hasMessageContaining("at line 3").hasMessageContaining("Error in user declaration 'alice': "
                        + "Duplicate user found. A user can only be defined once in config files");
        Path nameless = write("user");
        assertThatThrownBy(() -> ConfigFile.read(nameless, Shards.config()))
                .hasMessageContaining("Bad directive or wrong number of arguments");
    }

    @Test
    void rewriteReplacesTheUserLinesWithTheLiveUsersAtTheFirstOne() throws IOException {
        Config c = Shards.config();
        Path file = write("# kept", "user default on nopass ~* +@all", "timeout 30", "user old on");
        ConfigFile.read(file, c);
        c.setUserLines(() -> List.of("user alice on #5e88 ~* &* +@all", "user default on nopass ~* &* +@all -flushdb"));
        ConfigFile.rewrite(c);
        assertThat(Files.readAllLines(file)).containsExactly("# kept", "user alice on #5e88 ~* &* +@all",
                "user default on nopass ~* &* +@all -flushdb", "timeout 30");

        Path without = write("timeout 30");
        Config fresh = Shards.config();
        ConfigFile.read(without, fresh);
        fresh.setUserLines(() -> List.of("user default on nopass ~* &* +@all"));
        ConfigFile.rewrite(fresh);
        assertThat(Files.readAllLines(without)).containsExactly("timeout 30", "user default on nopass ~* &* +@all");
    }

    @Test
    void splitArgsFollowsSdssplitargs() {
        assertThat(ConfigFile.splitArgs("a \"b c\" 'd\\'e' \"x\\ny\"")).containsExactly("a", "b c", "d'e", "x\ny");
        assertThat(ConfigFile.splitArgs("\"ab\"c")).isNull();
        assertThat(ConfigFile.splitArgs("   ")).isEmpty();
    }
}
