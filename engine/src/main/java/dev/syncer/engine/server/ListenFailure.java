package dev.syncer.engine.server;

/**
 * A listening socket could not be bound at start-up (the port is taken, the address is not this
 * host's). The reason is logged already, in Redis's words, so a launcher ends quietly on it.
 */
public final class ListenFailure extends IllegalStateException {

    ListenFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
