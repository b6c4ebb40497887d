package dev.syncer.engine.syncer;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * What a syncer connects: {@code sourceAddress} reaches the source cluster's database proxy (the
 * lab puts a fault-injecting link proxy in between), {@code localAddress} the local one, where it
 * authenticates as its syncer identity ({@code localUser}/{@code localPassword}, null for none):
 * the target accepts effects of origin {@code source} from that identity only.
 */
public record SyncerSpec(String database, String source, String target, InetSocketAddress sourceAddress,
                         InetSocketAddress localAddress, String sourceAuth, String localUser, String localPassword,
                         Path checkpointFile, Path tempDir) {

    /** "database:source->target". */
    public String id() {
        return database + ":" + source + "->" + target;
    }
}
