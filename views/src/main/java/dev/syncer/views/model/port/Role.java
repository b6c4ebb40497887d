package dev.syncer.views.model.port;

/** A shard's replication role: {@code role:master} / {@code role:slave} in INFO replication. */
public enum Role {
    PRIMARY("master"),
    REPLICA("slave");

    private final String infoValue;

    Role(String infoValue) {
        this.infoValue = infoValue;
    }

    /** The word INFO replication uses. */
    public String infoValue() {
        return infoValue;
    }
}
