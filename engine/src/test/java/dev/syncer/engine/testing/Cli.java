package dev.syncer.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Redis's own command-line tools (redis-cli, redis-benchmark, redis-check-rdb) in tests. */
public final class Cli {

    private Cli() {
    }

    /** redis-cli -p port args...; returns stdout and stderr together. */
    public static String run(int port, String... args) {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        cmd.addAll(List.of(args));
        return exec(60, cmd);
    }

    /** redis-cli -s socket args... (a unix domain socket); returns stdout and stderr together. */
    public static String runUnix(java.nio.file.Path socket, String... args) {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-s", socket.toString()));
        cmd.addAll(List.of(args));
        return exec(60, cmd);
    }

    /** Skips (not fails) the calling test where a Redis tool is not installed; CI installs them. */
    public static void assumeInstalled(String tool) {
        org.assertj.core.api.Assumptions.assumeThat(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin", tool)))
                .as("%s is installed", tool).isTrue();
    }

    /** How a tool run ended: its exit code and its stdout and stderr together. */
    public record Outcome(int exitCode, String output) {
    }

    /** Runs a command with a time limit and returns its combined output; fails on timeout. */
    public static String exec(int timeoutSeconds, List<String> cmd) {
        return run(timeoutSeconds, cmd).output();
    }

    /** Runs a command with a time limit (its stdin closed); fails on timeout. */
    public static Outcome run(int timeoutSeconds, List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            // Read on another thread so a tool that never ends cannot hold the test past its limit.
            java.util.concurrent.CompletableFuture<byte[]> out = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getInputStream().readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd);
            }
            return new Outcome(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The exit code of a command run to completion. */
    public static int exitCode(int timeoutSeconds, List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd);
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
