package dev.syncer.app.monitor;

import java.nio.file.Path;

/**
 * How the console speaks TLS to a server, as redis-cli's options say it: off; on without checking
 * the server ({@code --tls --insecure}); on with the server's certificate checked against a CA
 * ({@code --cacert}); and with a client certificate and its key ({@code --cert --key}) for a
 * server that asks for one ({@code tls-auth-clients yes}).
 *
 * @param caFile   the CA that signed the server's certificate; null: not checked
 * @param certFile the client certificate (PEM); null: none offered
 * @param keyFile  its private key (PEM, unencrypted); given exactly when {@code certFile} is
 */
public record TlsSettings(boolean enabled, Path caFile, Path certFile, Path keyFile) {

    public static final TlsSettings OFF = new TlsSettings(false, null, null, null);

    public TlsSettings {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("a client certificate needs its key: give both --tls-cert and --tls-key");
        }
        enabled = enabled || caFile != null || certFile != null; // any TLS file means TLS
    }

    /** TLS on or off, nothing checked, no client certificate. */
    public static TlsSettings of(boolean enabled) {
        return enabled ? new TlsSettings(true, null, null, null) : OFF;
    }

    /** TLS with the server checked against {@code caFile} (null: unchecked). */
    public static TlsSettings checkedBy(Path caFile) {
        return new TlsSettings(true, caFile, null, null);
    }

    public boolean checksServer() {
        return caFile != null;
    }

    public boolean hasClientCertificate() {
        return certFile != null;
    }

    @Override
    public String toString() {
        return !enabled ? "no tls" : "tls" + (caFile == null ? "" : " ca " + caFile)
                + (certFile == null ? "" : " cert " + certFile);
    }
}
