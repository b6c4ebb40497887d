package dev.syncer.engine.replication.replica;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The replica's handshake, as a pure function: Redis's order and its tolerance of errors. */
class HandshakeTest {

    private static final Handshake.Settings PLAIN = new Handshake.Settings("", "", 6380, "");
    private static final Handshake.Settings AUTH = new Handshake.Settings("sekret", "", 6380, "");
    private static final Handshake.Settings USER_AND_IP = new Handshake.Settings("sekret", "repl", 26380, "127.0.0.9");

    private static List<String> text(List<byte[][]> commands) {
        return commands.stream().map(argv -> String.join(" ", Arrays.stream(argv)
                .map(a -> new String(a, StandardCharsets.UTF_8)).toList())).toList();
    }

    @Test
    void connectingSendsPingFirst() {
        Handshake.Step s = Handshake.connected();
        assertThat(s.next()).isEqualTo(ReplState.RECEIVE_PING_REPLY);
        assertThat(text(s.send())).containsExactly("PING");
    }

    @Test
    void aPongSendsPortAndCapaBackToBack() {
        Handshake.Step s = Handshake.onReply(ReplState.RECEIVE_PING_REPLY, "+PONG", PLAIN);
        assertThat(s.abort()).isFalse();
        assertThat(s.next()).isEqualTo(ReplState.RECEIVE_PORT_REPLY);
        assertThat(text(s.send())).containsExactly("REPLCONF listening-port 6380", "REPLCONF capa eof capa psync2");
    }

    @Test
    void dualChannelAddsItsCapaAndItsPsyncAnswerIsRead() {
        Handshake.Settings dual = new Handshake.Settings("", "", 6380, "", true);
        Handshake.Step s = Handshake.onReply(ReplState.RECEIVE_PING_REPLY, "+PONG", dual);
        assertThat(text(s.send())).containsExactly("REPLCONF listening-port 6380",
                "REPLCONF capa eof capa psync2 capa dual-channel");
        assertThat(PsyncReply.parse("+DUALCHANNELSYNC").kind()).isEqualTo(PsyncReply.Kind.DUAL_CHANNEL);
        assertThat(PsyncReply.parse("+DUALCHANNELSYNCX").kind()).as("Valkey compares the prefix").isEqualTo(PsyncReply.Kind.DUAL_CHANNEL);
    }

    @Test
    void noauthToPingIsFineWhenAuthFollows() {
        Handshake.Step s = Handshake.onReply(ReplState.RECEIVE_PING_REPLY, "-NOAUTH Authentication required.", AUTH);
        assertThat(s.abort()).isFalse();
        assertThat(s.next()).isEqualTo(ReplState.RECEIVE_AUTH_REPLY);
        assertThat(text(s.send())).containsExactly("AUTH sekret", "REPLCONF listening-port 6380",
                "REPLCONF capa eof capa psync2");
    }

    @Test
    void masteruserAndAnnounceIpAddTheirCommandsInRedisOrder() {
        Handshake.Step s = Handshake.onReply(ReplState.RECEIVE_PING_REPLY, "+PONG", USER_AND_IP);
        assertThat(text(s.send())).containsExactly("AUTH repl sekret", "REPLCONF listening-port 26380",
                "REPLCONF ip-address 127.0.0.9", "REPLCONF capa eof capa psync2");
        assertThat(Handshake.onReply(ReplState.RECEIVE_AUTH_REPLY, "+OK", USER_AND_IP).next())
                .isEqualTo(ReplState.RECEIVE_PORT_REPLY);
        assertThat(Handshake.onReply(ReplState.RECEIVE_PORT_REPLY, "+OK", USER_AND_IP).next())
                .isEqualTo(ReplState.RECEIVE_IP_REPLY);
        assertThat(Handshake.onReply(ReplState.RECEIVE_IP_REPLY, "+OK", USER_AND_IP).next())
                .isEqualTo(ReplState.RECEIVE_CAPA_REPLY);
    }

    @Test
    void otherErrorsToPingAbort() {
        Handshake.Step s = Handshake.onReply(ReplState.RECEIVE_PING_REPLY, "-ERR unknown command", PLAIN);
        assertThat(s.abort()).isTrue();
        assertThat(s.next()).isEqualTo(ReplState.CONNECT);
        assertThat(s.log()).isEqualTo("Error reply to PING from master: '-ERR unknown command'");
    }

    @Test
    void aRefusedAuthAborts() {
        Handshake.Step s = Handshake.onReply(ReplState.RECEIVE_AUTH_REPLY, "-WRONGPASS invalid username-password pair", AUTH);
        assertThat(s.abort()).isTrue();
        assertThat(s.log()).startsWith("Unable to AUTH to MASTER: -WRONGPASS");
    }

    @Test
    void replconfErrorsAreOnlyNonCritical() {
        Handshake.Step port = Handshake.onReply(ReplState.RECEIVE_PORT_REPLY, "-ERR Unrecognized REPLCONF option", PLAIN);
        assertThat(port.abort()).isFalse();
        assertThat(port.next()).isEqualTo(ReplState.RECEIVE_CAPA_REPLY);
        assertThat(port.log()).startsWith("(Non critical) Master does not understand REPLCONF listening-port");
        Handshake.Step capa = Handshake.onReply(ReplState.RECEIVE_CAPA_REPLY, "-ERR nope", PLAIN);
        assertThat(capa.abort()).isFalse();
        assertThat(capa.next()).isEqualTo(ReplState.SEND_PSYNC);
    }

    @Test
    void psyncAsksForTheFirstByteWeLackOrForEverything() {
        assertThat(String.join(" ", Arrays.stream(Handshake.psync(null, 0, false)).map(String::new).toList()))
                .isEqualTo("PSYNC ? -1");
        assertThat(String.join(" ", Arrays.stream(Handshake.psync("ab", 114, false)).map(String::new).toList()))
                .isEqualTo("PSYNC ab 115");
        assertThat(String.join(" ", Arrays.stream(Handshake.psync("ab", 114, true)).map(String::new).toList()))
                .isEqualTo("PSYNC ab 115 FAILOVER");
    }

    @Test
    void psyncRepliesAreReadAsRedisReadsThem() {
        PsyncReply full = PsyncReply.parse("+FULLRESYNC aba6628f5bdf7ba90a5956f47d0ac2d75af22c23 1316");
        assertThat(full.kind()).isEqualTo(PsyncReply.Kind.FULLRESYNC);
        assertThat(full.replid().hex()).isEqualTo("aba6628f5bdf7ba90a5956f47d0ac2d75af22c23");
        assertThat(full.offset()).isEqualTo(1316);
        assertThat(PsyncReply.parse("+FULLRESYNC short 1").malformed()).isTrue();
        assertThat(PsyncReply.parse("+CONTINUE").replid()).isNull();
        assertThat(PsyncReply.parse("+CONTINUE 0e35b13f76e3202f7a575524f6cbd7a736917607").replid().hex())
                .isEqualTo("0e35b13f76e3202f7a575524f6cbd7a736917607");
        assertThat(PsyncReply.parse("").kind()).isEqualTo(PsyncReply.Kind.WAIT);
        assertThat(PsyncReply.parse("-NOMASTERLINK Can't SYNC while not connected with my master").kind())
                .isEqualTo(PsyncReply.Kind.TRY_LATER);
        assertThat(PsyncReply.parse("-LOADING Redis is loading").kind()).isEqualTo(PsyncReply.Kind.TRY_LATER);
        assertThat(PsyncReply.parse("-ERR unknown command 'PSYNC'").kind()).isEqualTo(PsyncReply.Kind.NOT_SUPPORTED);
    }

    @Test
    void roleNamesFollowRedis() {
        assertThat(ReplState.RECEIVE_CAPA_REPLY.roleName()).isEqualTo("handshake");
        assertThat(ReplState.TRANSFER.roleName()).isEqualTo("sync");
        assertThat(ReplState.CONNECTED.roleName()).isEqualTo("connected");
        assertThat(ReplState.CONNECT.roleName()).isEqualTo("connect");
    }
}
