package dev.syncer.engine.persistence;

import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.rdb.RdbFile;
import dev.syncer.engine.rdb.RdbReader;
import dev.syncer.engine.server.Shard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Loads the dump at start-up, as Redis's loadDataFromDisk. A file that cannot be loaded stops the
 * shard from starting ("Fatal error loading the DB"), as it stops redis-server, so no client ever
 * sees a partial dataset.
 *
 * <p>The shard's keyspace is still empty and unreachable here (the shard is not listening and its
 * loop has run nothing that touches it), which makes it as fresh as a new keyspace: the dump is
 * loaded straight into it, sparing a second copy of every key. Should a keyspace already hold
 * data, the dump goes into a fresh keyspace that replaces it only after a complete load.
 */
final class StartupLoad {

    private static final Logger log = LoggerFactory.getLogger(StartupLoad.class);

    private StartupLoad() {
    }

    /** The load's result, or null when there is no file; throws IllegalStateException if it is unusable. */
    static RdbFile run(Shard shard, Path file, RdbReader.ExpiredAtLoad expired) {
        if (!Files.exists(file)) {
            return null;
        }
        long start = System.nanoTime();
        // a primary drops keys that expired while it was down; a replica waits for its primary's DELs
        boolean replica = shard.config().has("replicaof") && !shard.config().get("replicaof").isBlank();
        boolean direct = shard.keyspace().size() == 0;
        Keyspace target = direct ? shard.keyspace() : new Keyspace(shard.keyspace().databaseCount(), shard.clock());
        RdbFile result;
        try (InputStream in = Files.newInputStream(file)) {
            result = new RdbReader(in, true).onExpired(expired)
                    .keyLoadDelayMicros(shard.config().getLong(Persistence.KEY_LOAD_DELAY)).read(target, !replica);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            target.flushAll();
            shard.crash();
            throw new FatalStartupError("Fatal error loading the DB: " + e.getMessage() + ". Exiting.", e);
        }
        if (!direct) {
            shard.call(() -> {
                shard.keyspace().replaceWith(target);
                return null;
            });
        }
        log.info("Loading RDB produced by version {}", result.aux().getOrDefault("redis-ver", "unknown"));
        log.info("Done loading RDB, keys loaded: {}, keys expired: {}.", result.keysLoaded(), result.expiredSkipped());
        log.info("DB loaded from disk: {} seconds", String.format("%.3f", (System.nanoTime() - start) / 1e9));
        return result;
    }
}
