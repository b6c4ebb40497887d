package dev.syncer.engine.syncer;

/** A syncer's phases, named for operators (INFO syncers shows the label). */
enum SyncerPhase {
    CONNECTING("connecting"), HANDSHAKE("hand shaking"), RECEIVING_RDB("receiving rdb"),
    MERGING("merging snapshot"), STREAMING("syncing stream"), WAITING("waiting to reconnect"),
    STOPPED("stopped");

    private final String label;

    SyncerPhase(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
