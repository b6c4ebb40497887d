package dev.syncer.engine;

import org.junit.jupiter.api.Test;

import java.io.PrintStream;

import static org.assertj.core.api.Assertions.assertThat;

class AotTrainingIT {

    @Test
    void theWorkloadSyncsAndResumesBetweenItsOwnShardsAndGivesTheLogBack() {
        PrintStream err = System.err;

        AotTraining training = AotTraining.start(2_000);
        training.awaitEnd();

        assertThat(training.completed()).as("the command families (no error reply), full syncs (disk, diskless, diskless load) and partial resumes ran").isTrue();
        assertThat(System.err).isSameAs(err);
    }
}
