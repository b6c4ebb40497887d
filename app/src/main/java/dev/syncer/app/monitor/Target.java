package dev.syncer.app.monitor;

/** A server to monitor: address, optional password, TLS. */
public record Target(String host, int port, String password, boolean tls) {

    public Target {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535");
        }
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
                    password == null || password.isEmpty() ? null : password, tls);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not a number in '" + hostPort + "'");
        }
    }

    /** The same credentials at another address (replicas and primaries found while crawling). */
    public Target at(String otherHost, int otherPort) {
        return new Target(otherHost, otherPort, password, tls);
    }

    public String id() {
        return host + ":" + port;
    }
}
