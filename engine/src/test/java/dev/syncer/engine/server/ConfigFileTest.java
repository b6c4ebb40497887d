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
    void splitArgsFollowsSdssplitargs() {
        assertThat(ConfigFile.splitArgs("a \"b c\" 'd\\'e' \"x\\ny\"")).containsExactly("a", "b c", "d'e", "x\ny");
        assertThat(ConfigFile.splitArgs("\"ab\"c")).isNull();
        assertThat(ConfigFile.splitArgs("   ")).isEmpty();
    }
}
