package dev.syncer.engine.server;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * TLS as Redis 6+ configures it (tls-port, tls-cert-file, tls-key-file, tls-ca-cert-file/dir,
 * tls-auth-clients, tls-replication, tls-protocols, tls-ciphers...): the server context the TLS
 * port's connections use and the client context of outgoing links (a replica's to a TLS primary,
 * presenting tls-client-cert-file, else tls-cert-file, as Redis does). Built with the JDK's provider:
 * Netty's OpenSSL provider needs netty-tcnative's native libraries per platform, and the JDK's
 * TLS 1.2/1.3 interoperates with Redis's OpenSSL. Keys must be PEM PKCS#8 (what OpenSSL 3 writes),
 * plain or encrypted (tls-key-file-pass). tls-dh-params-file is accepted and unused (the JDK
 * negotiates ECDHE/FFDHE groups itself); tls-cluster is accepted, there is no cluster bus.
 * Peers are verified against the CA, not by host name, as Redis does.
 */
public final class Tls {

    private static final Logger log = LoggerFactory.getLogger(Tls.class);
    /** The settings a change of which rebuilds the contexts. */
    private static final List<String> CONTEXT_SETTINGS = List.of("tls-cert-file", "tls-key-file", "tls-key-file-pass",
            "tls-client-cert-file", "tls-client-key-file", "tls-client-key-file-pass", "tls-ca-cert-file",
            "tls-ca-cert-dir", "tls-auth-clients", "tls-protocols", "tls-ciphers", "tls-ciphersuites", "tls-replication",
            "tls-cluster");
    private static final String FAILED = "Unable to update TLS configuration. Check server logs.";

    private final Config config;
    private volatile SslContext server;
    private volatile SslContext client;

    /** Defines Redis's tls-* settings (called by {@link Config}). */
    static void define(Config c) {
        c.define("tls-port", "0", v -> between(Config.integer(v), 0, 65535), true);
        for (String file : new String[] {"tls-cert-file", "tls-key-file", "tls-key-file-pass", "tls-client-cert-file",
            "tls-client-key-file", "tls-client-key-file-pass", "tls-dh-params-file", "tls-ca-cert-file", "tls-ca-cert-dir"}) {
            c.define(file, "", v -> v, true);
        }
        c.define("tls-auth-clients", "yes", v -> oneOf(v, "yes", "no", "optional"), true);
        c.define("tls-replication", "no", Config::yesNo, true);
        c.define("tls-cluster", "no", Config::yesNo, true);
        c.define("tls-protocols", "", Tls::protocols, true);
        c.define("tls-ciphers", "", v -> v, true);
        c.define("tls-ciphersuites", "", v -> v, true);
        c.define("tls-prefer-server-ciphers", "no", Config::yesNo, true);
        c.define("tls-session-caching", "yes", Config::yesNo, true);
        c.define("tls-session-cache-size", "20480", Config::integer, true);
        c.define("tls-session-cache-timeout", "300", Config::integer, true);
    }

    Tls(Config config) {
        this.config = config;
        for (String name : CONTEXT_SETTINGS) {
            config.watch(name, v -> {
                if (server != null || needed()) {
                    reconfigure();
                }
            });
        }
    }

    /** Redis's condition for tlsConfigure: a TLS port, TLS replication or the cluster bus asks for it. */
    boolean needed() {
        return config.getLong("tls-port") != 0 || config.getBoolean("tls-replication") || config.getBoolean("tls-cluster");
    }

    /** Builds the contexts from the settings; throws IllegalArgumentException (logged) when they are unusable. */
    void reconfigure() {
        try {
            SslContext s = server(config);
            SslContext c = client(config);
            server = s;
            client = c;
        } catch (IllegalArgumentException e) {
            log.warn("Failed to configure TLS: {}", e.getMessage());
            throw new IllegalArgumentException(FAILED, e);
        }
    }

    /** A handler for one connection accepted on the TLS port. */
    public SslHandler newServerHandler(ByteBufAllocator alloc) {
        if (server == null) {
            reconfigure();
        }
        SslHandler handler = server.newHandler(alloc);
        // the JDK's server picks by its own order unless told otherwise; OpenSSL, so Redis, by the
        // client's unless tls-prefer-server-ciphers
        SSLEngine engine = handler.engine();
        SSLParameters params = engine.getSSLParameters();
        params.setUseCipherSuitesOrder(config.getBoolean("tls-prefer-server-ciphers"));
        engine.setSSLParameters(params);
        return handler;
    }

    /** The context for this shard's link to its primary: TLS when tls-replication is yes, else null (plain TCP). */
    public SslContext replicationContext() {
        if (!config.getBoolean("tls-replication")) {
            return null;
        }
        if (client == null) {
            reconfigure();
        }
        return client;
    }

    /** The port a replica announces (REPLCONF listening-port): the TLS one when it replicates over TLS. */
    public int replicationPort(int plainPort) {
        long tlsPort = config.getLong("tls-port");
        return config.getBoolean("tls-replication") && tlsPort != 0 ? (int) tlsPort : plainPort;
    }

    // ---- contexts ---------------------------------------------------------------------------

    /** The TLS port's context: its certificate, the CA clients are checked against, tls-auth-clients. */
    public static SslContext server(Config c) {
        requireCaWhenVerifying(c);
        String cert = required(c, "tls-cert-file");
        String key = required(c, "tls-key-file");
        try {
            SslContextBuilder b = SslContextBuilder.forServer(new File(cert), new File(key), password(c, "tls-key-file-pass", key))
                    .sslProvider(SslProvider.JDK)
                    .clientAuth(switch (c.get("tls-auth-clients")) {
                        case "no" -> ClientAuth.NONE;
                        case "optional" -> ClientAuth.OPTIONAL;
                        default -> ClientAuth.REQUIRE;
                    });
            List<X509Certificate> trusted = trusted(c);
            if (!trusted.isEmpty()) {
                b.trustManager(trusted);
            }
            return common(b, c).build();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot load TLS certificate " + cert + " / key " + key + ": " + reason(e), e);
        }
    }

    /**
     * An outgoing link's context: tls-client-cert-file/key (else tls-cert-file/key) presented,
     * the peer checked against tls-ca-cert-file/dir.
     */
    public static SslContext client(Config c) {
        boolean own = !c.get("tls-client-cert-file").isEmpty();
        String cert = c.get(own ? "tls-client-cert-file" : "tls-cert-file");
        String key = c.get(own ? "tls-client-key-file" : "tls-key-file");
        String pass = password(c, own ? "tls-client-key-file-pass" : "tls-key-file-pass", key);
        try {
            SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    .endpointIdentificationAlgorithm(null); // Redis checks the chain, not the host name
            if (!cert.isEmpty() && !key.isEmpty()) {
                b.keyManager(new File(cert), new File(key), pass);
            }
            List<X509Certificate> trusted = trusted(c);
            if (!trusted.isEmpty()) {
                b.trustManager(trusted);
            }
            return common(b, c).build();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot build the TLS client context (" + cert + "): " + reason(e), e);
        }
    }

    private static SslContextBuilder common(SslContextBuilder b, Config c) {
        String protocols = c.get("tls-protocols");
        if (!protocols.isEmpty()) {
            b.protocols(protocols.split(" "));
        }
        List<String> ciphers = TlsCiphers.resolve(c.get("tls-ciphers"), c.get("tls-ciphersuites"), JdkSuites.DEFAULT,
                JdkSuites.STATIC_RSA, JdkSuites.SUPPORTED);
        if (ciphers != null) {
            b.ciphers(ciphers, SupportedCipherSuiteFilter.INSTANCE);
        }
        return b;
    }

    /** Redis refuses to verify peers without a CA rather than trust the system's store. */
    private static void requireCaWhenVerifying(Config c) {
        boolean verifying = !"no".equals(c.get("tls-auth-clients")) || c.getBoolean("tls-replication")
                || c.getBoolean("tls-cluster");
        if (verifying && c.get("tls-ca-cert-file").isEmpty() && c.get("tls-ca-cert-dir").isEmpty()) {
            throw new IllegalArgumentException("Either tls-ca-cert-file or tls-ca-cert-dir must be specified when "
                    + "tls-cluster, tls-replication or tls-auth-clients are enabled!");
        }
    }

    /** The CA certificates: every certificate of tls-ca-cert-file and of the files in tls-ca-cert-dir. */
    static List<X509Certificate> trusted(Config c) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        String file = c.get("tls-ca-cert-file");
        if (!file.isEmpty()) {
            out.addAll(certificates(Path.of(file), true));
        }
        String dir = c.get("tls-ca-cert-dir");
        if (!dir.isEmpty()) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(dir))) {
                for (Path f : files) {
                    if (Files.isRegularFile(f)) {
                        out.addAll(certificates(f, false)); // hash links, CRLs, README: whatever parses
                    }
                }
            }
        }
        return out;
    }

    private static List<X509Certificate> certificates(Path file, boolean strict) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) cert);
            }
            if (strict && out.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + file);
            }
            return out;
        } catch (CertificateException e) {
            if (strict) {
                throw new IllegalArgumentException("cannot read CA certificates from " + file + ": " + e.getMessage(), e);
            }
            return List.of();
        }
    }

    private static String required(Config c, String name) {
        String v = c.get(name);
        if (v.isEmpty()) {
            throw new IllegalArgumentException(name + " is required for TLS");
        }
        return v;
    }

    /** The key's password, used only for a key that is encrypted (OpenSSL ignores it for others, so may Redis users). */
    private static String password(Config c, String name, String keyFile) {
        String v = c.get(name);
        if (v.isEmpty() || keyFile.isEmpty()) {
            return null;
        }
        try {
            return Files.readString(Path.of(keyFile)).contains("ENCRYPTED") ? v : null;
        } catch (IOException | RuntimeException e) {
            return v; // the load that follows reports the file
        }
    }

    private static String reason(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
    }

    // ---- normalisers -------------------------------------------------------------------------

    /** tls-protocols: space-separated TLSv1.2 / TLSv1.3 (and the older ones), any case, as Redis parses it. */
    static String protocols(String v) {
        Set<String> out = new LinkedHashSet<>();
        for (String p : v.trim().split("\\s+")) {
            if (p.isEmpty()) {
                continue;
            }
            String canonical = switch (p.toLowerCase(Locale.ROOT)) {
                case "tlsv1" -> "TLSv1";
                case "tlsv1.1" -> "TLSv1.1";
                case "tlsv1.2" -> "TLSv1.2";
                case "tlsv1.3" -> "TLSv1.3";
                default -> throw new IllegalArgumentException("Invalid tls-protocols specified. Use a combination of "
                        + "'TLSv1', 'TLSv1.1', 'TLSv1.2' and 'TLSv1.3'.");
            };
            out.add(canonical);
        }
        return String.join(" ", out);
    }

    private static String oneOf(String v, String... allowed) {
        String lower = v.trim().toLowerCase(Locale.ROOT);
        if (!Arrays.asList(allowed).contains(lower)) {
            throw new IllegalArgumentException("argument(s) must be one of the following: " + String.join(", ", allowed));
        }
        return lower;
    }

    private static String between(String v, long min, long max) {
        return Config.between(v, min, max);
    }

    /** The JDK's cipher suites, enabled by default and supported. */
    // ---- the JDK's static-RSA ban ---------------------------------------------------------------

    /** jdk.tls.disabledAlgorithms' entry banning the static-RSA suites (JDK 24 and later). */
    private static final String STATIC_RSA_BAN = "TLS_RSA_*";
    private static volatile boolean staticRsaBanLifted;

    /**
     * Lets this process negotiate the static-RSA suites OpenSSL, so Redis, still has in its DEFAULT
     * (AES128-SHA256 and the like), by taking the JDK's ban out of jdk.tls.disabledAlgorithms. The
     * JDK reads that property once, when its TLS classes first load, and a connection's own
     * constraints can only add to it, never lift it: so only a launcher that owns its process calls
     * this, before any TLS is used. From then on the shard's contexts always name their suites, and
     * the static-RSA ones only when tls-ciphers asks for them (by name, or by OpenSSL's DEFAULT, ALL
     * or HIGH): with tls-ciphers unset the JDK's policy still holds.
     */
    public static synchronized void liftStaticRsaBan() {
        String disabled = java.security.Security.getProperty("jdk.tls.disabledAlgorithms");
        if (disabled == null || staticRsaBanLifted) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (String entry : disabled.split(",")) {
            if (!entry.isBlank() && !entry.trim().equals(STATIC_RSA_BAN)) {
                kept.add(entry.trim());
            }
        }
        if (kept.size() < disabled.split(",").length) {
            java.security.Security.setProperty("jdk.tls.disabledAlgorithms", String.join(", ", kept));
            staticRsaBanLifted = true;
        }
    }

    private static final class JdkSuites {
        /** The JDK's enabled suites as its policy makes them: without static RSA when the ban was lifted. */
        static final List<String> DEFAULT;
        /** The static-RSA AES suites OpenSSL's DEFAULT holds, when this process may negotiate them. */
        static final List<String> STATIC_RSA;
        static final Set<String> SUPPORTED;

        static {
            try {
                SSLContext ctx = SSLContext.getDefault();
                boolean lifted = staticRsaBanLifted;
                DEFAULT = Arrays.stream(ctx.getDefaultSSLParameters().getCipherSuites())
                        .filter(s -> !lifted || !TlsCiphers.staticRsa(s)).toList();
                String[] supported = ctx.getSupportedSSLParameters().getCipherSuites();
                STATIC_RSA = lifted ? Arrays.stream(supported)
                        .filter(s -> TlsCiphers.staticRsa(s) && s.contains("_AES_")).toList() : List.of();
                SUPPORTED = Set.of(supported);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
