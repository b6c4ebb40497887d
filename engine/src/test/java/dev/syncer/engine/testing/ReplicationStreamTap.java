package dev.syncer.engine.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Listens to a real redis-server's replication stream as an old-style replica would (SYNC):
 * skips the RDB, then decodes every propagated command, tracking SELECT so each command comes
 * with its db. Pings are dropped. Start redis-server with {@code --repl-diskless-sync no} so the
 * payload comes at once, framed by its length.
 */
public final class ReplicationStreamTap implements AutoCloseable {

    /** A command from the stream, with the db it applies to. */
    public record Command(int db, List<String> argv) {
        @Override
        public String toString() {
            return db + ":" + String.join(" ", argv);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private int db;

    private ReplicationStreamTap(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
    }

    public static ReplicationStreamTap attach(int port) {
        try {
            Socket s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            ReplicationStreamTap tap = new ReplicationStreamTap(s);
            s.getOutputStream().write("SYNC\r\n".getBytes(StandardCharsets.US_ASCII));
            tap.skipPayload();
            return tap;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void skipPayload() throws IOException {
        int b;
        while ((b = in.read()) == '\n') {
            // keepalive newlines while the primary writes the RDB
        }
        if (b != '$') {
            throw new IOException("expected the RDB length, got " + (char) b);
        }
        long length = Long.parseLong(line());
        in.skipNBytes(length);
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) != '\r') {
            if (b < 0) {
                throw new IOException("stream closed");
            }
            sb.append((char) b);
        }
        in.read();
        return sb.toString();
    }

    /** Reads until count commands (pings and SELECTs not counted) have arrived. */
    public List<Command> next(int count) {
        List<Command> out = new ArrayList<>();
        readUntil(out, () -> out.size() >= count);
        return out;
    }

    /** Reads commands until one equal to the given arguments arrives (it is included). */
    public List<Command> until(String... last) {
        List<Command> out = new ArrayList<>();
        List<String> wanted = List.of(last);
        readUntil(out, () -> !out.isEmpty() && out.get(out.size() - 1).argv().equals(wanted));
        return out;
    }

    private void readUntil(List<Command> out, java.util.function.BooleanSupplier done) {
        try {
            while (!done.getAsBoolean()) {
                Object value = RespClient.parse(in);
                if (!(value instanceof List<?> items)) {
                    throw new IOException("expected a command array, got " + value);
                }
                List<String> argv = items.stream().map(RespClient::text).toList();
                if (argv.get(0).equalsIgnoreCase("SELECT")) {
                    db = Integer.parseInt(argv.get(1));
                } else if (!argv.get(0).equalsIgnoreCase("PING")) {
                    out.add(new Command(db, argv));
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the stream stopped after " + out, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
