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

    /** Redis 7's text: "ERR unknown command 'foo', with args beginning with: 'a' 'b' ". */
    public static String unknownCommand(byte[][] argv) {
        StringBuilder args = new StringBuilder();
        for (int i = 1; i < argv.length && args.length() < 128; i++) {
            String a = new String(argv[i], java.nio.charset.StandardCharsets.UTF_8);
            int room = 128 - args.length();
            args.append('\'').append(a, 0, Math.min(a.length(), room)).append("' ");
        }
        String name = new String(argv[0], java.nio.charset.StandardCharsets.UTF_8);
        return "ERR unknown command '" + name.substring(0, Math.min(128, name.length()))
                + "', with args beginning with: " + args;
    }
}
