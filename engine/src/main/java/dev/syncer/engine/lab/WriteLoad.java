package dev.syncer.engine.lab;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A write-load generator for a database endpoint (normally its proxy): a steady rate of pipelined
 * writes over a key space, mixing the data types. It reconnects after a failover drops its
 * connection, and counts what the server acknowledged. Loopback only; the rate is capped.
 */
public final class WriteLoad implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WriteLoad.class);
    public static final int MAX_RATE = 50_000;

    /** Rate in writes per second, number of distinct keys, string value size, and the type mix. */
    public record Settings(int ratePerSecond, int keySpace, int valueSize, Mix mix) {
        public Settings {
            if (ratePerSecond < 1 || ratePerSecond > MAX_RATE) {
                throw new IllegalArgumentException("rate must be 1.." + MAX_RATE + " writes/s");
            }
            if (keySpace < 1 || valueSize < 1 || valueSize > 1 << 20) {
                throw new IllegalArgumentException("key space and value size must be positive (value ≤ 1 MiB)");
            }
        }
    }

    /** Which commands the load sends. */
    public enum Mix { STRINGS, ALL_TYPES }

    private final InetSocketAddress target;
    private final String keyPrefix;
    private volatile Settings settings;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    public WriteLoad(InetSocketAddress target, String keyPrefix, Settings settings) {
        if (!target.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("write load targets loopback only, not " + target);
        }
        this.target = target;
        this.keyPrefix = keyPrefix;
        this.settings = settings;
        this.thread = new Thread(this::loop, "write-load " + keyPrefix);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public void tune(Settings newSettings) {
        this.settings = newSettings;
    }

    public Settings settings() {
        return settings;
    }

    public long sent() {
        return sent.get();
    }

    public long acknowledged() {
        return acknowledged.get();
    }

    public long errors() {
        return errors.get();
    }

    public long reconnects() {
        return reconnects.get();
    }

    private void loop() {
        Random random = new Random();
        while (running) {
            try (Socket socket = new Socket()) {
                socket.connect(target, 2000);
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(5000);
                run(socket.getOutputStream(), new BufferedInputStream(socket.getInputStream()), random);
            } catch (IOException e) {
                if (running) {
                    reconnects.incrementAndGet();
                    log.debug("write load to {} reconnecting: {}", target, e.toString());
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                }
            }
        }
    }

    /**
     * Sends a batch every 10 ms sized to what is due ({@link Pacer}), then reads the batch's replies.
     * Commands are encoded into one reused buffer and replies read without a String each: the load
     * runs in the lab's JVM, and its garbage would be collected with the shards'.
     */
    private void run(OutputStream out, InputStream in, Random random) throws IOException {
        Pacer pacer = new Pacer(System.nanoTime());
        Encoder buf = new Encoder();
        long next = System.nanoTime();
        while (running) {
            Settings s = settings;
            int batch = pacer.due(System.nanoTime(), s.ratePerSecond());
            if (batch > 0) {
                buf.reset();
                for (int i = 0; i < batch; i++) {
                    command(buf, s, random);
                }
                out.write(buf.bytes, 0, buf.size);
                out.flush();
                sent.addAndGet(batch);
                for (int i = 0; i < batch; i++) {
                    if (readReply(in)) {
                        acknowledged.incrementAndGet();
                    } else {
                        errors.incrementAndGet();
                    }
                }
            }
            next += TICK_NANOS;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                next = System.nanoTime(); // late: the pacer carries what fell due meanwhile
            }
        }
    }

    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /**
     * How many writes are due at each tick: the rate times the time since the last tick, so a tick
     * that came late (replies slower than a tick, a pause of the JVM) is made up at the next ones
     * instead of lost — the load reaches its rate as long as the server keeps up on average. A
     * tick sends at most five ticks' share (the debt is paid over several, not in one burst), and
     * at most a second's writes are owed (a server that cannot keep up is not flooded later).
     */
    static final class Pacer {
        private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
        private long last;
        private long owed; // writes owed, in billionths (exact: no rounding drifts the rate)

        Pacer(long nowNanos) {
            this.last = nowNanos;
        }

        int due(long nowNanos, int ratePerSecond) {
            long elapsed = Math.min(nowNanos - last, SECOND);
            owed = Math.min(owed + ratePerSecond * elapsed, ratePerSecond * SECOND);
            last = nowNanos;
            long batch = Math.min(owed / SECOND, Math.max(1, ratePerSecond * 5 * TICK_NANOS / SECOND));
            owed -= batch * SECOND;
            return (int) batch;
        }
    }

    private void command(Encoder out, Settings s, Random random) {
        int key = random.nextInt(s.keySpace());
        if (s.mix() == Mix.STRINGS) {
            out.header(3, "SET").key(keyPrefix, key, "").value(s.valueSize(), random);
            return;
        }
        switch (random.nextInt(8)) {
            case 0 -> out.header(3, "INCRBY").key(keyPrefix, key, ":counter").number("", random.nextInt(10) + 1);
            case 1 -> out.header(4, "HSET").key(keyPrefix, key, ":hash").number("f", random.nextInt(16)).value(s.valueSize(), random);
            case 2 -> out.header(3, "SADD").key(keyPrefix, key, ":set").number("m", random.nextInt(64));
            case 3 -> out.header(4, "ZADD").key(keyPrefix, key, ":zset").number("", random.nextInt(1000)).number("m", random.nextInt(64));
            case 4 -> out.header(3, "RPUSH").key(keyPrefix, key, ":list").value(s.valueSize(), random);
            case 5 -> out.header(4, "LTRIM").key(keyPrefix, key, ":list").bulk("-32").bulk("-1");
            case 6 -> out.header(2, "DEL").key(keyPrefix, key, "");
            default -> out.header(3, "SET").key(keyPrefix, key, "").value(s.valueSize(), random);
        }
    }

    /** RESP commands written into one growing byte array, reused batch after batch (ASCII arguments). */
    static final class Encoder {
        byte[] bytes = new byte[16 * 1024];
        int size;
        private final byte[] digits = new byte[20];

        void reset() {
            size = 0;
        }

        Encoder header(int args, String command) {
            put('*');
            putNumber(args);
            return bulk(command);
        }

        Encoder bulk(String arg) {
            bulkHeader(arg.length());
            putAscii(arg);
            return crlf();
        }

        /** {@code prefix + n + suffix}, the key's name. */
        Encoder key(String prefix, int n, String suffix) {
            bulkHeader(prefix.length() + digitCount(n) + suffix.length());
            putAscii(prefix);
            putNumber0(n);
            putAscii(suffix);
            return crlf();
        }

        /** {@code prefix + n}. */
        Encoder number(String prefix, int n) {
            return key(prefix, n, "");
        }

        /** {@code length} random lowercase letters. */
        Encoder value(int length, Random random) {
            bulkHeader(length);
            ensure(length);
            for (int i = 0; i < length; i++) {
                bytes[size++] = (byte) ('a' + random.nextInt(26));
            }
            return crlf();
        }

        private void bulkHeader(int length) {
            put('$');
            putNumber(length);
        }

        private void putNumber(int n) {
            putNumber0(n);
            crlf();
        }

        private void putNumber0(int n) {
            int len = 0;
            do {
                digits[len++] = (byte) ('0' + n % 10);
                n /= 10;
            } while (n > 0);
            ensure(len);
            while (len > 0) {
                bytes[size++] = digits[--len];
            }
        }

        private static int digitCount(int n) {
            int count = 1;
            while (n >= 10) {
                n /= 10;
                count++;
            }
            return count;
        }

        private void putAscii(String s) {
            ensure(s.length());
            for (int i = 0; i < s.length(); i++) {
                bytes[size++] = (byte) s.charAt(i);
            }
        }

        private Encoder crlf() {
            put('\r');
            put('\n');
            return this;
        }

        private void put(char c) {
            ensure(1);
            bytes[size++] = (byte) c;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }

    /** Reads one reply; true unless it is an error. */
    private static boolean readReply(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new IOException("connection closed");
        }
        if (type == '$' || type == '*') {
            long n = readNumber(in);
            if (type == '$' && n >= 0) {
                in.skipNBytes(n + 2);
            } else {
                for (long i = 0; i < n; i++) {
                    readReply(in);
                }
            }
        } else {
            skipLine(in);
        }
        return type != '-';
    }

    /** A reply's length or count line, without a String. */
    private static long readNumber(InputStream in) throws IOException {
        long n = 0;
        boolean negative = false;
        int b;
        while ((b = in.read()) >= 0 && b != '\r') {
            if (b == '-') {
                negative = true;
            } else {
                n = n * 10 + (b - '0');
            }
        }
        in.read();
        return negative ? -n : n;
    }

    private static void skipLine(InputStream in) throws IOException {
        int b;
        while ((b = in.read()) >= 0 && b != '\r') {
            // the line's text is not needed: its type byte said error or not
        }
        in.read();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
