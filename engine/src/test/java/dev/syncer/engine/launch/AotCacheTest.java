package dev.syncer.engine.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongPredicate;

import static org.assertj.core.api.Assertions.assertThat;

class AotCacheTest {

    private static final LongPredicate NONE_ALIVE = pid -> false;

    @TempDir
    Path dir;

    @Test
    void aFirstStartTrainsIntoAFileOfItsOwnAndALaterStartUsesTheCacheMovedIntoPlace() throws Exception {
        Path jar = Files.write(dir.resolve("syncer-shard.jar"), new byte[] {1, 2, 3});
        Path cacheDir = dir.resolve("cache");

        List<String> training = AotCache.options(25, jar, cacheDir, List.of(), 42, NONE_ALIVE);
        assertThat(training).hasSize(2);
        assertThat(training.get(0)).startsWith("-XX:AOTCacheOutput=" + cacheDir.resolve("syncer-shard-3-"))
                .endsWith(".aot.training-42");
        Path written = Path.of(training.get(0).substring("-XX:AOTCacheOutput=".length()));
        Files.write(written, new byte[] {9}); // what the JVM writes as it exits
        AotCache.completed(training);

        List<String> using = AotCache.options(25, jar, cacheDir, List.of(), 43, NONE_ALIVE);
        Path cache = Path.of(using.get(0).substring("-XX:AOTCache=".length()));
        assertThat(using.get(0)).startsWith("-XX:AOTCache=");
        assertThat(cache).exists();
        assertThat(written).doesNotExist();
    }

    @Test
    void aTrainingJvmThatReplacedItsLauncherHasItsCacheAdoptedByTheNextStartOnceItEnded() throws Exception {
        Path jar = Files.write(dir.resolve("syncer-shard.jar"), new byte[] {1, 2});
        List<String> training = AotCache.options(25, jar, dir, List.of(), 42, NONE_ALIVE);
        Path written = Path.of(training.get(0).substring("-XX:AOTCacheOutput=".length()));
        Files.write(written, new byte[] {9}); // no launcher waits to move it: the JVM was exec'd under PID 42

        assertThat(AotCache.options(25, jar, dir, List.of(), 43, pid -> pid == 42).get(0))
                .as("still running, perhaps still writing").startsWith("-XX:AOTCacheOutput=");
        assertThat(written).exists();

        assertThat(AotCache.options(25, jar, dir, List.of(), 44, NONE_ALIVE).get(0)).startsWith("-XX:AOTCache=");
        assertThat(written).doesNotExist();
    }

    @Test
    void aTrainingRunThatWroteNothingLeavesNoCache() throws Exception {
        Path jar = Files.write(dir.resolve("syncer-shard.jar"), new byte[] {1});
        List<String> training = AotCache.options(25, jar, dir, List.of(), 7, NONE_ALIVE);
        AotCache.completed(training);
        assertThat(AotCache.options(25, jar, dir, List.of(), 8, NONE_ALIVE).get(0)).startsWith("-XX:AOTCacheOutput=");
    }

    @Test
    void nothingBeforeJdk25OutsideAJarOrWhenTheUserChoseTheirOwnArchive() throws Exception {
        Path jar = Files.write(dir.resolve("syncer-shard.jar"), new byte[] {1});
        assertThat(AotCache.options(21, jar, dir, List.of(), 1, NONE_ALIVE)).isEmpty();
        assertThat(AotCache.options(25, dir.resolve("classes"), dir, List.of(), 1, NONE_ALIVE)).isEmpty();
        assertThat(AotCache.options(25, jar, dir, List.of("-Xshare:off"), 1, NONE_ALIVE)).isEmpty();
        assertThat(AotCache.options(25, jar, dir, List.of("-XX:AOTCache=/elsewhere.aot"), 1, NONE_ALIVE)).isEmpty();
    }
}
