package dev.syncer.views.model.port;

import java.time.Instant;

/**
 * An operation started, finished or failed. The app sends these for every operation, including
 * the ones this console submitted (the console recognises them by id) and ones started elsewhere.
 *
 * @param summary one line: "failover db1 to s2", or the error text when it failed
 */
public record OperationEvent(String operationId, Instant time, OperationKind kind, Status status,
                             String summary) implements ConsoleEvent {

    public enum Status { STARTED, SUCCEEDED, FAILED }
}
