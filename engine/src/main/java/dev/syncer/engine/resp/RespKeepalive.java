package dev.syncer.engine.resp;

/**
 * An empty inline line: no command, but a sign of life. A replica sends one while it loads a long
 * RDB (Redis's replicationSendNewlineToMaster), and its primary counts it as an ACK's time so the
 * replica is not dropped for repl-timeout mid-load (processInlineBuffer); other clients' are ignored.
 */
public record RespKeepalive(int wireLength) {
}
