package dev.syncer.views.model.port;

import java.time.Instant;

/**
 * An operation the console asks for.
 *
 * @param id          unique per console run; sync events caused by it should carry it
 * @param operation   what to do
 * @param requestedAt when the operator confirmed it
 */
public record OperationRequest(String id, Operation operation, Instant requestedAt) {
}
