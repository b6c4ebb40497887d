package dev.syncer.engine.launch;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the program again in a JVM with the options it needs, when the user started it without
 * them ({@code java -jar syncer-console.jar}). Some options can only be given on the command line —
 * the garbage collector, native access for JavaFX and Netty, Unsafe memory access on JDK 23+ (each
 * first use prints a warning otherwise) — and a jar's manifest cannot carry them; re-executing once
 * is how a plain jar gets the settings its measurements were made with.
 *
 * <p>On Linux with JDK 22 or later the new JVM replaces this one under the same PID ({@link Execv}):
 * one process, the one the user started. Elsewhere, or when that fails, this JVM starts the new
 * one as its child, waits for it and exits with its status.
 *
 * <p>Skipped when the options are all there already, inside a jpackage image (its launcher passes
 * the same options from {@code --java-options}), or when {@code SYNCER_NO_RELAUNCH} is set.
 */
public final class Relauncher {

    /** Set on the relaunched JVM, so it never relaunches again; says how it was started. */
    static final String MARKER = "syncer.relaunched";
    static final String EXEC = "exec";
    static final String SPAWN = "spawn";

    private Relauncher() {
    }

    /** Options every launcher wants: quiet, fast native and off-heap access on this JDK, script continuations. */
    public static List<String> quietOptions() {
        List<String> options = new ArrayList<>();
        options.add("--enable-native-access=ALL-UNNAMED");
        // scripts past busy-reply-threshold pause on a continuation (scripting.ScriptCoroutine); the
        // jars' manifests say so too, but a relaunched JVM runs from -cp, where manifests do not count
        options.add("--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED");
        if (Runtime.version().feature() >= 23) {
            options.add("--sun-misc-unsafe-memory-access=allow");
        }
        return options;
    }

    /**
     * Relaunches {@code main} with {@code wanted} added when any is missing, waits for it and exits
     * with its status; returns at once when nothing is missing (the caller goes on as usual).
     */
    public static void relaunchIfNeeded(Class<?> main, String[] args, List<String> wanted) {
        String relaunched = System.getProperty(MARKER);
        if (relaunched != null) {
            if (relaunched.equals(SPAWN)) {
                exitWithParent();
            }
            return;
        }
        if (System.getProperty("jpackage.app-path") != null
                || System.getenv("SYNCER_NO_RELAUNCH") != null) {
            return;
        }
        List<String> current = ManagementFactory.getRuntimeMXBean().getInputArguments();
        List<String> missing = missing(current, wanted);
        if (missing.isEmpty()) {
            return;
        }
        String classPath = System.getProperty("java.class.path");
        if (Execv.available()) {
            String failure = Execv.exec(command(javaBinary(), current, missing, EXEC, classPath, main.getName(), args));
            System.err.println("Could not replace this JVM by one with " + missing + " (" + failure + "); starting it as a child");
        }
        List<String> command = command(javaBinary(), current, missing, SPAWN, classPath, main.getName(), args);
        try {
            Process child = new ProcessBuilder(command).inheritIO().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(child, missing), "relaunch-stop"));
            int status = child.waitFor();
            AotCache.completed(missing);
            System.exit(status);
        } catch (Exception e) {
            // Running without the options is slower or noisier, never wrong: go on in this JVM.
            System.err.println("Could not relaunch with " + missing + " (" + e.getMessage() + "); going on without");
        }
    }

    /**
     * SIGTERM to the launcher: the child gets it too and is waited for (a bounded time), so that it
     * ends cleanly, and a training run's AOT cache, written as it exits, is kept.
     */
    private static void stop(Process child, List<String> options) {
        child.destroy();
        try {
            if (child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                AotCache.completed(options);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The relaunched JVM ends when the one that started it ends: a parent killed with SIGKILL runs
     * no shutdown hook to stop it, and a server left running would hold its port. Halts, as the
     * kill the parent got would have (no hooks, no final flush); SIGTERM reaches the child through
     * the parent's hook instead and ends it cleanly.
     */
    private static void exitWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(137)));
    }

    /**
     * The wanted options whose name (the part before '=' or the whole flag) is not given yet. A
     * heap the user sized with -Xmx gets our initial size only below their maximum: without one the
     * JVM starts at 1/64 of the machine's memory, up to that maximum, and the serial collector never
     * shrinks the heap below where it started (-Xmx256m on a 23 GB machine: 254 MB kept after a
     * FLUSHALL and a full collection, where -Xms24m gave it back).
     */
    static List<String> missing(List<String> current, List<String> wanted) {
        List<String> out = new ArrayList<>();
        long userMax = current.stream().filter(c -> c.startsWith("-Xmx") || c.startsWith("-XX:MaxHeapSize="))
                .mapToLong(c -> bytes(c.substring(c.startsWith("-Xmx") ? 4 : 16))).reduce((a, b) -> b).orElse(Long.MAX_VALUE);
        for (String option : wanted) {
            String name = name(option);
            if (name.equals("-Xms") && bytes(option.substring(4)) > userMax) {
                continue;
            }
            if (current.stream().noneMatch(c -> name(c).equals(name))) {
                out.add(option);
            }
        }
        return out;
    }

    /** A size as the JVM's options give it (1g, 512m, 24576k, 268435456); -1 when it is none. */
    static long bytes(String size) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,15})([kKmMgGtT]?)").matcher(size);
        if (!m.matches()) {
            return -1;
        }
        int shift = switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        return Long.parseLong(m.group(1)) << shift;
    }

    static List<String> command(String java, List<String> current, List<String> missing, String how,
                                String classPath, String mainClass, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(current);
        command.addAll(missing);
        command.add("-D" + MARKER + "=" + how);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    /**
     * -XX:+UseSerialGC and -XX:-UseSerialGC are one setting, so are -Xmx1g and -Xmx2g, every
     * collector choice (a user's -XX:+UseG1GC stays, and no second collector is added), and every
     * young generation size (-Xmn sets both of the others).
     */
    private static String name(String option) {
        if (option.matches("-XX:[+-]Use\\w*GC")) {
            return "gc";
        }
        if (option.startsWith("-Xmn") || option.startsWith("-XX:NewSize=") || option.startsWith("-XX:MaxNewSize=")) {
            return "young";
        }
        if (option.startsWith("-XX:+") || option.startsWith("-XX:-")) {
            return "-XX:" + option.substring(5);
        }
        if (option.startsWith("-Xmx") || option.startsWith("-Xms") || option.startsWith("-Xmn") || option.startsWith("-Xss")) {
            return option.substring(0, 4);
        }
        int eq = option.indexOf('=');
        return eq < 0 ? option : option.substring(0, eq);
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + "/bin/java");
    }
}
