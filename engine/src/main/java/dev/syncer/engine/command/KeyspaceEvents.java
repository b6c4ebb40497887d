package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.server.Config;

import java.nio.charset.StandardCharsets;

/**
 * Keyspace notifications, as Redis 7.0's notify.c: notify-keyspace-events selects classes of
 * events, and each event a write causes is published on {@code __keyspace@<db>__:<key>} (message:
 * the event name) and/or {@code __keyevent@<db>__:<event>} (message: the key). Commands call
 * {@link #notify} where Redis calls notifyKeyspaceEvent; this class alone builds the messages.
 */
public final class KeyspaceEvents {

    public static final int KEYSPACE = 1;
    public static final int KEYEVENT = 1 << 1;
    public static final int GENERIC = 1 << 2;
    public static final int STRING = 1 << 3;
    public static final int LIST = 1 << 4;
    public static final int SET = 1 << 5;
    public static final int HASH = 1 << 6;
    public static final int ZSET = 1 << 7;
    public static final int EXPIRED = 1 << 8;
    public static final int EVICTED = 1 << 9;
    public static final int STREAM = 1 << 10;
    public static final int KEY_MISS = 1 << 11;
    public static final int MODULE = 1 << 13;
    public static final int NEW = 1 << 14;
    /** 'A': every class but key-miss and new, which must be asked for by name. */
    public static final int ALL = GENERIC | STRING | LIST | SET | HASH | ZSET | EXPIRED | EVICTED | STREAM | MODULE;

    static final String CONFIG = "notify-keyspace-events";

    /**
     * The value last validated on this thread, as given: "KEAn" is shown as "AKE" yet keeps 'n', as
     * in Redis. A setting is validated and then applied on the same thread (CONFIG SET, the launcher).
     */
    private static final ThreadLocal<String> LAST_GIVEN = ThreadLocal.withInitial(() -> "");

    private final PubSub pubSub;
    private volatile int flags;

    KeyspaceEvents(PubSub pubSub, Config config) {
        this.pubSub = pubSub;
        if (!config.has(CONFIG)) {
            define(config);
        }
        flags = flagsOf(config.get(CONFIG));
        config.watch(CONFIG, v -> flags = flagsOf(v));
    }

    /** notify-keyspace-events, defined before a config file is read. */
    public static void define(Config config) {
        config.define(CONFIG, "", KeyspaceEvents::validate, true);
    }

    private static String validate(String value) {
        String spelling = normalise(value);
        LAST_GIVEN.set(value);
        return spelling;
    }

    /** The flags of a stored spelling, or of the value it was given as when that spelled the same. */
    private static int flagsOf(String spelling) {
        String given = LAST_GIVEN.get();
        return normalise(given).equals(spelling) ? keyspaceEventsStringToFlags(given) : keyspaceEventsStringToFlags(spelling);
    }

    /** The config's normaliser: the canonical spelling Redis's CONFIG GET shows. */
    static String normalise(String value) {
        int f = keyspaceEventsStringToFlags(value);
        if (f < 0) {
            throw new IllegalArgumentException("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
        }
        return keyspaceEventsFlagsToString(f);
    }

    /** The flags a notify-keyspace-events string selects; -1 for an unknown character. */
    static int keyspaceEventsStringToFlags(String classes) {
        int f = 0;
        for (int i = 0; i < classes.length(); i++) {
            f |= switch (classes.charAt(i)) {
                case 'A' -> ALL;
                case 'g' -> GENERIC;
                case '$' -> STRING;
                case 'l' -> LIST;
                case 's' -> SET;
                case 'h' -> HASH;
                case 'z' -> ZSET;
                case 'x' -> EXPIRED;
                case 'e' -> EVICTED;
                case 'K' -> KEYSPACE;
                case 'E' -> KEYEVENT;
                case 't' -> STREAM;
                case 'm' -> KEY_MISS;
                case 'd' -> MODULE;
                case 'n' -> NEW;
                default -> Integer.MIN_VALUE;
            };
        }
        return f < 0 ? -1 : f;
    }

    static String keyspaceEventsFlagsToString(int f) {
        StringBuilder s = new StringBuilder();
        if ((f & ALL) == ALL) {
            s.append('A');
        } else {
            String classes = "g$lshzxetdn";
            int[] bits = {GENERIC, STRING, LIST, SET, HASH, ZSET, EXPIRED, EVICTED, STREAM, MODULE, NEW};
            for (int i = 0; i < bits.length; i++) {
                if ((f & bits[i]) != 0) {
                    s.append(classes.charAt(i));
                }
            }
        }
        if ((f & KEYSPACE) != 0) {
            s.append('K');
        }
        if ((f & KEYEVENT) != 0) {
            s.append('E');
        }
        if ((f & KEY_MISS) != 0) {
            s.append('m');
        }
        return s.toString();
    }

    /** Whether events of this class would be published (callers may skip building costly names). */
    public boolean enabled(int type) {
        return (flags & type) != 0;
    }

    /** notifyKeyspaceEvent: publishes the event of the given class about key in database db. */
    public void notify(int type, String event, Key key, int db) {
        int f = flags;
        if ((f & type) == 0) {
            return;
        }
        if ((f & KEYSPACE) != 0) {
            byte[] prefix = ("__keyspace@" + db + "__:").getBytes(StandardCharsets.US_ASCII);
            byte[] channel = new byte[prefix.length + key.length()];
            System.arraycopy(prefix, 0, channel, 0, prefix.length);
            System.arraycopy(key.bytes(), 0, channel, prefix.length, key.length());
            pubSub.publish(new Key(channel), event.getBytes(StandardCharsets.US_ASCII), PubSub.Space.PLAIN);
        }
        if ((f & KEYEVENT) != 0) {
            Key channel = new Key(("__keyevent@" + db + "__:" + event).getBytes(StandardCharsets.US_ASCII));
            pubSub.publish(channel, key.bytes(), PubSub.Space.PLAIN);
        }
    }
}
