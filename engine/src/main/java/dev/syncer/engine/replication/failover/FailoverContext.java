package dev.syncer.engine.replication.failover;

import dev.syncer.engine.replication.ReplicationContext;
import dev.syncer.engine.replication.primary.ReplicaSet;

/** The replication context as FAILOVER uses it: the replicas it may hand over to, and itself. */
public interface FailoverContext extends ReplicationContext {

    @Override
    ReplicaSet replicas();

    @Override
    Failover failover();
}
