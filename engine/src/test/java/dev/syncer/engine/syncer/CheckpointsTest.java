package dev.syncer.engine.syncer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CheckpointsTest {

    private static final String A = "a".repeat(40);
    private static final String B = "b".repeat(40);

    @Test
    void savesIntoADirectoryThatIsMissingAndReadsBackWhatItSaved(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lab").resolve("syncers").resolve("shop_east-_west.checkpoint");
        Checkpoints saved = new Checkpoints(file);
        saved.append(A, 100);
        saved.advance(250);
        saved.save();
        saved.append(B, 250); // a failover: a second history
        saved.advance(300);
        saved.save();

        assertThat(Files.readString(file)).isEqualTo(A + " 250\n" + B + " 300\n");
        Checkpoints read = new Checkpoints(file);
        assertThat(read.history()).containsExactly(new Checkpoints.Checkpoint(A, 250), new Checkpoints.Checkpoint(B, 300));
    }

    @Test
    void aDirectoryRemovedAfterASaveIsMadeAgainByTheNext(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("syncers").resolve("x.checkpoint");
        Checkpoints cp = new Checkpoints(file);
        cp.append(A, 1);
        cp.save();
        Files.delete(file);
        Files.delete(file.getParent());

        cp.advance(2);
        cp.save();

        assertThat(new Checkpoints(file).latest()).isEqualTo(new Checkpoints.Checkpoint(A, 2));
    }
}
