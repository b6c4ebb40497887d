package dev.syncer.engine.command;

/**
 * A command failed the way Redis reports it; the message starts with the error code
 * ("ERR ...", "WRONGTYPE ...", "NOAUTH ..."). The connection stays open.
 */
public final class CommandError extends RuntimeException {

    public static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    public static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    public static final String NOT_FLOAT = "ERR value is not a valid float";
    public static final String SYNTAX = "ERR syntax error";

    public CommandError(String message) {
        super(message, null, false, false);
    }

    public static CommandError wrongType() {
        return new CommandError(WRONGTYPE);
    }

    public static CommandError syntax() {
        return new CommandError(SYNTAX);
    }

    public static CommandError notInteger() {
        return new CommandError(NOT_INTEGER);
    }
}
