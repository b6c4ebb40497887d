package dev.syncer.engine.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny blocking RESP client over a plain socket: sends exact bytes and reads replies as Java
 * values (String for simple strings, {@link Error} for errors, Long, byte[] for bulks, List for
 * arrays, null for nil). After HELLO 3 it reads RESP3's types too, each as its own value so a test
 * tells a map from an array: {@link Map}, {@link Set}, {@link Push}, {@link DoubleValue}, Boolean,
 * {@link Verbatim}, BigInteger, {@link Attributed}. Used where a test asserts on the wire itself.
 */
public final class RespClient implements AutoCloseable {

    /** An error reply, e.g. "ERR unknown command ...". */
    public record Error(String message) {
    }

    /** RESP3 map (%): keys and values alternate, in the order sent. */
    public record Map(List<Object> flat) {
    }

    /** RESP3 set (~). */
    public record Set(List<Object> items) {
    }

    /** RESP3 push (>): out-of-band data such as a pub/sub message. */
    public record Push(List<Object> items) {
    }

    /** RESP3 double (,), kept as the text sent. */
    public record DoubleValue(String text) {
    }

    /** RESP3 verbatim string (=): its three-letter format and its text. */
    public record Verbatim(String format, String text) {
    }

    /** RESP3 attribute (|): its key/value pairs and the reply they annotate. */
    public record Attributed(List<Object> attributes, Object reply) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RespClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static RespClient connect(int port) {
        try {
            Socket s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            s.setTcpNoDelay(true);
            return new RespClient(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client over a socket already connected (a TLS one, say). */
    public static RespClient over(Socket s) {
        try {
            return new RespClient(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a command as a RESP array of bulk strings and reads one reply. */
    public Object call(String... args) {
        send(encode(args));
        return read();
    }

    /** Sends a command with binary arguments and reads one reply. */
    public Object callBytes(byte[]... args) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : args) {
            b.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(a);
            b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        send(b.toByteArray());
        return read();
    }

    /** INFO section as field → value (Redis's "field:value" lines; headers and blanks skipped). */
    public java.util.Map<String, String> info(String section) {
        return dev.syncer.engine.server.InfoText.fields(text(call("INFO", section)));
    }

    public static byte[] encode(String... args) {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            byte[] b = a.getBytes(StandardCharsets.UTF_8);
            sb.append('$').append(b.length).append("\r\n").append(a).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    public void send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void send(String raw) {
        send(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Reads one reply. */
    public Object read() {
        try {
            return readValue(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses one reply from a stream, in the same shapes as {@link #read()}. */
    public static Object parse(InputStream in) {
        try {
            return readValue(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True once the server closed the connection (a read hits end of stream). */
    public boolean isClosedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    public InputStream input() {
        return in;
    }

    private static Object readValue(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new IOException("connection closed by server");
        }
        String line = readLine(in);
        return switch (type) {
            case '+' -> line;
            case '-' -> new Error(line);
            case ':' -> Long.parseLong(line);
            case '$' -> {
                int len = Integer.parseInt(line);
                if (len < 0) {
                    yield null;
                }
                byte[] data = in.readNBytes(len);
                in.readNBytes(2);
                yield data;
            }
            case '*' -> {
                int n = Integer.parseInt(line);
                yield n < 0 ? null : readItems(in, n);
            }
            case '_' -> null;
            case ',' -> new DoubleValue(line);
            case '#' -> line.equals("t");
            case '(' -> new java.math.BigInteger(line);
            case '%' -> new Map(readItems(in, 2 * Integer.parseInt(line)));
            case '~' -> new Set(readItems(in, Integer.parseInt(line)));
            case '>' -> new Push(readItems(in, Integer.parseInt(line)));
            case '|' -> new Attributed(readItems(in, 2 * Integer.parseInt(line)), readValue(in));
            case '=' -> {
                String text = new String(in.readNBytes(Integer.parseInt(line)), StandardCharsets.UTF_8);
                in.readNBytes(2);
                yield new Verbatim(text.substring(0, 3), text.substring(4));
            }
            default -> throw new IOException("unexpected reply type '" + (char) type + "'");
        };
    }

    private static List<Object> readItems(InputStream in, int n) throws IOException {
        List<Object> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(readValue(in));
        }
        return items;
    }

    public String readLine() throws IOException {
        return readLine(in);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\r') {
                in.read();
                break;
            }
            buf.write(b);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** An array reply's elements as text (bulks decoded, other elements as printed). */
    public static java.util.List<String> texts(Object reply) {
        return ((java.util.List<?>) reply).stream().map(RespClient::text).toList();
    }

    /** A bulk reply as text. */
    public static String text(Object reply) {
        if (reply instanceof Verbatim v) {
            return v.text();
        }
        return reply instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(reply);
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
