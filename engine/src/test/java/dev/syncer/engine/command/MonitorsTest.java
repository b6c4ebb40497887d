package dev.syncer.engine.command;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The line replicationFeedMonitors writes: timestamp, db and client, sdscatrepr'd arguments, secrets redacted. */
class MonitorsTest {

    private static byte[][] argv(String... args) {
        byte[][] out = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            out[i] = args[i].getBytes(StandardCharsets.ISO_8859_1);
        }
        return out;
    }

    @Test
    void lineHasMicrosecondsDbClientAndQuotedArguments() {
        Instant at = Instant.ofEpochSecond(1339518083, 107_412_000);
        assertThat(Monitors.line(at, "127.0.0.1:60866", 0, argv("keys", "*")))
                .isEqualTo("+1339518083.107412 [0 127.0.0.1:60866] \"keys\" \"*\"\r\n");
        assertThat(Monitors.line(Instant.ofEpochSecond(5, 1_000), "lua", 9, argv("set", "k", "v")))
                .isEqualTo("+5.000001 [9 lua] \"set\" \"k\" \"v\"\r\n");
    }

    @Test
    void argumentsAreEscapedAsSdscatrepr() {
        StringBuilder out = new StringBuilder();
        Monitors.repr(out, new byte[] {'a', '"', '\\', '\n', '\r', '\t', 7, '\b', 0, (byte) 0xff, ' '});
        assertThat(out).hasToString("\"a\\\"\\\\\\n\\r\\t\\a\\b\\x00\\xff \"");
    }

    @Test
    void secretsAreRedacted() {
        Instant at = Instant.ofEpochSecond(1);
        assertThat(Monitors.line(at, "c", 0, argv("AUTH", "user", "pass"))).endsWith("\"AUTH\" \"(redacted)\" \"(redacted)\"\r\n");
        assertThat(Monitors.line(at, "c", 0, argv("hello", "2", "AUTH", "u", "p", "SETNAME", "n")))
                .endsWith("\"hello\" \"2\" \"AUTH\" \"(redacted)\" \"(redacted)\" \"SETNAME\" \"n\"\r\n");
        assertThat(Monitors.line(at, "c", 0, argv("migrate", "h", "1", "k", "0", "10", "AUTH2", "u", "p", "KEYS", "a")))
                .endsWith("\"AUTH2\" \"(redacted)\" \"(redacted)\" \"KEYS\" \"a\"\r\n");
    }

    @Test
    void administrativeCommandsAreNotShown() {
        CommandTable t = CommandTable.standard();
        assertThat(Monitors.shown(t.lookup("config".getBytes()), argv("config", "get", "x"))).isFalse();
        assertThat(Monitors.shown(t.lookup("monitor".getBytes()), argv("monitor"))).isFalse();
        assertThat(Monitors.shown(t.lookup("client".getBytes()), argv("client", "kill", "x"))).isFalse();
        assertThat(Monitors.shown(t.lookup("client".getBytes()), argv("client", "id"))).isTrue();
        assertThat(Monitors.shown(t.lookup("set".getBytes()), argv("set", "k", "v"))).isTrue();
    }
}
