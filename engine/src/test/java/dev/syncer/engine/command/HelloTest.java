package dev.syncer.engine.command;

import dev.syncer.engine.testing.DirectShard;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** HELLO as Redis 7.0's helloCommand: the protocol switch, its reply map, and its refusals. */
class HelloTest {

    private static String raw(DirectShard s, String... args) {
        return new String(s.callRaw(args), StandardCharsets.UTF_8);
    }

    @Test
    void hello3SwitchesTheConnectionAndAnswersInResp3() {
        try (DirectShard s = new DirectShard()) {
            long id = s.session().id();
            assertThat(raw(s, "HELLO", "3")).isEqualTo("%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n"
                    + "$5\r\nproto\r\n:3\r\n$2\r\nid\r\n:" + id + "\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n"
                    + "$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n");
            assertThat(s.session().protocol()).isEqualTo(3);
            assertThat(raw(s, "GET", "missing")).isEqualTo("_\r\n");
            assertThat(raw(s, "CLIENT", "INFO")).startsWith("=").contains("txt:id=" + id).contains(" resp=3\n");
            // HELLO without a version reports the protocol in use and keeps it
            assertThat(raw(s, "HELLO")).startsWith("%7\r\n").contains("$5\r\nproto\r\n:3\r\n");
            assertThat(raw(s, "HELLO", "2")).startsWith("*14\r\n").contains("$5\r\nproto\r\n:2\r\n");
            assertThat(raw(s, "GET", "missing")).isEqualTo("$-1\r\n");
            assertThat(raw(s, "CLIENT", "INFO")).startsWith("$").contains(" resp=2\n");
        }
    }

    @Test
    void anUnknownVersionIsRefusedAndChangesNothing() {
        try (DirectShard s = new DirectShard()) {
            assertThat(s.call("HELLO", "1")).isEqualTo(DirectShard.error("NOPROTO unsupported protocol version"));
            assertThat(s.call("HELLO", "4")).isEqualTo(DirectShard.error("NOPROTO unsupported protocol version"));
            assertThat(s.call("HELLO", "x"))
                    .isEqualTo(DirectShard.error("ERR Protocol version is not an integer or out of range"));
            assertThat(s.call("HELLO", "3", "BOGUS")).isEqualTo(DirectShard.error("ERR Syntax error in HELLO option 'BOGUS'"));
            assertThat(s.session().protocol()).isEqualTo(2);
        }
    }

    @Test
    void authAndSetnameComeWithTheSwitch() {
        try (DirectShard s = new DirectShard("requirepass", "secret")) {
            s.session().protocol(2);
            assertThat(s.call("HELLO", "3", "AUTH", "default", "wrong"))
                    .isEqualTo(DirectShard.error("WRONGPASS invalid username-password pair or user is disabled."));
            assertThat(s.session().protocol()).isEqualTo(2);
            assertThat(raw(s, "HELLO", "3", "AUTH", "default", "secret", "SETNAME", "console")).startsWith("%7\r\n");
            assertThat(s.session().name()).isEqualTo("console");
            assertThat(s.session().protocol()).isEqualTo(3);
        }
    }
}
