package dev.syncer.engine;

import dev.syncer.engine.server.Config;
import dev.syncer.engine.server.ProtectedActions;
import dev.syncer.engine.server.Shard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What an AOT cache's training run does besides starting (see {@code launch.AotCache}): the
 * cache keeps the classes and method profiles of what its training JVM ran, and a shard that was
 * started, pinged and stopped had never synced a replica, so every replica started later met the
 * sync path cold (about 0.6 s of CPU in the interpreter and C1 code for a 100k-key full sync,
 * against 19 ms of load once compiled). Here the training JVM, once the user's shard is up, runs
 * a replication between two shards of its own on loopback: a disk-backed full sync, a diskless
 * one, a diskless load, writes streamed to the replica and partial resumes after the link is cut
 * — the primary's BGSAVE and socket dump, the replica's handshake, RDB receive and load, PSYNC
 * +CONTINUE. Before the syncs the primary also serves the command families a client starts
 * with, pipelined ({@link #families}): the cache's method profiles (JEP 515) then hold their paths,
 * which a cache of start-up and syncs alone left to the interpreter and C1 profiling in the first
 * seconds of a benchmark. Those shards' log lines are kept out of the user's log. A stop waits for
 * the workload (bounded by {@link #LIMIT_SECONDS}), so that the cache written at exit holds it.
 */
final class AotTraining {

    static final int KEYS = 20_000;
    static final int LIMIT_SECONDS = 120;
    private static final InheritableThreadLocal<Boolean> MUTED = new InheritableThreadLocal<>();

    private final List<Shard> shards = new ArrayList<>();
    private final int keys;
    private Thread thread;
    private volatile boolean completed;

    private AotTraining(int keys) {
        this.keys = keys;
    }

    /** Starts the workload in the background; {@link #awaitEnd} before the JVM exits. */
    static AotTraining start() {
        return start(KEYS);
    }

    /** As {@link #start()}, with {@code keys} string keys in the primary. */
    static AotTraining start(int keys) {
        AotTraining training = new AotTraining(keys);
        training.thread = Thread.ofPlatform().daemon().name("aot-training").unstarted(training::runMuted);
        training.thread.start();
        return training;
    }

    /** Waits for the workload to end, at most {@link #LIMIT_SECONDS} from now. */
    void awaitEnd() {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(LIMIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runMuted() {
        PrintStream err = System.err;
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                if (MUTED.get() == null) {
                    err.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (MUTED.get() == null) {
                    err.write(b, off, len);
                }
            }

            @Override
            public void flush() {
                err.flush();
            }
        }, true));
        MUTED.set(Boolean.TRUE); // every thread the training shards start inherits it
        Path dir = null;
        long start = System.nanoTime();
        String failure = null;
        try {
            dir = Files.createTempDirectory("syncer-aot-training");
            run(dir);
            completed = true;
        } catch (Exception e) {
            failure = e.toString(); // a training run that could not sync still writes a cache, of what it did
        } finally {
            for (Shard s : shards) {
                s.close();
            }
            System.setErr(err);
            delete(dir);
        }
        org.slf4j.LoggerFactory.getLogger(AotTraining.class).info("AOT cache training: full and partial syncs between two shards"
                + " of this process {} in {} ms", completed ? "done" : "stopped (" + failure + ")",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** Whether the whole workload ran. */
    boolean completed() {
        return completed;
    }

    private void run(Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
        int primary = start(dir.resolve("primary"), "repl-diskless-sync", "no");
        try (Client p = new Client(primary)) {
            p.call("DEBUG", "POPULATE", Integer.toString(keys), "key", "100");
            collections(p);
            families(p, keys);
            for (String mode : List.of("disk", "diskless", "diskless-load")) {
                p.call("CONFIG", "SET", "repl-diskless-sync", mode.equals("disk") ? "no" : "yes");
                int replica = start(dir.resolve(mode), "repl-diskless-load", mode.equals("diskless-load") ? "swapdb" : "disabled");
                try (Client r = new Client(replica)) {
                    r.call("REPLICAOF", "127.0.0.1", Integer.toString(primary));
                    r.awaitLinkUp(deadline);
                    writes(p, keys);
                    for (int i = 0; i < 3; i++) {
                        String before = p.info("stats", "sync_partial_ok");
                        r.call("CLIENT", "KILL", "TYPE", "master");
                        while (before.equals(p.info("stats", "sync_partial_ok"))) {
                            pause(deadline);
                        }
                        r.awaitLinkUp(deadline);
                    }
                }
            }
        }
    }

    private int start(Path dir, String... settings) throws Exception {
        Files.createDirectories(dir);
        Config config = Shards.config();
        config.setInitial("port", "0");
        config.setInitial("bind", "127.0.0.1");
        config.setInitial("dir", dir.toString());
        config.setInitial("save", "");
        config.setInitial("repl-diskless-sync-delay", "0");
        config.setInitial(ProtectedActions.DEBUG_COMMAND, "local");
        for (int i = 0; i + 1 < settings.length; i += 2) {
            config.setInitial(settings[i], settings[i + 1]);
        }
        Shard shard = Shards.create(config);
        shards.add(shard);
        return shard.start();
    }

    /** A few small hashes, sets, sorted sets and lists: their RDB encodings are dumped and loaded too. */
    private void collections(Client p) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < keys / 10; i++) {
            String n = Integer.toString(i);
            Client.command(out, "HSET", "hash:" + n, "a", n, "b", "value:" + n);
            Client.command(out, "SADD", "set:" + n, "m1", "m2", n);
            Client.command(out, "ZADD", "zset:" + n, "1", "a", "2.5", n);
            Client.command(out, "RPUSH", "list:" + n, "a", n);
        }
        p.pipeline(out.toByteArray(), keys / 10 * 4);
    }

    /**
     * The command families a client starts with, in redis-benchmark's shapes (its -t tests and the
     * command lines compare-redis-benchmark.sh runs), pipelined: their paths then start with
     * profiles of their own rather than the interpreter's first calls. Measured on the shard jar as
     * launched, the first 300k SET -P16 after a fresh start (starts alternated, load average 25-49):
     * server CPU 6.2 µs a request against 6.8 (medians of nine starts each, both ranges wide: 4.7-6.8
     * against 4.8-8.6 but for one outlier), the next 300k 2.4 against 3.2 (three); by then 9-20 of
     * the shard's and Netty's methods compiled at C1's profiling tier against 16-51 (four each), as
     * their profiles came from the cache. The cache grows by 0.9 MB (32.9 against 32.0).
     */
    private static void families(Client p, int count) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = 0;
        for (int i = 0; i < count; i++) {
            String r = Integer.toString(i * 7919 % 100_000); // distinct: the collections outgrow their small encodings
            List<String[]> lines = new ArrayList<>(List.of(new String[] {"SET", "key:" + r, "xxx"}, new String[] {"GET", "key:" + r},
                    new String[] {"INCR", "counter:" + r}, new String[] {"MSET", "key:" + r, "xxx", "k2:" + r, "xxx"},
                    new String[] {"LPUSH", "mylist", "xxx"}, new String[] {"RPUSH", "mylist", "xxx"},
                    new String[] {"SADD", "myset", "element:" + r}, new String[] {"HSET", "myhash", "element:" + r, "xxx"},
                    new String[] {"ZADD", "myzset", r, "element:" + r}, new String[] {"PFADD", "hll", r},
                    new String[] {"SETBIT", "bits:" + r, "100", "1"}, new String[] {"XADD", "stream", "*", "field", r}));
            if (i % 4 == 0) {
                lines.addAll(List.of(new String[] {"LPOP", "mylist"}, new String[] {"RPOP", "mylist"}, new String[] {"SPOP", "myset"},
                        new String[] {"ZPOPMIN", "myzset"}));
            }
            if (i % 100 == 0) {
                lines.add(new String[] {"LRANGE", "mylist", "0", "99"});
            }
            for (String[] line : lines) {
                Client.command(out, line);
            }
            n += lines.size();
        }
        p.pipeline(out.toByteArray(), n);
    }

    /** SETs over existing keys, pipelined: the stream to the replica and its apply path. */
    private static void writes(Client p, int count) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            Client.command(out, "SET", "key:" + i, "v" + i);
        }
        p.pipeline(out.toByteArray(), count);
    }

    private static void pause(long deadline) throws InterruptedException {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("training took too long");
        }
        Thread.sleep(5); // a poll of another shard's state, as a client would
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }

    /** A blocking RESP client, enough for the workload's commands and replies. */
    private static final class Client implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Client(int port) throws IOException {
            socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(60_000);
            in = new java.io.BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        static void command(OutputStream out, String... argv) throws IOException {
            StringBuilder b = new StringBuilder("*").append(argv.length).append("\r\n");
            for (String a : argv) {
                b.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
            }
            out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        }

        String call(String... argv) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            command(b, argv);
            out.write(b.toByteArray());
            return reply();
        }

        /** Writes commands and reads their replies; an error reply ends the workload. */
        void pipeline(byte[] commands, int replies) throws IOException {
            Thread writer = Thread.ofPlatform().daemon().start(() -> {
                try {
                    out.write(commands);
                } catch (IOException e) {
                    // the reader sees the connection end
                }
            });
            for (int i = 0; i < replies; i++) {
                reply();
            }
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        String info(String section, String field) throws IOException {
            String text = call("INFO", section);
            for (String line : text.split("\r\n")) {
                if (line.startsWith(field + ":")) {
                    return line.substring(field.length() + 1);
                }
            }
            return "";
        }

        void awaitLinkUp(long deadline) throws Exception {
            while (!info("replication", "master_link_status").equals("up")
                    || !info("replication", "master_sync_in_progress").equals("0")) {
                pause(deadline);
            }
        }

        private String reply() throws IOException {
            String line = line();
            char type = line.isEmpty() ? '?' : line.charAt(0);
            switch (type) {
                case '+', ':' -> {
                    return line.substring(1);
                }
                case '$' -> {
                    int n = Integer.parseInt(line.substring(1));
                    if (n < 0) {
                        return null;
                    }
                    byte[] data = in.readNBytes(n + 2);
                    return new String(data, 0, n, StandardCharsets.UTF_8);
                }
                case '*' -> {
                    int n = Integer.parseInt(line.substring(1));
                    for (int i = 0; i < n; i++) {
                        reply();
                    }
                    return "";
                }
                default -> throw new IOException("unexpected reply " + line);
            }
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
