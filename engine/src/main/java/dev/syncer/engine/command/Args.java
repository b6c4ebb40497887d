package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Numbers;
import dev.syncer.engine.resp.Doubles;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A command's arguments (index 0 is the command name), with Redis's parsing rules and errors. */
public final class Args {

    private final byte[][] argv;

    public Args(byte[][] argv) {
        this.argv = argv;
    }

    public int count() {
        return argv.length;
    }

    public byte[][] argv() {
        return argv;
    }

    public byte[] bytes(int i) {
        return argv[i];
    }

    public String string(int i) {
        return new String(argv[i], StandardCharsets.UTF_8);
    }

    /** The argument upper-cased, for option names like "EX" or "WITHSCORES". */
    public String option(int i) {
        return new String(argv[i], StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
    }

    public boolean is(int i, String option) {
        return i < argv.length && option.equalsIgnoreCase(new String(argv[i], StandardCharsets.ISO_8859_1));
    }

    public Key key(int i) {
        return new Key(argv[i]);
    }

    /** An integer argument; "ERR value is not an integer or out of range" otherwise. */
    public long longValue(int i) {
        Long v = Numbers.parseLong(argv[i]);
        if (v == null) {
            throw CommandError.notInteger();
        }
        return v;
    }

    public int intValue(int i) {
        long v = longValue(i);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw CommandError.notInteger();
        }
        return (int) v;
    }

    /** A float argument; "ERR value is not a valid float" otherwise. */
    public double doubleValue(int i) {
        Double v = Doubles.parse(argv[i]);
        if (v == null) {
            throw new CommandError(CommandError.NOT_FLOAT);
        }
        return v;
    }

    /** The command name in lower case, as Redis quotes it in errors. */
    public String commandName() {
        return new String(argv[0], StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    }
}
