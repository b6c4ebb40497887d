package dev.syncer.engine.replication.replica;

import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.rdb.RdbFile;
import dev.syncer.engine.rdb.RdbReader;
import dev.syncer.engine.server.Shard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.InputStream;
import dev.syncer.engine.persistence.DurableFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Executor;

/**
 * The RDB a full sync delivered, in its temporary file: loaded off the loop into a fresh keyspace
 * (so a corrupt or cut file leaves the live data alone), then kept as the dump file, as Redis
 * renames it to dbfilename.
 */
final class ReceivedRdb {

    private static final Logger log = LoggerFactory.getLogger(ReceivedRdb.class);

    /** Told on the loop how the load went. */
    interface Loaded {
        void loaded(Keyspace fresh, RdbFile rdb);

        void failed(Exception cause);
    }

    private final Path file;

    ReceivedRdb(Path file) {
        this.file = file;
    }

    /** Reads the file on a background thread into a new keyspace (a replica's: expired keys kept). */
    void load(Shard shard, int databases, Executor background, Loaded then) {
        background.execute(() -> {
            Keyspace fresh = new Keyspace(databases, shard.clock());
            fresh.setReplica(true);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                RdbFile rdb = new RdbReader(in, true).read(fresh, false); // a file: nothing follows the RDB
                shard.execute(() -> then.loaded(fresh, rdb));
            } catch (Exception e) {
                shard.execute(() -> then.failed(e));
            }
        });
    }

    /** After a successful load: the file becomes the shard's dump file. */
    void keepAs(Path dumpFile) {
        try {
            Files.move(file, dumpFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            DurableFiles.syncDirectory(dumpFile.toAbsolutePath().getParent());
        } catch (Exception e) {
            log.warn("Failed trying to rename the temp DB into {}: {}", dumpFile, e.toString());
            delete();
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (Exception ignored) {
            // best effort: a stale temp file is harmless
        }
    }
}
