package dev.syncer.engine.persistence;

import dev.syncer.engine.keyspace.HashValue;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.ListValue;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.SetValue;
import dev.syncer.engine.keyspace.Snapshot;
import dev.syncer.engine.keyspace.StringValue;
import dev.syncer.engine.keyspace.ZSetValue;
import dev.syncer.engine.rdb.DumpPayload;
import dev.syncer.engine.resp.RespEncoding;
import dev.syncer.engine.resp.Doubles;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An AOF base written as commands (aof-use-rdb-preamble no), as rewriteAppendOnlyFileRio: SELECT
 * per database, then per key SET / RPUSH / SADD / HSET / ZADD in batches of 64 items, and PEXPIREAT
 * for a key with a TTL. A stream, whose consumer groups no plain write command rebuilds in one
 * piece, is written as RESTORE of its DUMP payload, which redis-server loads as well.
 */
final class AofBaseCommands {

    /** AOF_REWRITE_ITEMS_PER_CMD. */
    private static final int ITEMS_PER_COMMAND = 64;

    private final OutputStream out;
    private final ByteBuf buffer = Unpooled.buffer(1 << 16);

    private AofBaseCommands(OutputStream out) {
        this.out = out;
    }

    static void write(Snapshot snapshot, OutputStream out) throws IOException, InterruptedException {
        AofBaseCommands w = new AofBaseCommands(out);
        try {
            for (int db = 0; db < snapshot.databaseCount(); db++) {
                if (snapshot.size(db) == 0) {
                    continue;
                }
                w.command(List.of(bytes("SELECT"), bytes(Integer.toString(db))));
                snapshot.visit(db, (key, value, expireAt) -> w.key(key, value, expireAt));
            }
            w.drain();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            w.buffer.release();
        }
    }

    private void key(Key key, RedisValue value, long expireAt) {
        byte[] k = key.bytes();
        switch (value) {
            case StringValue s -> command(List.of(bytes("SET"), k, s.bytes()));
            case ListValue l -> {
                List<byte[]> items = new ArrayList<>();
                for (int i = 0; i < l.size(); i++) {
                    items.add(l.get(i));
                }
                batches("RPUSH", k, items, 1);
            }
            case SetValue s -> batches("SADD", k, s.members().stream().map(Key::bytes).toList(), 1);
            case HashValue h -> {
                List<byte[]> items = new ArrayList<>();
                for (Map.Entry<Key, byte[]> f : h.fields().entrySet()) {
                    items.add(f.getKey().bytes());
                    items.add(f.getValue());
                }
                batches("HMSET", k, items, 2);
            }
            case ZSetValue z -> {
                List<byte[]> items = new ArrayList<>();
                z.forEach((member, score) -> {
                    items.add(bytes(Doubles.format(score)));
                    items.add(member.bytes());
                });
                batches("ZADD", k, items, 2);
            }
            default -> command(List.of(bytes("RESTORE"), k, bytes("0"), DumpPayload.dump(value, false)));
        }
        if (expireAt >= 0) {
            command(List.of(bytes("PEXPIREAT"), k, bytes(Long.toString(expireAt))));
        }
    }

    /** One command per 64 items ({@code width} arguments each), as Redis splits big collections. */
    private void batches(String verb, byte[] key, List<byte[]> items, int width) {
        int perCommand = ITEMS_PER_COMMAND * width;
        for (int from = 0; from < items.size(); from += perCommand) {
            List<byte[]> argv = new ArrayList<>();
            argv.add(bytes(verb));
            argv.add(key);
            argv.addAll(items.subList(from, Math.min(items.size(), from + perCommand)));
            command(argv);
        }
    }

    private void command(List<byte[]> argv) {
        RespEncoding.write(buffer, argv.toArray(new byte[0][]));
        if (buffer.readableBytes() > (1 << 16)) {
            drain();
        }
    }

    private void drain() {
        try {
            buffer.readBytes(out, buffer.readableBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buffer.clear();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
