package dev.syncer.views.model.port;

/**
 * Every operation the console offers, with the label an operator reads. The lab supports them
 * all; over real Redis only those Redis has a command for (see {@link Operations}).
 */
public enum OperationKind {
    /** {@code FAILOVER TO host port} on the primary, then the other replicas re-pointed to the new one. */
    FAILOVER("Failover", true),
    /** {@code REPLICAOF NO ONE} on a replica, then the others re-pointed: for a primary that is gone. */
    FORCED_FAILOVER("Forced promotion", true),
    /** Stop a replica with a SAVE, move its files to another node and start it there: it resumes where it was. */
    MIGRATE_REPLICA("Migrate replica to node", true),
    /** Move a primary to another node, where it comes back as a replica; its best replica is promoted. */
    MIGRATE_PRIMARY_AS_REPLICA("Migrate primary as replica", true),
    /** Move a primary to another node and keep it primary: failover to a replica, move, failover back. */
    MIGRATE_PRIMARY_PRESERVING_ROLES("Migrate primary, keep roles", true),
    /**
     * A running replica follows another upstream where it is: {@code REPLICAOF host port}, or
     * {@code CLUSTER REPLICATE <node-id>} in a Redis Cluster (real Redis only).
     */
    REPOINT_REPLICA("Re-point replica", true),
    /** Start a fresh shard on a node as a replica of a primary. */
    ADD_REPLICA("Add replica", false),
    /** Kill a shard without a shutdown (no RDB saved). */
    CRASH_SHARD("Crash shard", true),
    /** Shut a shard down and start it again. */
    RESTART_SHARD("Restart shard", true),
    /** Shut a shard down. */
    STOP_SHARD("Stop shard", true),
    /** Start a stopped or crashed shard. */
    START_SHARD("Start shard", false),
    /** Drop a replication or syncer link at the lab's proxy until healed. */
    CUT_LINK("Cut link", true),
    /** Remove a cut or a delay. */
    HEAL_LINK("Heal link", false),
    /** Add a one-way delay to a link. */
    DELAY_LINK("Delay link", false),
    /** Start the lab's write load on a database. */
    START_WRITE_LOAD("Start write load", false),
    /** Stop the lab's write load on a database. */
    STOP_WRITE_LOAD("Stop write load", false),
    /** Change the rate of a running write load. */
    TUNE_WRITE_LOAD("Tune write load", false),
    /** {@code CONFIG SET repl-backlog-size}. */
    RESIZE_BACKLOG("Resize backlog", true);

    private final String label;
    private final boolean destructive;

    OperationKind(String label, boolean destructive) {
        this.label = label;
        this.destructive = destructive;
    }

    /** The words on the button. */
    public String label() {
        return label;
    }

    /** Whether it can break a link or force a resync, so the console asks for confirmation first. */
    public boolean destructive() {
        return destructive;
    }
}
