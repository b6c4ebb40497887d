package dev.syncer.engine.activeactive.crdt;

/** Bytes that are not a valid encoded delta or key state; the message says what is wrong and where. */
public final class MalformedStateException extends RuntimeException {

    public MalformedStateException(String message) {
        super(message, null, false, false);
    }
}
