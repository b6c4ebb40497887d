package dev.syncer.views.model.port;

import java.util.Objects;

/**
 * The three ports the console needs, as the app hands them over.
 *
 * @param targetName what the console is attached to, for the title bar: "Embedded lab",
 *                   "redis://10.0.0.5:6379"
 */
public record ConsolePorts(String targetName, TopologySource topology, ConsoleEvents events, Operations operations) {

    public ConsolePorts {
        Objects.requireNonNull(targetName, "targetName");
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(operations, "operations");
    }
}
