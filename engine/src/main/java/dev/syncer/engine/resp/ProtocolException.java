package dev.syncer.engine.resp;

/**
 * Malformed RESP. The message is Redis's own ("Protocol error: invalid bulk length"); the server
 * answers {@code -ERR <message>} and closes the connection, as Redis does.
 */
public final class ProtocolException extends RuntimeException {

    public ProtocolException(String message) {
        super(message, null, false, false);
    }
}
