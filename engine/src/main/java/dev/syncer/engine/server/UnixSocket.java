package dev.syncer.engine.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * The unix domain socket a shard listens on when {@code unixsocket} names one, as Redis's
 * {@code sofd}: a stale file at the path is removed first, {@code unixsocketperm} (octal) is
 * applied to the new one, and closing removes it again. Its clients run exactly as TCP
 * ones do; CLIENT LIST names them {@code <path>:0}.
 */
final class UnixSocket {

    private static final Logger log = LoggerFactory.getLogger(UnixSocket.class);
    /** sizeof(struct sockaddr_un.sun_path) on Linux. */
    static final int SUN_PATH_SIZE = 108;

    private final Shard shard;
    private Channel listener;
    private Path path;

    UnixSocket(Shard shard) {
        this.shard = shard;
    }

    /** Defines Redis's unixsocket and unixsocketperm (both immutable, as in Redis). */
    static void define(Config c) {
        c.define("unixsocket", "", v -> v, false);
        c.define("unixsocketperm", "0", UnixSocket::octalPermission, false);
    }

    /** unixsocketperm's OCTAL_CONFIG: parsed and printed in octal, 0 to 777. */
    static String octalPermission(String value) {
        long mode;
        try {
            mode = Long.parseLong(value, 8);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("argument couldn't be parsed as an octal number");
        }
        if (mode < 0 || mode > 0777) {
            throw new IllegalArgumentException("argument must be between 0 and 777 inclusive");
        }
        return Long.toOctalString(mode);
    }

    /** The socket file for a setting: relative paths under {@code dir}, where Redis has chdir'ed. */
    static Path resolve(String dir, String unixsocket) {
        return Path.of(dir).resolve(unixsocket);
    }

    /**
     * Opens the socket if {@code unixsocket} is set; a failure is logged in Redis's words and ends
     * the start ({@link ListenFailure}), as redis-server exits on it.
     */
    void start() throws InterruptedException {
        String setting = shard.config().get("unixsocket");
        if (setting.isEmpty()) {
            return;
        }
        Path file = resolve(shard.config().get("dir"), setting);
        if (setting.length() > SUN_PATH_SIZE - 1) {
            throw failed("unix socket path too long (" + setting.length() + "), must be under " + SUN_PATH_SIZE, null);
        }
        try {
            Files.deleteIfExists(file); // a stale socket left by a crash would refuse the bind
        } catch (IOException e) {
            log.debug("could not remove {}", file, e); // as Redis, don't care: the bind says why
        }
        ChannelFuture f = bootstrap().bind(address(file)).await();
        if (!f.isSuccess()) {
            throw failed(f.cause().getMessage(), f.cause());
        }
        listener = f.channel();
        path = file;
        long mode = Long.parseLong(shard.config().get("unixsocketperm"), 8);
        if (mode != 0) {
            try {
                Files.setPosixFilePermissions(file, permissions(mode));
            } catch (IOException | UnsupportedOperationException e) {
                listener.close();
                throw failed("chmod: " + e.getMessage(), e);
            }
        }
        log.info("The server is now ready to accept connections at {}", setting);
    }

    /**
     * Closes the listener and removes the file, as closeListeningSockets at shutdown (Netty's
     * domain socket channels delete it on close too, so an in-process crash removes it as well).
     */
    void close() {
        if (listener == null) {
            return;
        }
        listener.close();
        listener = null;
        log.info("Removing the unix socket file.");
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("Error removing the unix socket file: {}", e.getMessage());
        }
    }

    /** Whether a client's channel came in through a unix socket (its local address is a path). */
    static boolean isUnix(SocketAddress local) {
        return local instanceof DomainSocketAddress || local instanceof UnixDomainSocketAddress;
    }

    static Set<PosixFilePermission> permissions(long mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE, high bit first
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1L << (bits.length - 1 - i))) != 0) {
                out.add(bits[i]);
            }
        }
        return out;
    }

    private ListenFailure failed(String reason, Throwable cause) {
        log.warn("Failed opening Unix socket: {}", reason);
        return new ListenFailure("cannot open unix socket " + shard.config().get("unixsocket"), cause);
    }

    private static SocketAddress address(Path file) {
        return Epoll.isAvailable() ? new DomainSocketAddress(file.toString()) : UnixDomainSocketAddress.of(file);
    }

    private ServerBootstrap bootstrap() {
        return new ServerBootstrap()
                .group(shard.group(), shard.group())
                .channel(Epoll.isAvailable() ? EpollServerDomainSocketChannel.class : NioServerDomainSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 511)
                .childHandler(new ClientInitializer(shard, false));
    }
}
