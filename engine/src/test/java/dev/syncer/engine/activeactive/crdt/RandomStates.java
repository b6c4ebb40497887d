package dev.syncer.engine.activeactive.crdt;

import dev.syncer.engine.keyspace.Key;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Random key states built from random primitives over a small universe (three origins, a few
 * elements, small timestamps), so that joins meet the same writes, removals and expiries often.
 */
final class RandomStates {

    static final String[] ORIGINS = {"A", "B", "C"};
    private static final Key[] NAMES = {Key.of("f"), Key.of("g"), Key.of("h")};

    private RandomStates() {
    }

    static KeyState state(Random random, int ops) {
        KeyState s = new KeyState();
        for (int i = 0; i < ops; i++) {
            apply(random, s);
        }
        return s;
    }

    static void apply(Random random, KeyState s) {
        ElementKind kind = ElementKind.values()[random.nextInt(ElementKind.values().length)];
        Key name = kind.named() ? NAMES[random.nextInt(NAMES.length)] : KeyState.UNNAMED;
        Tag tag = new Tag(1 + random.nextInt(40), ORIGINS[random.nextInt(ORIGINS.length)]);
        switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> s.write(kind, name, tag, payload(random, kind));
            case 4, 5 -> {
                if (kind.counts()) {
                    s.count(kind, name, tag.origin(), point(random, kind, tag.ts()));
                } else {
                    s.write(kind, name, tag, payload(random, kind));
                }
            }
            case 6, 7 -> s.removeElement(kind, name, vector(random), kind.counts() ? points(random, kind) : null);
            case 8 -> s.removeKey(vector(random));
            default -> s.expireBefore(1 + random.nextInt(20));
        }
    }

    static VersionVector vector(Random random) {
        VersionVector vv = new VersionVector();
        for (String o : ORIGINS) {
            if (random.nextBoolean()) {
                vv.observe(o, 1 + random.nextInt(40));
            }
        }
        return vv;
    }

    /** A point of a counter series at ts: started at one of a few places, with a small total. */
    static Counter point(Random random, ElementKind kind, long ts) {
        long since = random.nextInt(3) == 0 ? 0 : random.nextInt((int) ts);
        return new Counter(since, ts, amount(random, kind));
    }

    static java.util.Map<String, Counter> points(Random random, ElementKind kind) {
        java.util.Map<String, Counter> out = new java.util.TreeMap<>();
        for (String o : ORIGINS) {
            if (random.nextBoolean()) {
                out.put(o, point(random, kind, 1 + random.nextInt(40)));
            }
        }
        return out;
    }

    static Object payload(Random random, ElementKind kind) {
        return switch (kind) {
            case STRING, HASH -> Integer.toString(random.nextInt(4) == 0 ? random.nextInt(100) : random.nextInt(3))
                    .getBytes(StandardCharsets.US_ASCII);
            case LIST -> List.of(new byte[] {(byte) random.nextInt(3)}, new byte[] {(byte) random.nextInt(3)});
            case SET -> ElementKind.PRESENT;
            case ZSET -> (double) random.nextInt(5);
            case EXPIRY -> (long) (random.nextInt(3) == 0 ? -1 : random.nextInt(30));
        };
    }

    static long amount(Random random, ElementKind kind) {
        long n = random.nextInt(7) - 3;
        return kind == ElementKind.ZSET ? Double.doubleToLongBits(n / 2.0) : n;
    }

    static KeyState join(KeyState a, KeyState b) {
        KeyState c = a.copy();
        c.join(b);
        return c;
    }

    static String encoded(KeyState s) {
        return java.util.HexFormat.of().formatHex(StateCodec.encode(s));
    }
}
