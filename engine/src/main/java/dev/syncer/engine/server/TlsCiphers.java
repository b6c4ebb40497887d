package dev.syncer.engine.server;

import io.netty.handler.ssl.CipherSuiteConverter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Redis's tls-ciphers (an OpenSSL cipher list, TLS 1.2 and older) and tls-ciphersuites (TLS 1.3
 * names) turned into the JDK's suite names. Only the part of OpenSSL's cipher-list language that
 * configurations use is understood: the keywords DEFAULT, ALL and HIGH (the JDK's enabled TLS 1.2
 * suites), single suite names in OpenSSL or IANA spelling, and the prefixes '-' and '!' (remove)
 * and '+' (keep); an addition it cannot name is refused rather than silently ignored.
 */
final class TlsCiphers {

    private static final Set<String> ALIASES = Set.of("DEFAULT", "ALL", "HIGH", "COMPLEMENTOFDEFAULT");

    private TlsCiphers() {
    }

    /**
     * The suites to enable, TLS 1.2 ones first. {@code defaults} are the JDK's enabled suites (its
     * policy's, static RSA left out), {@code staticRsa} the static-RSA suites this process can
     * negotiate, which OpenSSL's DEFAULT, ALL and HIGH include (empty while the JDK's ban holds),
     * {@code supported} all it knows. When both settings are empty: null (the TLS library's own
     * defaults) while the ban holds, else the defaults, named, since Netty's own list names
     * static-RSA suites and they would otherwise come back unasked.
     */
    static List<String> resolve(String ciphers, String ciphersuites, List<String> defaults, List<String> staticRsa,
                                Set<String> supported) {
        if (ciphers.isBlank() && ciphersuites.isBlank()) {
            return staticRsa.isEmpty() ? null : List.copyOf(defaults);
        }
        Set<String> out = new LinkedHashSet<>();
        if (ciphers.isBlank()) {
            defaults.stream().filter(s -> !tls13(s)).forEach(out::add);
        } else {
            Set<String> banned = new LinkedHashSet<>();
            for (String token : ciphers.split("[:, ]+")) {
                if (token.isEmpty()) {
                    continue;
                }
                char op = token.charAt(0);
                String name = op == '-' || op == '!' || op == '+' ? token.substring(1) : token;
                List<String> named = expand(name, defaults, staticRsa, supported);
                if (op == '-' || op == '!') {
                    out.removeAll(named);
                    if (op == '!') {
                        banned.addAll(named);
                    }
                } else if (op != '+') {
                    if (named.isEmpty()) {
                        throw new IllegalArgumentException("no cipher suite known as '" + name + "'");
                    }
                    named.stream().filter(s -> !banned.contains(s)).forEach(out::add);
                }
            }
        }
        if (ciphersuites.isBlank()) {
            defaults.stream().filter(TlsCiphers::tls13).forEach(out::add);
        } else {
            for (String name : ciphersuites.split(":")) {
                if (!supported.contains(name) || !tls13(name)) {
                    throw new IllegalArgumentException("no TLS 1.3 cipher suite known as '" + name + "'");
                }
                out.add(name);
            }
        }
        return new ArrayList<>(out);
    }

    /** The JDK suites one token names: an alias's set, one converted name, or none. */
    private static List<String> expand(String name, List<String> defaults, List<String> staticRsa,
                                       Set<String> supported) {
        if (ALIASES.contains(name.toUpperCase(Locale.ROOT))) {
            List<String> out = new ArrayList<>(defaults.stream().filter(s -> !tls13(s)).toList());
            out.addAll(staticRsa); // after the forward-secret ones, as OpenSSL orders them
            return out;
        }
        if (supported.contains(name)) {
            return List.of(name);
        }
        String java = CipherSuiteConverter.toJava(name, "TLS");
        return java != null && supported.contains(java) ? List.of(java) : List.of();
    }

    /**
     * Static-RSA key exchange (no forward secrecy): the suites the JDK's jdk.tls.disabledAlgorithms
     * bans as "TLS_RSA_*" (JDK 24+), OpenSSL's DEFAULT still enables, and Redis's own tests ask for.
     */
    static boolean staticRsa(String suite) {
        return suite.startsWith("TLS_RSA_");
    }

    private static boolean tls13(String suite) {
        // TLS 1.3 suites name no key exchange: TLS_AES_128_GCM_SHA256, TLS_CHACHA20_POLY1305_SHA256
        return suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_");
    }
}
