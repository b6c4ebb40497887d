package dev.syncer.views.model.topology;

/** Something the operator can select in the topology: a shard, a replication link or a syncer link. */
public sealed interface Selectable permits ShardModel, EdgeModel {

    /** Stable identity (the port's id). */
    String id();
}
