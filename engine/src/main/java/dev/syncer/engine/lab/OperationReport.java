package dev.syncer.engine.lab;

import java.time.Duration;

/**
 * What a lab operation did. The syncs it caused are not here: the console reads them over RESP
 * (SYNCEVENTS) from every shard, embedded or real, and attributes them itself.
 */
public record OperationReport(String operation, Duration took, String outcome) {

    @Override
    public String toString() {
        return operation + ": " + outcome + " in " + took.toMillis() + " ms";
    }
}
