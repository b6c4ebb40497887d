package dev.syncer.app.monitor;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;

import java.time.Duration;

/**
 * A Lettuce client for a target, the one way the console logs in: AUTH with the ACL user (or the
 * default user) and password, TLS checked against the CA file when one is given, unchecked
 * otherwise (what {@code redis-cli --tls --insecure} does), with the client certificate when one is given.
 */
public final class RedisClients {

    /** How long a command may take before the server counts as not answering. */
    public static final Duration TIMEOUT = Duration.ofSeconds(2);

    /**
     * How long logging in may take (TCP, the TLS handshake, HELLO/AUTH): a first TLS handshake in a
     * fresh JVM on a busy machine takes seconds, and a login refused for that would be misleading.
     */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private RedisClients() {
    }

    public static RedisURI uri(Target target) {
        RedisURI.Builder uri = RedisURI.builder().withHost(target.host()).withPort(target.port()).withTimeout(CONNECT_TIMEOUT)
                .withSsl(target.tls().enabled())
                // the chain only, as redis-cli --cacert does: Redis's certificates rarely name the
                // IP address a replica or Sentinel reports, so a host-name check would refuse them
                .withVerifyPeer(target.tls().checksServer() ? SslVerifyMode.CA : SslVerifyMode.NONE);
        if (target.password() != null) {
            if (target.user() != null) {
                uri.withAuthentication(target.user(), target.password().toCharArray());
            } else {
                uri.withPassword(target.password().toCharArray());
            }
        }
        return uri.build();
    }

    public static RedisClient create(ClientResources resources, Target target) {
        RedisClient client = RedisClient.create(resources, uri(target));
        // commands time out on TIMEOUT; the URI's longer timeout is then the login's alone
        ClientOptions.Builder options = ClientOptions.builder().timeoutOptions(TimeoutOptions.enabled(TIMEOUT));
        TlsSettings tls = target.tls();
        if (tls.checksServer() || tls.hasClientCertificate()) {
            SslOptions.Builder ssl = SslOptions.builder().jdkSslProvider();
            if (tls.checksServer()) {
                ssl.trustManager(tls.caFile().toFile());
            }
            if (tls.hasClientCertificate()) {
                ssl.keyManager(tls.certFile().toFile(), tls.keyFile().toFile(), null);
            }
            options.sslOptions(ssl.build());
        }
        client.setOptions(options.build());
        return client;
    }

    /**
     * An error as the operator needs it: Lettuce wraps Redis's reply ("WRONGPASS …") in "Unable to
     * connect", so every distinct message down the causes, joined.
     */
    public static String describe(Throwable e) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && parts.size() < 4; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            // Netty repeats a cause's text with the address in front: say it once
            if (parts.stream().noneMatch(p -> p.contains(m) || m.contains(p))) {
                parts.add(m);
            }
        }
        return String.join(": ", parts);
    }

    /** Whether Redis refused us for want of the right user or password: asking again will not help. */
    public static boolean refusedLogin(String error) {
        return error != null && (error.contains("NOAUTH") || error.contains("WRONGPASS")
                || error.contains("invalid password") || error.contains("invalid username-password"));
    }
}
