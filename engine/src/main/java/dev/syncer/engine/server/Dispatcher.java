package dev.syncer.engine.server;

import dev.syncer.engine.keyspace.Key;

import dev.syncer.engine.resp.Reply;

/**
 * What the server core asks of the command layer: run a client's command, and propagate one the
 * shard itself causes (the DEL of a key found expired). The command layer implements it and is
 * handed to the {@link Shard} when it is built, so the server never names the commands.
 */
public interface Dispatcher {

    /** Called once by the shard being built, before any command runs. */
    void attach(Shard shard);

    void execute(ClientSession session, byte[][] argv, Reply reply);

    void propagate(int db, byte[][] argv);

    /** Whether a command of this name exists (an AOF naming one that does not cannot be loaded). */
    default boolean knows(byte[] name) {
        return true;
    }

    /** A client went away: whatever it waited on, watched or subscribed to is released. */
    void disconnected(ClientSession session);

    /** A key the shard deleted because it expired: the "expired" keyspace event. */
    default void keyExpired(int db, Key key) {
    }

    /** A key maxmemory evicted: the "evicted" keyspace event. */
    default void keyEvicted(int db, Key key) {
    }

    /** Fields the command layer adds to INFO's stats section (client-side caching's). */
    default void infoStats(InfoSection.InfoWriter out) {
    }

    /**
     * The client's share of the command layer's structures, as Redis's getClientMemoryUsage counts
     * it: its watched keys, subscriptions and tracking prefixes (see {@link ClientMemory}).
     */
    default long clientStructuresMemory(ClientSession session) {
        return 0;
    }

    /**
     * Redis's disconnectAllBlockedClients (the shard became a replica): every client blocked on
     * keys gets {@code error} and is closed after it, since what it waited for now comes from the
     * primary's stream, which must not be served to it.
     */
    default void disconnectAllBlockedClients(String error) {
    }

    /** processCommand's is_may_replicate_command (what CLIENT PAUSE WRITE holds), for a command not yet run. */
    default boolean mayReplicate(ClientSession session, byte[][] argv) {
        return true;
    }

    /** Clients waiting in a blocking command (INFO's blocked_clients). */
    int blockedClients();
}
