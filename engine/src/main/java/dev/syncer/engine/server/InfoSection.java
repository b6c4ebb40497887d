package dev.syncer.engine.server;

/** One section of INFO ("# Replication" ...): writes "field:value\r\n" lines. */
public interface InfoSection {

    String name();

    /** Whether plain INFO (no argument, or "default") includes it. */
    default boolean inDefault() {
        return true;
    }

    void write(InfoWriter out);

    /** A section whose lines {@code body} writes. */
    static InfoSection of(String name, boolean inDefault, java.util.function.Consumer<InfoWriter> body) {
        return new InfoSection() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean inDefault() {
                return inDefault;
            }

            @Override
            public void write(InfoWriter out) {
                body.accept(out);
            }
        };
    }

    /** Collects INFO lines with Redis's CRLF endings. */
    final class InfoWriter {
        private final StringBuilder text = new StringBuilder();

        public InfoWriter field(String name, Object value) {
            text.append(name).append(':').append(value).append("\r\n");
            return this;
        }

        public InfoWriter line(String raw) {
            text.append(raw).append("\r\n");
            return this;
        }

        public String text() {
            return text.toString();
        }
    }
}
