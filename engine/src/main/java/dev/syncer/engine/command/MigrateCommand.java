package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Database;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.rdb.DumpPayload;
import dev.syncer.engine.rdb.Quicklist;
import dev.syncer.engine.server.Config;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * MIGRATE, as Redis 7.0's migrateCommand: the keys go to another server as RESTOREs of their DUMP
 * payloads (after AUTH and SELECT), and those the target accepted are deleted here unless COPY,
 * propagated as one DEL. Like Redis it is synchronous: the shard waits for the target, at most
 * {@code timeout} ms for each step, so the move is atomic for every other client. Connections are
 * not cached between calls (INFO's migrate_cached_sockets stays 0), so no retry is needed for a
 * cached socket the target closed.
 */
final class MigrateCommand {

    private MigrateCommand() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("migrate", -6, 3, 3, 1, MigrateCommand::migrate, WRITE));
    }

    /** What the target is sent for one key. */
    private record Entry(Key key, long ttl, byte[] payload) {
    }

    // Format: MIGRATE host port key|"" destination-db timeout [COPY] [REPLACE] [AUTH password]
    //         [AUTH2 username password] [KEYS key ...] -> +OK | +NOKEY | -IOERR ... | -ERR Target instance replied ...
    private static void migrate(CommandContext ctx) {
        Args a = ctx.args();
        boolean copy = false;
        boolean replace = false;
        byte[] user = null;
        byte[] password = null;
        int firstKey = 3;
        int keyCount = 1;
        for (int j = 6; j < a.count(); j++) {
            int more = a.count() - 1 - j;
            if (a.is(j, "COPY")) {
                copy = true;
            } else if (a.is(j, "REPLACE")) {
                replace = true;
            } else if (a.is(j, "AUTH") && more >= 1) {
                password = a.bytes(++j);
            } else if (a.is(j, "AUTH2") && more >= 2) {
                user = a.bytes(++j);
                password = a.bytes(++j);
            } else if (a.is(j, "KEYS")) {
                if (a.bytes(3).length != 0) {
                    throw new CommandError("ERR When using MIGRATE KEYS option, the key argument must be set to the empty string");
                }
                firstKey = j + 1;
                keyCount = a.count() - j - 1;
                break;
            } else {
                throw CommandError.syntax();
            }
        }
        long timeout = a.longValue(5);
        long dbid = a.longValue(4);
        if (timeout <= 0) {
            timeout = 1000;
        }
        List<Key> present = new ArrayList<>();
        for (int j = 0; j < keyCount; j++) {
            Key key = a.key(firstKey + j);
            if (ctx.read(key, RedisValue.class) != null) {
                present.add(key);
            }
        }
        if (present.isEmpty()) {
            ctx.reply().simple("NOKEY");
            return;
        }
        List<Entry> entries = entries(ctx, present);
        byte[] request = request(user, password, dbid, entries, replace);
        String host = a.string(1);
        int port = (int) a.longValue(2);
        Transfer t = transfer(host, port, (int) Math.min(timeout, Integer.MAX_VALUE), request,
                (password != null ? 1 : 0) + 1, entries.size());
        if (t.error != null) {
            throw new CommandError(t.error);
        }
        finish(ctx, entries, t.lines, password != null, copy);
    }

    /** The keys not yet expired with their remaining TTL (0: none) and DUMP payload. */
    private static List<Entry> entries(CommandContext ctx, List<Key> keys) {
        Database db = ctx.db();
        Config c = ctx.shard().config();
        int fill = c.has("list-max-listpack-size") ? (int) c.getLong("list-max-listpack-size") : Quicklist.DEFAULT_FILL;
        List<Entry> out = new ArrayList<>();
        for (Key key : keys) {
            long ttl = 0;
            long at = db.expireAt(key);
            if (at != -1) {
                ttl = at - ctx.now();
                if (ttl < 0) {
                    continue;
                }
                ttl = Math.max(ttl, 1);
            }
            out.add(new Entry(key, ttl, DumpPayload.dump(db.peek(key), c.getBoolean("rdbcompression"), fill)));
        }
        return out;
    }

    /** AUTH (if asked), SELECT, then one RESTORE per key, as one RESP buffer. */
    static byte[] request(byte[] user, byte[] password, long dbid, List<Entry> entries, boolean replace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (password != null) {
            command(out, user == null ? new byte[][] {ascii("AUTH"), password} : new byte[][] {ascii("AUTH"), user, password});
        }
        command(out, ascii("SELECT"), ascii(Long.toString(dbid)));
        for (Entry e : entries) {
            byte[][] restore = replace
                    ? new byte[][] {ascii("RESTORE"), e.key.bytes(), ascii(Long.toString(e.ttl)), e.payload, ascii("REPLACE")}
                    : new byte[][] {ascii("RESTORE"), e.key.bytes(), ascii(Long.toString(e.ttl)), e.payload};
            command(out, restore);
        }
        return out.toByteArray();
    }

    private static void command(ByteArrayOutputStream out, byte[]... argv) {
        out.writeBytes(ascii("*" + argv.length + "\r\n"));
        for (byte[] arg : argv) {
            out.writeBytes(ascii("$" + arg.length + "\r\n"));
            out.writeBytes(arg);
            out.writeBytes(ascii("\r\n"));
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The target's reply lines (AUTH's, SELECT's, then each RESTORE's), or an IOERR. */
    private record Transfer(List<String> lines, String error) {
    }

    /** migrateGetSocket and the synchronous write / read of each reply line, each within timeout ms. */
    private static Transfer transfer(String host, int port, int timeout, byte[] request, int headerReplies, int restores) {
        List<String> lines = new ArrayList<>();
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(host, port), timeout);
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(timeout);
            } catch (java.net.ConnectException e) {
                // Redis's non-blocking connect sees a refused socket as writable: the write fails
                return new Transfer(lines, "IOERR error or timeout writing to target instance");
            } catch (IOException | IllegalArgumentException e) {
                return new Transfer(lines, "IOERR error or timeout connecting to the client");
            }
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
            } catch (IOException e) {
                return new Transfer(lines, "IOERR error or timeout writing to target instance");
            }
            InputStream in = socket.getInputStream();
            for (int i = 0; i < headerReplies + restores; i++) {
                String line = readLine(in);
                if (line == null) {
                    // the header replies are needed; a RESTORE reply missing ends the reading there
                    return i < headerReplies + 1 ? new Transfer(lines, "IOERR error or timeout reading to target instance")
                            : new Transfer(lines, null);
                }
                lines.add(line);
            }
        } catch (IOException e) {
            return new Transfer(lines, "IOERR error or timeout connecting to the client");
        }
        return new Transfer(lines, null);
    }

    /** connSyncReadLine: one line without its CRLF (at most 1024 bytes kept); null on EOF or timeout. */
    private static String readLine(InputStream in) {
        StringBuilder line = new StringBuilder();
        try {
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    return null;
                }
                if (line.length() < 1024) {
                    line.append((char) b);
                }
            }
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
    }

    /** Deletes what the target accepted (unless COPY), replies +OK or the target's first error. */
    private static void finish(CommandContext ctx, List<Entry> entries, List<String> lines, boolean auth, boolean copy) {
        String authReply = auth ? lines.get(0) : "+OK";
        String selectReply = lines.get(auth ? 1 : 0);
        int first = auth ? 2 : 1;
        String error = null;
        List<byte[]> deleted = new ArrayList<>();
        deleted.add(ascii("DEL"));
        boolean readError = false;
        for (int j = 0; j < entries.size(); j++) {
            if (first + j >= lines.size()) {
                readError = true;
                break;
            }
            String restoreReply = lines.get(first + j);
            if (authReply.startsWith("-") || selectReply.startsWith("-") || restoreReply.startsWith("-")) {
                if (error == null) {
                    String from = authReply.startsWith("-") ? authReply : selectReply.startsWith("-") ? selectReply : restoreReply;
                    error = "ERR Target instance replied with error: " + from.substring(1);
                }
            } else if (!copy) {
                Key key = entries.get(j).key;
                ctx.db().remove(key);
                ctx.notify(KeyspaceEvents.GENERIC, "del", key);
                deleted.add(key.bytes());
            }
        }
        if (deleted.size() > 1) {
            ctx.changed(deleted.size() - 1);
            ctx.propagateAs(deleted.toArray(new byte[0][]));
        }
        if (error != null) {
            throw new CommandError(error);
        }
        if (readError) {
            throw new CommandError("IOERR error or timeout reading to target instance");
        }
        ctx.reply().ok();
    }
}
