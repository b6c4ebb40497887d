package dev.syncer.engine.testing;

import dev.syncer.engine.keyspace.HashValue;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.keyspace.ListValue;
import dev.syncer.engine.keyspace.SetValue;
import dev.syncer.engine.keyspace.StringValue;
import dev.syncer.engine.keyspace.ZSetValue;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A deterministic dataset touching every encoding the writer chooses: int-encoded, LZF and binary
 * strings, multi-node lists, intsets of each width and hashtable sets, listpack and hashtable
 * hashes, listpack and skiplist sorted sets with special scores; TTLs; several databases.
 */
public final class SampleData {

    private SampleData() {
    }

    public static void fill(Keyspace ks, long seed) {
        Random r = new Random(seed);
        for (int db : new int[] {0, 1, 7, 15}) {
            for (int i = 0; i < 40; i++) {
                Key key = new Key(("k:" + db + ":" + i).getBytes(StandardCharsets.US_ASCII));
                ks.db(db).put(key, switch (i % 6) {
                    case 0 -> string(r, i);
                    case 1 -> list(r, i);
                    case 2 -> set(r, i);
                    case 3 -> hash(r, i);
                    case 4 -> zset(r, i);
                    default -> new StringValue(bytes(r, r.nextInt(40)));
                });
                if (i % 5 == 0) {
                    ks.db(db).setExpire(key, 4102444800000L + i);
                }
            }
        }
        ks.db(0).put(new Key(new byte[] {0, (byte) 0xff, 'b', 'i', 'n', '\r', '\n'}), new StringValue(new byte[] {0, 1, 2}));
        ks.db(0).put(Key.of("123"), StringValue.of("-2147483648"));
    }

    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static StringValue string(Random r, int i) {
        return switch (i % 4) {
            case 0 -> StringValue.of(r.nextInt());
            case 1 -> StringValue.of("abc".repeat(10 + r.nextInt(400)));
            case 2 -> new StringValue(bytes(r, 20 + r.nextInt(20000)));
            default -> StringValue.of(Long.toString(r.nextLong()));
        };
    }

    private static ListValue list(Random r, int i) {
        ListValue l = new ListValue();
        int n = i % 4 == 1 ? 3000 : 1 + r.nextInt(50);
        for (int k = 0; k < n; k++) {
            l.addLast(k % 3 == 0 ? Long.toString(r.nextLong() >> r.nextInt(64)).getBytes(StandardCharsets.US_ASCII)
                    : bytes(r, r.nextInt(k % 7 == 0 ? 5000 : 30)));
        }
        return l;
    }

    private static SetValue set(Random r, int i) {
        SetValue s = new SetValue();
        int kind = i % 4;
        int n = kind == 3 ? 700 : 1 + r.nextInt(100);
        for (int k = 0; k < n; k++) {
            byte[] m = switch (kind) {
                case 0 -> Integer.toString(r.nextInt(60000) - 30000).getBytes(StandardCharsets.US_ASCII);
                case 1 -> Long.toString(r.nextLong()).getBytes(StandardCharsets.US_ASCII);
                default -> bytes(r, 1 + r.nextInt(20));
            };
            s.members().add(new Key(m));
        }
        return s;
    }

    private static HashValue hash(Random r, int i) {
        HashValue h = new HashValue();
        int n = i % 4 == 3 ? 600 : 1 + r.nextInt(30);
        for (int k = 0; k < n; k++) {
            h.fields().put(new Key(("f" + k).getBytes(StandardCharsets.US_ASCII)),
                    k % 5 == 0 ? Integer.toString(r.nextInt()).getBytes(StandardCharsets.US_ASCII)
                            : bytes(r, r.nextInt(i % 4 == 1 ? 100 : 40)));
        }
        return h;
    }

    private static ZSetValue zset(Random r, int i) {
        ZSetValue z = new ZSetValue();
        int n = i % 4 == 2 ? 300 : 1 + r.nextInt(60);
        double[] special = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1, 1e100, -0.0, 3, 1.0 / 3};
        for (int k = 0; k < n; k++) {
            double score = k < special.length ? special[k] : r.nextGaussian() * 1000;
            z.put(new Key(bytes(r, 1 + r.nextInt(i % 4 == 1 ? 80 : 20))), score);
        }
        return z;
    }
}
