package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.StreamNode;
import dev.syncer.engine.server.Config;

/**
 * stream-node-max-bytes and stream-node-max-entries as XADD and XTRIM read them on every call:
 * held in fields the configuration's watchers keep current, as Redis reads its server globals,
 * rather than four map lookups per XADD. One per command table, which serves one shard's loop;
 * bound to the first configuration it is asked with (again if a different one asks).
 */
final class StreamNodeSettings {

    private static final String MAX_BYTES = "stream-node-max-bytes";
    private static final String MAX_ENTRIES = "stream-node-max-entries";

    private Config config;
    private long maxBytes = StreamNode.MAX_BYTES;
    private long maxEntries = StreamNode.MAX_ENTRIES;

    /** These settings as the configuration has them (Redis's defaults where it lacks them). */
    StreamNodeSettings of(Config c) {
        if (c != config) {
            bind(c);
        }
        return this;
    }

    long maxBytes() {
        return maxBytes;
    }

    long maxEntries() {
        return maxEntries;
    }

    private void bind(Config c) {
        config = c;
        maxBytes = EncodingSettings.streamNodeMaxBytes(c);
        maxEntries = EncodingSettings.streamNodeMaxEntries(c);
        // a watcher of a configuration this object left behind must not write over the current one's values
        if (c.has(MAX_BYTES)) {
            c.watch(MAX_BYTES, v -> {
                if (config == c) {
                    maxBytes = EncodingSettings.streamNodeMaxBytes(c);
                }
            });
        }
        if (c.has(MAX_ENTRIES)) {
            c.watch(MAX_ENTRIES, v -> {
                if (config == c) {
                    maxEntries = EncodingSettings.streamNodeMaxEntries(c);
                }
            });
        }
    }
}
