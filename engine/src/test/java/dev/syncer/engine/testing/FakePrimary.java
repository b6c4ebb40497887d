package dev.syncer.engine.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted stand-in for a primary, on a loopback ServerSocket: every connection a replica opens
 * runs the script (write bytes, read commands, cut the link...). Used to replay captured streams
 * and to send broken ones (a truncated or corrupt RDB, a link cut mid-transfer).
 */
public final class FakePrimary implements AutoCloseable {

    /** What to do with one replica connection; it is closed when the script returns. */
    @FunctionalInterface
    public interface Script {
        void run(Conversation c) throws IOException;
    }

    /** One connection from the replica. */
    public static final class Conversation {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final int number;

        Conversation(Socket socket, int number) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.number = number;
        }

        /** 1 for the first connection, 2 for the replica's first reconnect... */
        public int number() {
            return number;
        }

        public void send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        public void send(String text) throws IOException {
            send(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        /** Reads one RESP command from the replica, as text arguments. */
        public List<String> readCommand() {
            Object v = RespClient.parse(in);
            List<String> args = new ArrayList<>();
            for (Object o : (List<?>) v) {
                args.add(RespClient.text(o));
            }
            return args;
        }

        /** Reads commands until one whose name is given arrives (e.g. "PSYNC"); returns it. */
        public List<String> readUntil(String name) {
            while (true) {
                List<String> cmd = readCommand();
                if (cmd.get(0).equalsIgnoreCase(name)) {
                    return cmd;
                }
            }
        }

        /** Plays the primary's part of the handshake (+PONG, +OK to each AUTH and REPLCONF); returns the PSYNC. */
        public List<String> handshake() throws IOException {
            while (true) {
                List<String> cmd = readCommand();
                String name = cmd.get(0).toUpperCase(java.util.Locale.ROOT);
                if (name.equals("PING")) {
                    send("+PONG\r\n");
                } else if (name.equals("PSYNC") || name.equals("SYNC")) {
                    return cmd;
                } else {
                    send("+OK\r\n");
                }
            }
        }

        /** Reads what the replica sends until it has sent these bytes (keepalive newlines and all). */
        public void readUntilSent(byte[] bytes) throws IOException {
            int matched = 0;
            while (matched < bytes.length) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed before sending what was awaited");
                }
                matched = b == (bytes[matched] & 0xff) ? matched + 1 : b == (bytes[0] & 0xff) ? 1 : 0;
            }
        }

        /** Cuts the connection with a reset (SO_LINGER 0) instead of a FIN: the replica's next write fails. */
        public void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        /** Keeps the connection open, draining what the replica sends, until it closes it. */
        public void drain() throws IOException {
            byte[] buf = new byte[4096];
            while (in.read(buf) >= 0) {
                // REPLCONF ACKs and newlines
            }
        }

        /** The raw bytes the replica sent until now (non-blocking best effort). */
        public byte[] available() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            while (in.available() > 0) {
                b.write(in.read());
            }
            return b.toByteArray();
        }
    }

    /** A small RDB a real primary sent in a disk-based full sync: what a good first sync loads. */
    public static byte[] fullSyncRdb() {
        try (InputStream in = FakePrimary.class.getResourceAsStream("/rdb-vectors/fullsync-disk-payload.rdb")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    public FakePrimary(Script script) {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    sockets.add(s);
                    int n = connections.incrementAndGet();
                    Thread t = new Thread(() -> {
                        try (s) {
                            script.run(new Conversation(s, n));
                        } catch (IOException | UncheckedIOException e) {
                            // the replica (or the test) closed the connection
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }, "fake-primary-conn-" + n);
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "fake-primary");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** How many connections the replica opened so far. */
    public int connections() {
        return connections.get();
    }

    public List<Throwable> failures() {
        return failures;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
