package dev.syncer.app.monitor;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.NestedMultiOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.resource.ClientResources;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One Lettuce connection to one server, polled for INFO and — where the server has it, as our
 * shards do — the SYNCEVENTS log. The same code watches an embedded shard and a real redis-server:
 * a real one simply has no sync events, so the console shows less, never breaks.
 */
public final class RedisProbe implements AutoCloseable {

    /** Our shards' extension command; real Redis answers "unknown command" and we stop asking. */
    private enum Extension implements ProtocolKeyword {
        SYNCEVENTS;

        private final byte[] bytes = name().getBytes(StandardCharsets.US_ASCII);

        @Override
        public byte[] getBytes() {
            return bytes;
        }
    }

    /** One poll's result. */
    public record Sample(Target target, InfoFields info, ReplicationState replication, List<InfoFields> events,
                         String error) {
        public boolean reachable() {
            return error == null;
        }
    }

    private final Target target;
    private final RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private boolean syncEventsSupported = true;
    private long lastEventSeq;
    /** The server's run_id at the last poll: a new one is a restarted server, whose event log starts again at 1. */
    private String lastRunId = "";

    public RedisProbe(ClientResources resources, Target target) {
        this.target = target;
        this.client = RedisClients.create(resources, target);
    }

    public Target target() {
        return target;
    }

    /** Polls INFO (and new sync events); never throws — an unreachable server is a sample too. */
    public synchronized Sample poll() {
        try {
            if (connection == null || !connection.isOpen()) {
                connection = client.connect();
            }
            InfoFields info = InfoFields.parse(connection.sync().info("everything"));
            String runId = info.get("run_id", "");
            if (!runId.equals(lastRunId)) {
                lastEventSeq = 0;
                lastRunId = runId;
            }
            return new Sample(target, info, ReplicationState.from(info), newEvents(), null);
        } catch (RuntimeException e) {
            closeConnection();
            return new Sample(target, InfoFields.parse(""), null, List.of(), RedisClients.describe(e));
        }
    }

    /** Runs a command on the server (REPLICAOF, FAILOVER, CONFIG SET ...) and returns its reply as text. */
    public synchronized String command(String... args) {
        List<Object> reply = call(args);
        return reply.isEmpty() ? "OK" : String.valueOf(reply.get(0));
    }

    /**
     * Runs a command and returns its whole reply, arrays nested as lists (SENTINEL MASTERS, CLUSTER
     * SHARDS); a reply that is not an array comes back as a one-element list. Redis's error text is
     * the message of the exception it throws.
     */
    public synchronized List<Object> call(String... args) {
        if (connection == null || !connection.isOpen()) {
            connection = client.connect();
        }
        CommandArgs<String, String> commandArgs = new CommandArgs<>(StringCodec.UTF8);
        for (int i = 1; i < args.length; i++) {
            commandArgs.add(args[i]);
        }
        ProtocolKeyword keyword = new ProtocolKeyword() {
            private final byte[] bytes = args[0].getBytes(StandardCharsets.UTF_8);

            @Override
            public byte[] getBytes() {
                return bytes;
            }

            @Override
            public String toString() {
                return args[0];
            }
        };
        return connection.sync().dispatch(keyword, new NestedMultiOutput<>(StringCodec.UTF8), commandArgs);
    }

    private List<InfoFields> newEvents() {
        if (!syncEventsSupported) {
            return List.of();
        }
        try {
            List<Object> reply = connection.sync().dispatch(Extension.SYNCEVENTS, new NestedMultiOutput<>(StringCodec.UTF8),
                    new CommandArgs<>(StringCodec.UTF8).add("SINCE").add(lastEventSeq));
            List<InfoFields> events = new ArrayList<>();
            for (Object e : reply) {
                if (e instanceof List<?> flat) {
                    InfoFields fields = InfoFields.ofPairs(flat);
                    lastEventSeq = Math.max(lastEventSeq, fields.getLong("seq", 0));
                    events.add(fields);
                }
            }
            return events;
        } catch (RedisCommandExecutionException e) {
            syncEventsSupported = false; // a real Redis: no sync event log to read
            return List.of();
        }
    }

    private void closeConnection() {
        if (connection != null) {
            connection.closeAsync();
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        closeConnection();
        client.shutdownAsync(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }
}
