package dev.syncer.engine.replication.primary;

import dev.syncer.engine.replication.ReplicationContext;

/** The replication context as the primary side uses it: its own replica set and full syncs too. */
public interface PrimaryContext extends ReplicationContext {

    @Override
    ReplicaSet replicas();

    FullSync fullSync();
}
