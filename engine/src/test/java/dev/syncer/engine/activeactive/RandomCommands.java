package dev.syncer.engine.activeactive;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random client write commands of every supported family over a handful of keys, members and
 * values, so that different clusters write the same keys, fields and members, with different
 * types, counters, removals and TTLs (some short enough to expire while a test runs).
 */
final class RandomCommands {

    /** Each type has its keys; the shared ones get written as several types (WRONGTYPE, type conflicts). */
    private static final String[] SHARED = {"x0", "x1"};
    private static final String[] MEMBERS = {"a", "b", "c", "d"};

    private final Random random;
    private final boolean withRandomReplies;
    private final long ttlOffset;

    /**
     * withRandomReplies: include commands whose reply depends on a random pick (SPOP of one member);
     * ttlOffset: added to every TTL (ms), to keep keys from expiring while a test runs.
     */
    RandomCommands(Random random, boolean withRandomReplies, long ttlOffset) {
        this.random = random;
        this.withRandomReplies = withRandomReplies;
        this.ttlOffset = ttlOffset;
    }

    private String ttl(int maxMillis) {
        return Long.toString(20 + random.nextInt(maxMillis) + ttlOffset);
    }

    private String key(String family) {
        if (random.nextInt(8) == 0) {
            return SHARED[random.nextInt(SHARED.length)];
        }
        return family + random.nextInt(3);
    }

    private String anyKey() {
        return key(pick("s", "h", "t", "z", "l"));
    }

    private String member() {
        return MEMBERS[random.nextInt(MEMBERS.length)];
    }

    private String value() {
        return switch (random.nextInt(4)) {
            case 0 -> Integer.toString(random.nextInt(20));
            case 1 -> "v" + random.nextInt(5);
            case 2 -> Double.toString(random.nextInt(8) / 4.0);
            default -> "";
        };
    }

    private String small(int max) {
        return Integer.toString(random.nextInt(max));
    }

    /** A command; {@code now} (unix ms) anchors the absolute expiry forms. */
    String[] next(long now) {
        String k;
        String m = member();
        String at = Long.toString(now + Long.parseLong(ttl(400)));
        int c = random.nextInt(56);
        k = c <= 17 || c == 54 ? key("s") : c <= 23 || c == 55 ? key("h") : c <= 28 ? key("t") : c <= 36 ? key("z")
                : c <= 47 ? key("l") : anyKey();
        return switch (c) {
            case 0 -> of("SET", k, value());
            case 1 -> of("SET", k, value(), "PX", ttl(400));
            case 2 -> of("SET", k, value(), "KEEPTTL");
            case 3 -> of("SET", k, value(), random.nextBoolean() ? "NX" : "XX", "GET");
            case 4 -> of("SET", k, value(), "PXAT", at);
            case 5 -> of("SETNX", k, value());
            case 6 -> of("PSETEX", k, ttl(400), value());
            case 7 -> of("MSET", k, value(), key("s"), value());
            case 8 -> of("MSETNX", k, value(), key("s"), value());
            case 9 -> of("GETSET", k, value());
            case 10 -> of("GETDEL", k);
            case 11 -> random.nextBoolean() ? of("GETEX", k, "PERSIST") : of("GETEX", k, "PXAT", at);
            case 12 -> of("APPEND", k, value());
            case 13 -> of("SETRANGE", k, small(4), value());
            case 14, 15 -> of("INCRBY", k, Integer.toString(random.nextInt(11) - 5));
            case 16 -> of(random.nextBoolean() ? "INCR" : "DECR", k);
            case 17 -> of("INCRBYFLOAT", k, "1.5");
            case 18 -> of("HSET", k, m, value(), member(), value());
            case 19 -> of("HSETNX", k, m, value());
            case 20 -> of("HDEL", k, m, member());
            case 21, 22 -> of("HINCRBY", k, m, Integer.toString(random.nextInt(11) - 5));
            case 23 -> of("HINCRBYFLOAT", k, m, "0.25");
            case 24, 25 -> of("SADD", k, m, member());
            case 26 -> of("SREM", k, m, member());
            case 27 -> withRandomReplies ? of("SPOP", k) : of("SPOP", k, "10");
            case 28 -> of("SMOVE", k, key("t"), m);
            case 29, 30 -> of("ZADD", k, small(5), m, small(5), member());
            case 31 -> of("ZADD", k, pick("NX", "XX", "GT", "LT"), "CH", small(9), m);
            case 32 -> of("ZADD", k, "INCR", small(3), m);
            case 33, 34 -> of("ZINCRBY", k, Double.toString((random.nextInt(9) - 4) / 2.0), m);
            case 35 -> of("ZREM", k, m, member());
            case 36 -> of(pick("ZPOPMIN", "ZPOPMAX"), k, small(3));
            case 37, 38 -> of(pick("LPUSH", "RPUSH"), k, value(), value());
            case 39 -> of(pick("LPUSHX", "RPUSHX"), k, value());
            case 40 -> of(pick("LPOP", "RPOP"), k);
            case 41 -> of(pick("LPOP", "RPOP"), k, small(3));
            case 42 -> of("LSET", k, Integer.toString(random.nextInt(5) - 2), value());
            case 43 -> of("LREM", k, Integer.toString(random.nextInt(5) - 2), value());
            case 44 -> of("LTRIM", k, small(3), Integer.toString(random.nextInt(5) - 2));
            case 45 -> of("LINSERT", k, pick("BEFORE", "AFTER"), value(), value());
            case 46 -> of("RPOPLPUSH", k, key("l"));
            case 47 -> of("LMOVE", k, key("l"), pick("LEFT", "RIGHT"), pick("LEFT", "RIGHT"));
            case 48 -> of(pick("DEL", "UNLINK"), k, anyKey());
            case 49 -> of("PEXPIRE", k, ttl(400));
            case 50 -> of("PEXPIREAT", k, at, pick("NX", "XX", "GT", "LT"));
            case 51 -> of("EXPIRE", k, Long.toString(1 + ttlOffset / 1000));
            case 52 -> of("PERSIST", k);
            case 53 -> of("PEXPIRE", k, "-1");
            case 54 -> of("DECRBY", k, small(4));
            default -> of("HINCRBY", k, m, "1");
        };
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private static String[] of(String... argv) {
        List<String> out = new ArrayList<>(List.of(argv));
        return out.toArray(String[]::new);
    }
}
