package dev.syncer.engine.resp;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * redis-py in RESP3 mode against a shard: the same script ({@code redis_py_resp3.py}, every family,
 * pipelines, pub/sub push messages, errors) prints the same Python values against the shard as
 * against redis-server. redis-py is Debian trixie's python3-redis 6.x, fetched by
 * {@code engine/compat/fetch-redis-py.sh} (.ci/run does); the test is skipped where it is absent.
 */
class RedisPyResp3IT {

    private static final Path FETCHED = Path.of(System.getProperty("user.home"),
            ".cache", "syncer-console", "peers", "redis-py", "usr", "lib", "python3", "dist-packages");

    @Test
    void redisPySeesTheSameValuesFromAShardAsFromRedisServer() throws Exception {
        Path redisPy = redisPy();
        assumeThat(redisPy).as("redis-py is fetched (engine/compat/fetch-redis-py.sh)").isNotNull();
        Path script = Files.createTempFile("redis_py_resp3", ".py");
        try (InputStream in = getClass().getResourceAsStream("redis_py_resp3.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> theirs;
        try (RealRedis redis = RealRedis.start()) {
            theirs = run(script, redisPy, redis.port());
        }
        List<String> ours;
        try (TestShard shard = TestShard.start()) {
            ours = run(script, redisPy, shard.port());
        }
        assertThat(theirs).as("the script ran to its end against redis-server").last().isEqualTo("still talks: True");
        assertThat(ours).containsExactlyElementsOf(theirs);
    }

    private static List<String> run(Path script, Path redisPy, int port) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("python3", script.toString(), Integer.toString(port))
                .redirectErrorStream(true);
        builder.environment().put("PYTHONPATH", redisPy.toString());
        Process python = builder.start();
        byte[] output = python.getInputStream().readAllBytes();
        if (!python.waitFor(60, TimeUnit.SECONDS)) {
            python.destroyForcibly();
        }
        return new String(output, StandardCharsets.UTF_8).lines().toList();
    }

    private static Path redisPy() {
        String env = System.getenv("REDIS_PY_PATH");
        Path path = env != null ? Path.of(env) : FETCHED;
        return Files.isDirectory(path.resolve("redis")) ? path : null;
    }
}
