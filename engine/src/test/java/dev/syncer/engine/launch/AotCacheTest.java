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
        assertThat(training.get(0)).startsWith("-XX:AOTCacheOutput=" + cacheDir.resolve("syncer-shard-"))
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
    void aRebuiltJarsCacheReplacesTheEarlierBuildsAndLeavesOtherJarsAndRunningTrainingsAlone() throws Exception {
        Path jar = Files.write(dir.resolve("syncer-shard.jar"), new byte[] {1, 2, 3});
        Path cacheDir = Files.createDirectories(dir.resolve("cache"));
        Path first = cacheOf(AotCache.options(25, jar, cacheDir, List.of(), 1, NONE_ALIVE));
        Files.write(first, new byte[] {9});
        Path other = Files.write(cacheDir.resolve("syncer-lab-1a2b-10-20.aot"), new byte[] {9});

        Files.write(jar, new byte[] {1, 2, 3, 4}); // rebuilt: another size (and time)
        List<String> training = AotCache.options(25, jar, cacheDir, List.of(), 2, NONE_ALIVE);
        Path running = Path.of(training.get(0).substring("-XX:AOTCacheOutput=".length()));
        Files.write(running, new byte[] {9});
        assertThat(first).as("the earlier build's cache").doesNotExist();
        assertThat(other).as("another jar's cache").exists();

        Files.write(jar, new byte[] {1, 2, 3, 4, 5});
        AotCache.options(25, jar, cacheDir, List.of(), 3, pid -> pid == 2);
        assertThat(running).as("a training run still going").exists();
        AotCache.options(25, jar, cacheDir, List.of(), 4, NONE_ALIVE);
        assertThat(running).as("once it ended, an earlier build's").doesNotExist();
    }

    @Test
    void aKilledTrainingRunsEmptyRecordingIsDeletedOnceItEndedAsAnEarlierBuildsIs() throws Exception {
        Path jar = Files.write(dir.resolve("syncer-shard.jar"), new byte[] {1, 2, 3});
        List<String> training = AotCache.options(25, jar, dir, List.of(), 42, NONE_ALIVE);
        Path recording = Files.createFile(Path.of(training.get(0).substring("-XX:AOTCacheOutput=".length()) + ".config"));

        AotCache.options(25, jar, dir, List.of(), 43, pid -> pid == 42);
        assertThat(recording).as("its JVM still running").exists();
        AotCache.options(25, jar, dir, List.of(), 44, NONE_ALIVE);
        assertThat(recording).as("killed: nothing will write to it").doesNotExist();

        List<String> killed = AotCache.options(25, jar, dir, List.of(), 45, NONE_ALIVE);
        Path earlier = Files.createFile(Path.of(killed.get(0).substring("-XX:AOTCacheOutput=".length()) + ".config"));
        Files.write(jar, new byte[] {1, 2, 3, 4}); // rebuilt
        AotCache.options(25, jar, dir, List.of(), 46, NONE_ALIVE);
        assertThat(earlier).as("an earlier build's").doesNotExist();
    }

    private static Path cacheOf(List<String> training) {
        String option = training.get(0);
        return Path.of(option.substring("-XX:AOTCacheOutput=".length(), option.lastIndexOf(".training-")));
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

    @Test
    void aJvmWritingACacheAsItExitsIsATrainingRun() {
        assertThat(AotCache.training(List.of("-Xms24m", "-XX:AOTCacheOutput=/tmp/x.aot.training-7"))).isTrue();
        assertThat(AotCache.training(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=/tmp/x.conf"))).isTrue();
        assertThat(AotCache.training(List.of("-XX:AOTCache=/tmp/x.aot", "-Xlog:aot*=error"))).isFalse();
        assertThat(AotCache.training(List.of())).isFalse();
    }
}
