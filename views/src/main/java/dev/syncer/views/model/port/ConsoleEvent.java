package dev.syncer.views.model.port;

import java.time.Instant;

/** Something that happened, delivered by {@link ConsoleEvents}. */
public sealed interface ConsoleEvent permits SyncReport, OperationEvent {

    Instant time();
}
