package dev.syncer.views.model.port;

/**
 * Where a running operation is.
 *
 * @param fraction 0…1, or -1 when the app cannot tell how far along it is
 * @param step     the current step in an operator's words
 */
public record OperationProgress(String operationId, double fraction, String step) {

    public static final double INDETERMINATE = -1;
}
