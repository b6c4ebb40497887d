package dev.syncer.engine.launch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * JDK 25's ahead-of-time cache (JEP 483/514/515) for a launcher jar: classes already loaded and
 * linked, and method profiles, from an earlier run. Measured on the shard jar (2-core machine,
 * load average 24, three fresh starts each): start-up to the first PONG 4.4–7.7 s with the cache
 * against 10.7–17.9 s without, and the first 5 s of redis-benchmark GET -P16 53–103k ops/s
 * against 56–60k.
 *
 * <p>The first start of a given jar (its name, size and modification time name the cache) is the
 * training run: the JVM records what it loads and writes the cache when it exits, to a file of its
 * own (named after its PID) that is moved into place once that process has ended — by the launcher
 * waiting for it ({@link #completed}), or, when the training JVM replaced the launcher under the
 * same PID, by the next start ({@link #adoptFinished}) — so shards started together never share a
 * half-written file. Later starts use it. The shard's training run also syncs a replica between two
 * shards of its own ({@code dev.syncer.engine.AotTraining}): a fresh replica's first 100k-key full sync
 * then took 460–510 ms of its CPU against 710–760 ms with a cache of start-up alone (connect phase
 * 11–24 ms against 336–543, load average 30). The cache lives in {@code $XDG_CACHE_HOME/syncer} (or
 * {@code ~/.cache/syncer}), one per jar and place; nothing is asked for on JDKs before 25, when the user chose their own
 * archive or CDS setting, or when {@code SYNCER_NO_AOT} is set.
 *
 * <p>The cache is resident whole (29 of its 32 MB, an empty shard's largest mapping) because its
 * classes are loaded and linked at start (AOTClassLinking, on by default when a cache is written).
 * Not taken: a cache written with -XX:-AOTClassLinking is 27 MB and 25 resident, but the classes
 * then loaded at run time cost more (anonymous memory 35 MB against 19; RSS after start 81 MB
 * against 70-71); -XX:ArchiveRelocationMode=0 (mapping at the address the cache was written for)
 * halves its private pages (13 MB against 24) but leaves RSS the same.
 */
public final class AotCache {

    private static final String OUTPUT = "-XX:AOTCacheOutput=";
    private static final String TRAINING = ".training-";
    private static final String RECORDING = ".config";

    private AotCache() {
    }

    /** Whether this JVM is a training run: it writes a cache as it exits. */
    public static boolean training() {
        return training(ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    static boolean training(List<String> current) {
        return current.stream().anyMatch(o -> o.startsWith(OUTPUT) || o.equals("-XX:AOTMode=record"));
    }

    /** The options for this JVM's jar, or none. */
    public static List<String> options() {
        if (System.getenv("SYNCER_NO_AOT") != null) {
            return List.of();
        }
        String classPath = System.getProperty("java.class.path", "");
        String cacheHome = System.getenv("XDG_CACHE_HOME");
        Path cacheDir = cacheHome != null && !cacheHome.isEmpty() ? Path.of(cacheHome, "syncer")
                : Path.of(System.getProperty("user.home"), ".cache", "syncer");
        return options(Runtime.version().feature(), Path.of(classPath), cacheDir,
                ManagementFactory.getRuntimeMXBean().getInputArguments(), ProcessHandle.current().pid(),
                pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    /** The decision, from its inputs: use the cache when it exists, else train into a file of our own. */
    static List<String> options(int feature, Path jar, Path cacheDir, List<String> current, long pid, LongPredicate alive) {
        if (feature < 25 || !jar.toString().endsWith(".jar") || !Files.isRegularFile(jar)
                || current.stream().anyMatch(o -> o.startsWith("-XX:AOT") || o.startsWith("-XX:SharedArchiveFile")
                || o.startsWith("-Xshare") || o.startsWith("-XX:+AutoCreateSharedArchive"))) {
            return List.of();
        }
        Path cache;
        try {
            String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
            // the JVM refuses a cache whose jar's size or time changed, so they are in its name; the
            // jar's place too, so that two builds of it side by side do not replace each other's
            String place = name + "-" + Integer.toHexString(jar.toAbsolutePath().normalize().toString().hashCode());
            cache = cacheDir.resolve(place + "-" + Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis() + ".aot");
            adoptFinished(cache, alive);
            removeOutdated(cache, place, alive);
            if (Files.isRegularFile(cache)) {
                return List.of("-XX:AOTCache=" + cache, "-Xlog:aot*=error");
            }
            Files.createDirectories(cacheDir);
        } catch (IOException | SecurityException e) {
            return List.of(); // no cache where none can be written: start as without one
        }
        return List.of(OUTPUT + cache + TRAINING + pid, "-Xlog:aot*=error");
    }

    /**
     * Training files for {@code cache} whose process has ended: moved into place (the JVM writes the
     * cache before it exits), or deleted when empty. A running training JVM's file is left alone. The
     * JVM's own {@code .config} file beside it (the recording it turns into the cache at exit, then
     * deletes) stays behind, empty, when the training JVM was killed: deleted too.
     */
    static void adoptFinished(Path cache, LongPredicate alive) throws IOException {
        if (!Files.isDirectory(cache.getParent())) {
            return;
        }
        String prefix = cache.getFileName() + TRAINING;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(cache.getParent(), prefix + "*")) {
            for (Path file : files) {
                String pid = file.getFileName().toString().substring(prefix.length());
                boolean recording = pid.endsWith(RECORDING);
                pid = recording ? pid.substring(0, pid.length() - RECORDING.length()) : pid;
                if (pid.matches("\\d{1,18}") && !alive.test(Long.parseLong(pid))) {
                    if (recording) {
                        Files.deleteIfExists(file);
                    } else {
                        completed(List.of(OUTPUT + file));
                    }
                }
            }
        }
    }

    /**
     * Every rebuild of a jar changes its time and so names a new cache (tens of MB): the caches of
     * earlier builds at the same place, and their ended training runs, are deleted.
     */
    static void removeOutdated(Path cache, String place, LongPredicate alive) throws IOException {
        if (!Files.isDirectory(cache.getParent())) {
            return;
        }
        String current = cache.getFileName().toString();
        String ours = java.util.regex.Pattern.quote(place) + "-\\d+-\\d+\\.aot(\\.training-\\d{1,18}(\\.config)?)?"; // size, time, PID
        try (DirectoryStream<Path> files = Files.newDirectoryStream(cache.getParent(), place + "-*.aot*")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(current) || !name.matches(ours)) {
                    continue;
                }
                int mark = name.lastIndexOf(TRAINING);
                String pid = mark < 0 ? "" : name.substring(mark + TRAINING.length()).replace(RECORDING, "");
                if (mark < 0 || !alive.test(Long.parseLong(pid))) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** After the relaunched JVM ended: a training run's cache, when it wrote one, moved into place. */
    static void completed(List<String> options) {
        for (String option : options) {
            int mark = option.lastIndexOf(TRAINING);
            if (option.startsWith(OUTPUT) && mark > 0) {
                Path written = Path.of(option.substring(OUTPUT.length()));
                try {
                    if (Files.isRegularFile(written) && Files.size(written) > 0) {
                        Files.move(written, Path.of(option.substring(OUTPUT.length(), mark)), StandardCopyOption.ATOMIC_MOVE,
                                StandardCopyOption.REPLACE_EXISTING);
                    }
                    Files.deleteIfExists(written);
                } catch (IOException e) {
                    // the next start trains again
                }
            }
        }
    }
}
