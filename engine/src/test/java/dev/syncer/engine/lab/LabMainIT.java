package dev.syncer.engine.lab;

import dev.syncer.engine.testing.RespClient;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The headless launcher as a user runs it: `java -jar engine/target/syncer-lab.jar`. */
class LabMainIT {

    private static final Pattern ENDPOINT = Pattern.compile("endpoint (\\S+) (\\S+) (proxy|primary|replica) 127\\.0\\.0\\.1:(\\d+)");

    @Test
    void printsEveryEndpointThenLabReadyAndServesThroughItsProxies() throws Exception {
        Path jar = Path.of("target", "syncer-lab.jar");
        assumeThat(Files.exists(jar)).as("the launcher jar is built by the package phase").isTrue();
        Process lab = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(lab.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = CompletableFuture.supplyAsync(() -> {
                List<String> read = new ArrayList<>();
                try {
                    for (String line; (line = out.readLine()) != null && !line.equals("lab ready"); ) {
                        read.add(line);
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return read;
            }).get(60, TimeUnit.SECONDS);

            assertThat(lines).hasSize(13).allMatch(l -> ENDPOINT.matcher(l).matches());
            assertThat(lines).filteredOn(l -> l.contains(" proxy ")).hasSize(4);
            Matcher cacheProxy = lines.stream().map(ENDPOINT::matcher).filter(Matcher::matches)
                    .filter(m -> m.group(2).equals("cache") && m.group(3).equals("proxy")).findFirst().orElseThrow();
            try (RespClient c = RespClient.connect(Integer.parseInt(cacheProxy.group(4)))) {
                assertThat(c.call("SET", "launched", "yes")).isEqualTo("OK");
                assertThat(RespClient.text(c.call("GET", "launched"))).isEqualTo("yes");
            }
        } finally {
            lab.destroy(); // SIGTERM: the shutdown hook closes the lab
            assertThat(lab.waitFor(20, TimeUnit.SECONDS)).as("the lab exits on SIGTERM").isTrue();
        }
    }
}
