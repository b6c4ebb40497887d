package dev.syncer.engine.testing;

import java.util.List;

/** Writes a small dataset with every value type, TTLs, several databases and binary data. */
public final class Datasets {

    private Datasets() {
    }

    /** Fills the server at port with keys prefixed by tag; returns how many keys it wrote. */
    public static int everyType(int port, String tag) {
        try (RespClient c = RespClient.connect(port)) {
            List<String[]> commands = List.of(
                    new String[] {"SET", tag + ":str", "hello"},
                    new String[] {"SET", tag + ":int", "12345"},
                    new String[] {"SET", tag + ":ttl", "short", "PX", "3600000"},
                    new String[] {"RPUSH", tag + ":list", "a", "b", "c", "1", "2"},
                    new String[] {"HSET", tag + ":hash", "f1", "v1", "f2", "v2"},
                    new String[] {"SADD", tag + ":set", "x", "y", "z"},
                    new String[] {"SADD", tag + ":intset", "1", "2", "3"},
                    new String[] {"ZADD", tag + ":zset", "1", "one", "2.5", "two", "-3", "minus"},
                    new String[] {"EXPIRE", tag + ":hash", "7200"},
                    new String[] {"SELECT", "3"},
                    new String[] {"SET", tag + ":db3", "in db 3"},
                    new String[] {"SELECT", "0"});
            for (String[] cmd : commands) {
                Object reply = c.call(cmd);
                if (reply instanceof RespClient.Error e) {
                    throw new IllegalStateException(String.join(" ", cmd) + ": " + e.message());
                }
            }
            Object big = c.callBytes("SET".getBytes(), (tag + ":bin").getBytes(), new byte[] {0, 1, 2, (byte) 255, '\r', '\n'});
            if (big instanceof RespClient.Error e) {
                throw new IllegalStateException(e.message());
            }
            return 10;
        }
    }
}
