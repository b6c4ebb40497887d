package dev.syncer.views.model.port;

import java.util.List;

/**
 * What an operation did.
 *
 * @param summary one line for the timeline: "s2 is primary of db1; s1 and s3 replicate from it"
 * @param steps   the steps taken, in order, in Redis's words where possible
 */
public record OperationResult(String operationId, String summary, List<String> steps) {

    public OperationResult {
        steps = List.copyOf(steps);
    }
}
