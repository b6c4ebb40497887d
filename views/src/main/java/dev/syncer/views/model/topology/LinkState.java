package dev.syncer.views.model.topology;

/** The state of a replication or syncer link, as an edge shows it. */
public enum LinkState {
    /** Streaming ({@code master_link_status:up}, syncer in-sync). */
    UP("up"),
    /** Streaming through a lab-injected delay. */
    DELAYED("delayed"),
    /** Handshake or full sync in progress. */
    SYNCING("syncing"),
    /** Not connected ({@code master_link_status:down}, syncer out-of-sync, an end is down). */
    DOWN("down"),
    /** Cut on purpose by the lab. */
    CUT("cut");

    private final String word;

    LinkState(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /** Whether data flows on it. */
    public boolean flowing() {
        return this == UP || this == DELAYED;
    }
}
