package dev.syncer.views.model.port;

import java.time.Instant;

/**
 * An operation the console asks for.
 *
 * @param id          unique per console run; a sync report carries it when the adapter knows for certain
 * @param operation   what to do
 * @param requestedAt when the operator confirmed it
 */
public record OperationRequest(String id, Operation operation, Instant requestedAt) {
}
