package dev.syncer.engine;

import dev.syncer.engine.server.Config;

/** A shard for benchmarks, assembled but never started: no sockets, the benchmark thread is its loop. */
public final class UnstartedShard {

    private UnstartedShard() {
    }

    /** The shard and its components, with port 0 and no save points. */
    public static Shards.Assembled assemble() {
        Config config = Shards.config();
        config.setInitial("port", "0");
        config.setInitial("save", "");
        return Shards.assemble(config);
    }
}
