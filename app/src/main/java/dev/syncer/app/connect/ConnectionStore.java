package dev.syncer.app.connect;

import dev.syncer.app.monitor.TlsSettings;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The saved connections, in {@code connections.properties} in the console's config directory
 * ($XDG_CONFIG_HOME or ~/.config, then syncer-console), readable by its owner only. Passwords are
 * written only for connections saved with one.
 */
public final class ConnectionStore {

    private final Path file;

    public ConnectionStore(Path file) {
        this.file = file;
    }

    /** The store in the user's config directory. */
    public static ConnectionStore inConfigDirectory() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return new ConnectionStore(base.resolve("syncer-console").resolve("connections.properties"));
    }

    public Path file() {
        return file;
    }

    /** Every saved connection, in the order saved; none when the file does not exist. */
    public List<SavedConnection> list() {
        if (!Files.exists(file)) {
            return List.of();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<SavedConnection> out = new ArrayList<>();
        for (int i = 1; p.containsKey(key(i, "name")); i++) {
            TlsSettings tls = new TlsSettings(Boolean.parseBoolean(p.getProperty(key(i, "tls"), "false")),
                    path(p, key(i, "ca")), path(p, key(i, "cert")), path(p, key(i, "key")));
            out.add(new SavedConnection(p.getProperty(key(i, "name")), p.getProperty(key(i, "address")),
                    p.getProperty(key(i, "kind"), ""), p.getProperty(key(i, "user")), tls,
                    p.getProperty(key(i, "password"))));
        }
        return out;
    }

    public Optional<SavedConnection> find(String name) {
        return list().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Saves {@code c}, replacing the connection of the same name where there is one. */
    public void save(SavedConnection c) {
        List<SavedConnection> all = new ArrayList<>(list());
        int at = indexOf(all, c.name());
        if (at >= 0) {
            all.set(at, c);
        } else {
            all.add(c);
        }
        write(all);
    }

    public void remove(String name) {
        List<SavedConnection> all = new ArrayList<>(list());
        int at = indexOf(all, name);
        if (at >= 0) {
            all.remove(at);
            write(all);
        }
    }

    private static int indexOf(List<SavedConnection> all, String name) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private void write(List<SavedConnection> all) {
        Properties p = new Properties();
        for (int i = 0; i < all.size(); i++) {
            SavedConnection c = all.get(i);
            p.setProperty(key(i + 1, "name"), c.name());
            p.setProperty(key(i + 1, "address"), c.address());
            p.setProperty(key(i + 1, "kind"), c.kind());
            p.setProperty(key(i + 1, "tls"), Boolean.toString(c.tls().enabled()));
            if (c.user() != null) {
                p.setProperty(key(i + 1, "user"), c.user());
            }
            putPath(p, key(i + 1, "ca"), c.tls().caFile());
            putPath(p, key(i + 1, "cert"), c.tls().certFile());
            putPath(p, key(i + 1, "key"), c.tls().keyFile());
            if (c.password() != null) {
                p.setProperty(key(i + 1, "password"), c.password());
            }
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp); // not a POSIX file system
            }
            try (Writer out = Files.newBufferedWriter(tmp)) {
                p.store(out, "Syncer Console connections");
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static Path path(Properties p, String key) {
        String value = p.getProperty(key, "");
        return value.isEmpty() ? null : Path.of(value);
    }

    private static void putPath(Properties p, String key, Path value) {
        if (value != null) {
            p.setProperty(key, value.toString());
        }
    }

    private static String key(int i, String field) {
        return "connection." + i + "." + field;
    }
}
