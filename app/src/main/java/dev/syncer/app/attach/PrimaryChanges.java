package dev.syncer.app.attach;

import dev.syncer.views.model.port.ConsoleEvent;
import dev.syncer.views.model.port.OperationEvent;
import dev.syncer.views.model.port.OperationKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cluster failovers as the cluster bus shows them: a shard (named by its slots, which stay) whose
 * primary is another node than at the last discovery, with the config epoch it won.
 */
public final class PrimaryChanges {

    private PrimaryChanges() {
    }

    /** A failover row for every tree whose primary changed between two discoveries. */
    public static List<ConsoleEvent> between(Deployment before, Deployment after, Instant now) {
        List<ConsoleEvent> out = new ArrayList<>();
        if (before == null) {
            return out;
        }
        for (Deployment.Tree t : after.trees()) {
            Optional<Deployment.Member> was = before.trees().stream().filter(b -> b.name().equals(t.name())).findFirst()
                    .flatMap(Deployment.Tree::primary);
            Optional<Deployment.Member> is = t.primary();
            if (was.isEmpty() || is.isEmpty() || was.get().target().equals(is.get().target())) {
                continue;
            }
            String epochs = " · config epoch " + was.get().facts().getOrDefault("config-epoch", "?") + " → "
                    + is.get().facts().getOrDefault("config-epoch", "?");
            String id = "cluster-failover:" + t.name() + ":" + is.get().target().id() + ":"
                    + is.get().facts().getOrDefault("config-epoch", "?");
            String summary = t.name() + ": primary " + was.get().target().id() + " → " + is.get().target().id() + epochs
                    + " (observed in CLUSTER NODES)";
            out.add(new OperationEvent(id, now, OperationKind.FAILOVER, OperationEvent.Status.STARTED, summary));
            out.add(new OperationEvent(id, now, OperationKind.FAILOVER, OperationEvent.Status.SUCCEEDED, summary));
        }
        return out;
    }
}
