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

    /** Parses INFO's {@code role:} value ({@code master} or {@code slave}). */
    public static Role fromInfo(String value) {
        for (Role r : values()) {
            if (r.infoValue.equalsIgnoreCase(value)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role: " + value);
    }
}
