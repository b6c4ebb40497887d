package dev.syncer.engine.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The headless lab as a user runs it ({@code java -jar engine/target/syncer-lab.jar ...}), in its
 * own process: started until it prints {@code lab ready}, its endpoint lines kept, killable with
 * SIGKILL by its PID.
 */
public final class LabProcess implements AutoCloseable {

    private final Process process;
    private final List<String> endpoints;

    private LabProcess(Process process, List<String> endpoints) {
        this.process = process;
        this.endpoints = endpoints;
    }

    public static LabProcess start(String... args) {
        Path jar = Path.of("target", "syncer-lab.jar");
        assumeThat(Files.exists(jar)).as("the launcher jar is built by the package phase").isTrue();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("SYNCER_NO_AOT", "1"); // killed with SIGKILL: no training run (see ShardProcess)
            Process lab = builder.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(lab.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = CompletableFuture.supplyAsync(() -> {
                List<String> read = new ArrayList<>();
                try {
                    for (String line; (line = out.readLine()) != null && !line.equals("lab ready"); ) {
                        read.add(line);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return read;
            }).get(90, TimeUnit.SECONDS);
            // keep draining stdout so the lab never blocks on a full pipe
            Thread.ofVirtual().start(() -> {
                try {
                    out.transferTo(java.io.Writer.nullWriter());
                } catch (IOException e) {
                    // the process ended
                }
            });
            return new LabProcess(lab, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the lab did not become ready", e);
        }
    }

    /** The lines {@code endpoint <cluster> <database> <role> <host:port>} it printed. */
    public List<String> endpoints() {
        return endpoints;
    }

    /** The port of the first endpoint of this database and role (e.g. "cache", "proxy"). */
    public int port(String database, String role) {
        for (String line : endpoints) {
            String[] w = line.split(" ");
            if (w.length == 5 && w[2].equals(database) && w[3].equals(role)) {
                return Integer.parseInt(w[4].substring(w[4].lastIndexOf(':') + 1));
            }
        }
        throw new IllegalArgumentException("no " + role + " endpoint for " + database + " in " + endpoints);
    }

    public long pid() {
        return process.pid();
    }

    /** kill -9 (SIGKILL by its PID): no shutdown hook, no final flush. */
    public void kill() {
        Processes.kill(process);
    }

    /** SIGTERM; true when the process exited within {@code seconds}. */
    public boolean terminate(int seconds) throws InterruptedException {
        process.destroy();
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        Processes.stop(process, 20);
    }
}
