package dev.syncer.engine.syncer;

import io.netty.handler.ssl.SslContext;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * What a syncer connects: {@code sourceAddress} reaches the source cluster's primary (the lab's
 * is a fault-injecting link proxy that connects to the source's current primary),
 * {@code localAddress} the local database proxy, where it
 * authenticates as its syncer identity ({@code localUser}/{@code localPassword}, null for none):
 * the target accepts effects of origin {@code source} from that identity only. With
 * {@code sourceTls} (null: plain TCP) the source link is encrypted end to end, through any proxies
 * on the way, to the source's TLS port.
 */
public record SyncerSpec(String database, String source, String target, InetSocketAddress sourceAddress,
                         InetSocketAddress localAddress, String sourceAuth, String localUser, String localPassword,
                         Path checkpointFile, Path tempDir, SslContext sourceTls) {

    /** A syncer whose source link is plain TCP. */
    public SyncerSpec(String database, String source, String target, InetSocketAddress sourceAddress,
                      InetSocketAddress localAddress, String sourceAuth, String localUser, String localPassword,
                      Path checkpointFile, Path tempDir) {
        this(database, source, target, sourceAddress, localAddress, sourceAuth, localUser, localPassword, checkpointFile,
                tempDir, null);
    }

    /** "database:source->target". */
    public String id() {
        return database + ":" + source + "->" + target;
    }
}
