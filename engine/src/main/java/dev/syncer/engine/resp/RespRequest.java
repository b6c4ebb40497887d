package dev.syncer.engine.resp;

/**
 * One command as it arrived: its arguments and how many bytes it took on the wire.
 * The byte count matters to replicas: their replication offset advances by exactly the bytes of
 * every command read from the primary.
 */
public record RespRequest(byte[][] argv, int wireLength) {

    public String name() {
        return new String(argv[0], java.nio.charset.StandardCharsets.US_ASCII);
    }
}
