package dev.syncer.engine.syncer;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * What a syncer connects: {@code sourceAddress} reaches the source cluster's database proxy (the
 * lab puts a fault-injecting link proxy in between), {@code localAddress} the local one.
 */
public record SyncerSpec(String database, String source, String target, InetSocketAddress sourceAddress,
                         InetSocketAddress localAddress, String sourceAuth, Path checkpointFile, Path tempDir) {

    /** "database:source->target". */
    public String id() {
        return database + ":" + source + "->" + target;
    }
}
