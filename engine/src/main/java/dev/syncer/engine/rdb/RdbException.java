package dev.syncer.engine.rdb;

import java.io.IOException;

/**
 * An RDB that cannot be loaded: truncated, corrupt, or holding something we do not support.
 * The message says what and where (byte offset, and the key when one was being read).
 */
public final class RdbException extends IOException {

    public RdbException(String message) {
        super(message);
    }
}
