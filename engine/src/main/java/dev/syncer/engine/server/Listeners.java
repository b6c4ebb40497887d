package dev.syncer.engine.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A shard's listening sockets: plain ones on every bind address at {@code port}, and the TLS one
 * on the first at {@code tls-port}; CONFIG SET of either moves them, as Redis's changeListener;
 * and the {@link UnixSocket} when {@code unixsocket} names one.
 * Loop-confined once started.
 */
final class Listeners {

    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private final Shard shard;
    private final Config config;
    private final List<Channel> plain = new ArrayList<>();
    private Channel tls;
    private final UnixSocket unix;
    private boolean started;
    private String boundAddresses;

    Listeners(Shard shard) {
        this.shard = shard;
        this.config = shard.config();
        this.unix = new UnixSocket(shard);
        config.watch("tls-port", v -> {
            if (started && !v.equals(Integer.toString(tlsPort()))) {
                change(true, Integer.parseInt(v), addresses().subList(0, 1));
            }
        });
        config.watch("bind", v -> {
            // changeBindAddr: the plain listeners move to the new addresses, on the same port
            if (started && !plain.isEmpty() && !v.equals(boundAddresses)) {
                int port = portOf(plain.get(0));
                try {
                    change(false, port, addresses(v));
                } catch (IllegalArgumentException e) {
                    log.warn("Could not bind to {}: {}", v, e.getMessage());
                    change(false, port, addresses(boundAddresses)); // back where they were
                    throw new IllegalArgumentException("Failed to bind to specified addresses.");
                }
                boundAddresses = v;
            }
        });
        config.watch("port", v -> {
            if (started && !v.equals(Integer.toString(plain.isEmpty() ? 0 : portOf(plain.get(0))))) {
                change(false, Integer.parseInt(v), addresses());
            }
        });
    }

    /** Binds the plain listeners (port 0: a free one, which {@code port} then names) and the TLS one if asked. */
    int start() throws InterruptedException {
        int port = (int) config.getLong("port");
        for (String address : addresses()) {
            Channel ch = bindAtStart(false, address, port);
            plain.add(ch);
            port = portOf(ch); // further binds reuse the port chosen
        }
        config.setInitial("port", Integer.toString(port));
        boundAddresses = config.get("bind");
        started = true;
        int tlsPort = (int) config.getLong("tls-port");
        if (tlsPort != 0) {
            listenTls(tlsPort);
        }
        try {
            unix.start();
        } catch (ListenFailure e) {
            close();
            throw e;
        }
        return port;
    }

    /** Listens for TLS on the first bind address (0: a free port, which tls-port then names). Not on the loop. */
    int listenTls(int port) throws InterruptedException {
        shard.tls().reconfigure();
        Channel ch = started ? bootstrap(true).bind(addresses().get(0), port).sync().channel()
                : bindAtStart(true, addresses().get(0), port);
        tls = ch;
        int bound = portOf(ch);
        config.setInitial("tls-port", Integer.toString(bound));
        log.info("Ready to accept connections tls (port {})", bound);
        return bound;
    }

    /**
     * A listener bound at start-up; one that cannot be bound ends the start as listenToPort does,
     * with its two log lines: scripts that start servers on guessed ports (Redis's own test suite)
     * read "Failed listening on port" as "busy, try another".
     */
    private Channel bindAtStart(boolean tlsPort, String address, int port) throws InterruptedException {
        ChannelFuture f = bootstrap(tlsPort).bind(address, port).await();
        if (f.isSuccess()) {
            return f.channel();
        }
        log.warn("Warning: Could not create server TCP listening socket {}:{}: {}", address, port, f.cause().getMessage());
        log.warn("Failed listening on port {} ({}), aborting.", port, tlsPort ? "TLS" : "TCP");
        close();
        throw new ListenFailure("cannot listen on " + address + ":" + port, f.cause());
    }

    int tlsPort() {
        return tls == null ? 0 : portOf(tls);
    }

    void close() {
        plain.forEach(Channel::close);
        if (tls != null) {
            tls.close();
        }
        unix.close();
    }

    /**
     * The old listeners close and new ones open (port 0: none; connected clients stay). On the
     * loop, registering and binding complete at once, so a port that cannot be bound is refused
     * (the setting, and through its listeners these sockets, go back to what they were).
     */
    private void change(boolean tlsPort, int port, List<String> hosts) {
        List<Channel> old = tlsPort ? (tls == null ? List.of() : List.of(tls)) : List.copyOf(plain);
        old.forEach(Channel::close);
        if (tlsPort) {
            tls = null;
        } else {
            plain.clear();
        }
        if (port == 0) {
            return;
        }
        if (tlsPort) {
            shard.tls().reconfigure();
        }
        for (String host : hosts) {
            Channel ch = bootstrap(tlsPort).register().channel();
            ChannelFuture f = ch.bind(new InetSocketAddress(host, port));
            if (f.isDone() && !f.isSuccess()) {
                ch.close();
                throw new IllegalArgumentException("Unable to listen on this port: " + f.cause().getMessage());
            }
            if (tlsPort) {
                tls = ch;
            } else {
                plain.add(ch);
            }
            f.addListener(done -> {
                if (!done.isSuccess()) {
                    log.warn("Could not listen on {}:{}{}: {}", host, port, tlsPort ? " (TLS)" : "", done.cause().getMessage());
                }
            });
        }
    }

    private ServerBootstrap bootstrap(boolean tlsPort) {
        return new ServerBootstrap()
                .group(shard.group(), shard.group())
                .channel(Transport.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 511)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ClientInitializer(shard, tlsPort));
    }

    /** The bind addresses, a leading '-' (Redis: optional) dropped. */
    private List<String> addresses() {
        return addresses(config.get("bind"));
    }

    private static List<String> addresses(String bind) {
        List<String> out = new ArrayList<>();
        for (String address : bind.trim().split("\\s+")) {
            out.add(address.startsWith("-") ? address.substring(1) : address);
        }
        return out;
    }

    private static int portOf(Channel listener) {
        return listener.isOpen() && listener.localAddress() instanceof InetSocketAddress a ? a.getPort() : 0;
    }
}
