package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Numbers;

/**
 * Integer arguments with their own error text, as Redis's getRangeLongFromObjectOrReply: a value
 * that is not an integer, or one outside [min, max], answers the command's message (or Redis's
 * generic range message when there is none).
 */
final class Counts {

    private Counts() {
    }

    /** Redis's getRangeLongFromObjectOrReply. */
    static long inRange(Args a, int i, long min, long max, String message) {
        Long v = Numbers.parseLong(a.bytes(i));
        if (v == null) {
            throw new CommandError(message == null ? CommandError.NOT_INTEGER : "ERR " + message);
        }
        if (v < min || v > max) {
            throw new CommandError(message == null
                    ? "ERR value is out of range, value must between " + min + " and " + max
                    : "ERR " + message);
        }
        return v;
    }

    /** Redis's getPositiveLongFromObjectOrReply with a message: 0 or more. */
    static long positive(Args a, int i, String message) {
        return inRange(a, i, 0, Long.MAX_VALUE, message);
    }

    /** Redis's getRangeLongFromObjectOrReply(-LONG_MAX, LONG_MAX): counts of SRANDMEMBER and its kin. */
    static long signedCount(Args a, int i) {
        return inRange(a, i, -Long.MAX_VALUE, Long.MAX_VALUE, null);
    }
}
