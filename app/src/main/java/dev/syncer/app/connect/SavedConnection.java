package dev.syncer.app.connect;

import dev.syncer.app.monitor.Target;
import dev.syncer.app.monitor.TlsSettings;

/**
 * A deployment the user attaches to again: a name, the address discovery starts from, how to log
 * in, and what it turned out to be. The password is kept only when the user asked for it.
 *
 * @param kind     "standalone", "sentinel" or "cluster" as last seen; "" before the first attach
 * @param password null unless the user ticked "save password"
 */
public record SavedConnection(String name, String address, String kind, String user, TlsSettings tls,
                              String password) {

    public SavedConnection {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a saved connection needs a name");
        }
        Target.parse(address, null, false); // refuses what is not host:port
        kind = kind == null ? "" : kind;
        user = user == null || user.isEmpty() ? null : user;
        password = password == null || password.isEmpty() ? null : password;
        tls = tls == null ? TlsSettings.OFF : tls;
    }

    /**
     * The target to attach to: with {@code password} when one is given (typed, or from the
     * environment), else the saved one.
     */
    public Target target(String password) {
        return Target.parse(address, null, false).withAccess(user, password != null ? password : this.password, tls);
    }

    public SavedConnection withKind(String seenKind) {
        return new SavedConnection(name, address, seenKind, user, tls, password);
    }

    /** "orders — sentinel at 10.0.0.5:26379". */
    @Override
    public String toString() {
        return name + " — " + (kind.isEmpty() ? "" : kind + " at ") + address;
    }
}
