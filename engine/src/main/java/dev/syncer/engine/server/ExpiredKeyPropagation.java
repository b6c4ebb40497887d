package dev.syncer.engine.server;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Keyspace;

import java.nio.charset.StandardCharsets;

/**
 * Redis's propagateDeletion: a key the keyspace found expired is propagated as DEL (UNLINK with
 * lazyfree-lazy-expire), in order with the command that found it, so the dispatcher sequences it.
 */
final class ExpiredKeyPropagation implements Keyspace.ExpiryListener {

    private final Config config;
    private final Stats stats;
    private final Dispatcher dispatcher;

    ExpiredKeyPropagation(Config config, Stats stats, Dispatcher dispatcher) {
        this.config = config;
        this.stats = stats;
        this.dispatcher = dispatcher;
    }

    @Override
    public void expired(int db, Key key) {
        stats.expiredKeys++;
        stats.dirty++;
        String verb = "yes".equals(config.get("lazyfree-lazy-expire")) ? "UNLINK" : "DEL";
        dispatcher.propagate(db, new byte[][] {verb.getBytes(StandardCharsets.US_ASCII), key.bytes()});
        dispatcher.keyExpired(db, key);
    }
}
