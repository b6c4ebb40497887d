package dev.syncer.engine.testing;

import dev.syncer.engine.Shards;
import dev.syncer.engine.server.Config;
import dev.syncer.engine.server.ProtectedActions;
import dev.syncer.engine.server.Shard;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A complete shard on an ephemeral loopback port with its own temporary directory, for tests.
 * Settings are given as name/value pairs: {@code TestShard.start("requirepass", "secret")}.
 */
public final class TestShard implements AutoCloseable {

    private final Shard shard;
    private final Path dir;
    private final List<RedisClient> clients = new ArrayList<>();

    private TestShard(Shard shard, Path dir) {
        this.shard = shard;
        this.dir = dir;
    }

    public static TestShard start(String... settings) {
        try {
            Path dir = Files.createTempDirectory("shard");
            return start(dir, settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a shard in an existing directory (e.g. to restart from the RDB a previous one saved). */
    public static TestShard start(Path dir, String... settings) {
        Config config = Shards.config();
        config.setInitial("port", "0");
        config.setInitial("bind", "127.0.0.1");
        config.setInitial("dir", dir.toString());
        config.setInitial("save", "");
        // Tests compare datasets with DEBUG DIGEST; a test may still pass "no" to see it refused.
        config.setInitial(ProtectedActions.DEBUG_COMMAND, "local");
        for (int i = 0; i + 1 < settings.length; i += 2) {
            if (settings[i].equals("user")) { // "user", "alice on >pw ~*": a redis.conf user line
                config.addUser(List.of(settings[i + 1].split(" ")));
            } else {
                config.setInitial(settings[i], settings[i + 1]);
            }
        }
        Shard shard = Shards.create(config);
        try {
            shard.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new TestShard(shard, dir);
    }

    public Shard shard() {
        return shard;
    }

    public int port() {
        return shard.port();
    }

    public Path dir() {
        return dir;
    }

    /** A Lettuce connection (RESP3, which Lettuce negotiates with HELLO 3), closed with this shard. */
    public StatefulRedisConnection<String, String> connect(String... password) {
        RedisURI.Builder uri = RedisURI.builder().withHost("127.0.0.1").withPort(port()).withTimeout(Duration.ofSeconds(10));
        if (password.length > 0) {
            uri.withPassword(password[0].toCharArray());
        }
        RedisClient client = RedisClient.create(uri.build());
        clients.add(client);
        return client.connect();
    }

    /** Makes this shard a replica of the server on primaryPort (REPLICAOF) and waits for its link to come up. */
    public void follow(int primaryPort) {
        try (RespClient admin = raw()) {
            admin.call("REPLICAOF", "127.0.0.1", Integer.toString(primaryPort));
        }
        ReplicationWaits.awaitLinkUp(port());
    }

    /** A raw RESP connection for exact wire-level assertions. */
    public RespClient raw() {
        return RespClient.connect(port());
    }

    @Override
    public void close() {
        for (RedisClient c : clients) {
            c.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        shard.close();
    }

    /**
     * A client subscribed to {@code channel} on a connection with a small receive window that then
     * never reads: what an output-buffer limit or client eviction must deal with.
     */
    public Socket neverReadingSubscriber(String channel) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress("127.0.0.1", port()), 5000);
        s.getOutputStream().write(RespClient.encode("SUBSCRIBE", channel));
        s.getOutputStream().flush();
        return s;
    }

}
