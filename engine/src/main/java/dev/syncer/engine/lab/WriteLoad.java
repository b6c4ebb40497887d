package dev.syncer.engine.lab;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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

    /** Sends a batch every 10 ms sized to the rate, then reads the batch's replies. */
    private void run(OutputStream out, InputStream in, Random random) throws IOException {
        long next = System.nanoTime();
        double carry = 0;
        while (running) {
            Settings s = settings;
            carry += s.ratePerSecond() / 100.0;
            int batch = (int) carry;
            carry -= batch;
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            for (int i = 0; i < batch; i++) {
                buf.write(command(s, random));
            }
            if (batch > 0) {
                out.write(buf.toByteArray());
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
            next += TimeUnit.MILLISECONDS.toNanos(10);
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                next = System.nanoTime();
            }
        }
    }

    private byte[] command(Settings s, Random random) {
        String key = keyPrefix + random.nextInt(s.keySpace());
        if (s.mix() == Mix.STRINGS) {
            return encode("SET", key, value(s, random));
        }
        return switch (random.nextInt(8)) {
            case 0 -> encode("INCRBY", key + ":counter", Integer.toString(random.nextInt(10) + 1));
            case 1 -> encode("HSET", key + ":hash", "f" + random.nextInt(16), value(s, random));
            case 2 -> encode("SADD", key + ":set", "m" + random.nextInt(64));
            case 3 -> encode("ZADD", key + ":zset", Integer.toString(random.nextInt(1000)), "m" + random.nextInt(64));
            case 4 -> encode("RPUSH", key + ":list", value(s, random));
            case 5 -> encode("LTRIM", key + ":list", "-32", "-1");
            case 6 -> encode("DEL", key);
            default -> encode("SET", key, value(s, random));
        };
    }

    private static String value(Settings s, Random random) {
        char[] v = new char[s.valueSize()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(v);
    }

    private static byte[] encode(String... args) {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            sb.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads one reply; true unless it is an error. */
    private static boolean readReply(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new IOException("connection closed");
        }
        String line = readLine(in);
        if (type == '$') {
            int len = Integer.parseInt(line);
            if (len >= 0) {
                in.readNBytes(len + 2);
            }
        } else if (type == '*') {
            int n = Integer.parseInt(line);
            for (int i = 0; i < n; i++) {
                readReply(in);
            }
        }
        return type != '-';
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\r') {
            sb.append((char) b);
        }
        in.read();
        return sb.toString();
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
