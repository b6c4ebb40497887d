package dev.syncer.app.monitor;

/**
 * A server to monitor: address, and how to get in — an ACL user (null: the default user), a
 * password, and TLS with its certificate files.
 */
public record Target(String host, int port, String user, String password, TlsSettings tls) {

    public Target {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535");
        }
        user = user == null || user.isEmpty() ? null : user;
        password = password == null || password.isEmpty() ? null : password;
        tls = tls == null ? TlsSettings.OFF : tls;
    }

    public Target(String host, int port, String password, boolean tls) {
        this(host, port, null, password, TlsSettings.of(tls));
    }

    public static Target of(String host, int port) {
        return new Target(host, port, null, false);
    }

    /** Parses "host:port" (the password and TLS settings are given separately). */
    public static Target parse(String hostPort, String password, boolean tls) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected host:port, got '" + hostPort + "'");
        }
        try {
            return new Target(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)),
                    password, tls);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not a number in '" + hostPort + "'");
        }
    }

    /** The same credentials at another address (replicas and primaries found while crawling). */
    public Target at(String otherHost, int otherPort) {
        return new Target(otherHost, otherPort, user, password, tls);
    }

    /** The same address with the credentials of {@code access}. */
    public Target withAccess(String accessUser, String accessPassword, TlsSettings accessTls) {
        return new Target(host, port, accessUser, accessPassword, accessTls);
    }

    /** The same target with another password (typed when Redis asked for one). */
    public Target withPassword(String otherPassword) {
        return new Target(host, port, user, otherPassword, tls);
    }

    public String id() {
        return host + ":" + port;
    }

    /** Never the password: targets end up in logs and error messages. */
    @Override
    public String toString() {
        return "Target[" + id() + (user == null ? "" : " user " + user) + (password == null ? "" : " with password")
                + (tls.enabled() ? " " + tls : "") + "]";
    }
}
