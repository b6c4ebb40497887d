package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Numbers;
import dev.syncer.engine.resp.Doubles;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A command's arguments (index 0 is the command name), with Redis's parsing rules and errors. */
public final class Args {

    private final byte[][] argv;
    private Key first; // argument 1, the usual key: the command and the dispatcher's after-write steps share it

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

    /** The argument is the (ASCII) option, case aside; compared in place, as option loops ask per argument. */
    public boolean is(int i, String option) {
        if (i >= argv.length || argv[i].length != option.length()) {
            return false;
        }
        byte[] b = argv[i];
        for (int j = 0; j < b.length; j++) {
            if (asciiLower(b[j]) != asciiLower(option.charAt(j))) {
                return false;
            }
        }
        return true;
    }

    private static int asciiLower(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    public Key key(int i) {
        if (i != 1) {
            return new Key(argv[i]);
        }
        if (first == null) {
            first = new Key(argv[1]);
        }
        return first;
    }

    /** An integer argument; "ERR value is not an integer or out of range" otherwise. */
    public long longValue(int i) {
        Long v = Numbers.parseLong(argv[i]);
        if (v == null) {
            throw CommandError.notInteger();
        }
        return v;
    }

    /** Redis's getPositiveLongFromObjectOrReply: a count of zero or more (SPOP, LPOP, ZPOPMIN...). */
    public long positiveLong(int i) {
        return Counts.positive(this, i, "value is out of range, must be positive"); // not-a-number too
    }

    /**
     * Redis's getExpireMillisecondsOrReply (SET's EX/PX/EXAT/PXAT, SETEX, PSETEX, GETEX): the expiry
     * as an absolute unix time in ms; zero, negative or overflowing values are an invalid expire time.
     */
    public long expireMillis(int i, boolean seconds, boolean relative, long nowMs) {
        long value = longValue(i);
        if (value <= 0 || (seconds && value > Long.MAX_VALUE / 1000)) {
            throw invalidExpire();
        }
        if (seconds) {
            value *= 1000;
        }
        if (relative) {
            value += nowMs;
        }
        if (value <= 0) {
            throw invalidExpire(); // overflowed
        }
        return value;
    }

    /** Redis's expireGenericCommand's arithmetic: any integer, plus basetime (now, or 0 for the *AT forms). */
    public long expireTime(int i, boolean seconds, long basetime) {
        long when = longValue(i);
        if (seconds) {
            if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
                throw invalidExpire();
            }
            when *= 1000;
        }
        if (when > Long.MAX_VALUE - basetime) {
            throw invalidExpire();
        }
        return when + basetime;
    }

    /** "invalid expire time in '&lt;command&gt;' command". */
    public CommandError invalidExpire() {
        return new CommandError("ERR invalid expire time in '" + commandName() + "' command");
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
