package dev.syncer.engine.persistence;

import org.junit.jupiter.api.Test;

import static dev.syncer.engine.persistence.DiskErrorGate.deniedByDiskError;
import static org.assertj.core.api.Assertions.assertThat;

class DiskErrorGateTest {

    @Test
    void aFailedBgsaveDeniesWritesOnlyWithSaveRulesAndTheSettingOn() {
        assertThat(deniedByDiskError(true, true, false, false, true, "")).isEqualTo(DiskErrorGate.RDB_ERROR);
        assertThat(deniedByDiskError(false, true, false, false, true, "")).isNull();
        assertThat(deniedByDiskError(true, false, false, false, true, "")).as("no save rules").isNull();
        assertThat(deniedByDiskError(true, true, true, false, true, "")).isNull();
    }

    @Test
    void anAofWriteErrorDeniesWritesWhileTheAofIsOn() {
        assertThat(deniedByDiskError(true, true, true, true, false, "No space left on device"))
                .isEqualTo("MISCONF Errors writing to the AOF file: No space left on device");
        assertThat(deniedByDiskError(true, true, true, false, false, "No space left on device")).isNull();
        assertThat(deniedByDiskError(false, false, true, true, false, "x")).as("whatever stop-writes-on-bgsave-error says")
                .isEqualTo("MISCONF Errors writing to the AOF file: x");
    }
}
