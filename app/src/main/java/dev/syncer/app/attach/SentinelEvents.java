package dev.syncer.app.attach;

import dev.syncer.app.monitor.RedisClients;
import dev.syncer.app.monitor.Target;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Sentinel's event stream: every sentinel publishes what it sees and does on channels named for
 * the event ({@code +sdown}, {@code +switch-master}…); we PSUBSCRIBE to all of them on each.
 */
public final class SentinelEvents implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SentinelEvents.class);

    /** One message: {@code type} is the channel, {@code message} its payload as Sentinel wrote it. */
    public record Event(Instant time, String sentinel, String type, String message) {

        /** The monitored master the event concerns, or "" (+new-epoch, +tilt). */
        public String masterName() {
            String[] words = message.split(" ");
            int at = java.util.Arrays.asList(words).indexOf("@");
            if (at >= 0 && at + 1 < words.length) {
                return words[at + 1];
            }
            if (words.length >= 2 && words[0].equals("master")) {
                return words[1];
            }
            return type.equals("+switch-master") && words.length >= 1 ? words[0] : "";
        }
    }

    private final ClientResources resources;
    private final Consumer<Event> listener;
    private final Map<Target, Subscriber> subscribers = new LinkedHashMap<>();

    public SentinelEvents(ClientResources resources, Consumer<Event> listener) {
        this.resources = resources;
        this.listener = listener;
    }

    /** Subscribes to every sentinel not subscribed yet; one that does not answer is tried next time. */
    public synchronized void watch(Collection<Target> sentinels) {
        for (Target t : sentinels) {
            if (!subscribers.containsKey(t)) {
                try {
                    subscribers.put(t, new Subscriber(t));
                } catch (RuntimeException e) {
                    log.debug("sentinel {} does not answer: {}", t.id(), e.getMessage());
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        subscribers.values().forEach(Subscriber::close);
        subscribers.clear();
    }

    /** One PSUBSCRIBE * connection to one sentinel. */
    private final class Subscriber {
        private final RedisClient client;
        private final StatefulRedisPubSubConnection<String, String> connection;

        Subscriber(Target sentinel) {
            client = RedisClients.create(resources, sentinel);
            try {
                connection = client.connectPubSub();
            } catch (RuntimeException e) {
                client.shutdownAsync(0, 1, java.util.concurrent.TimeUnit.SECONDS);
                throw e;
            }
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String pattern, String channel, String message) {
                    listener.accept(new Event(Instant.now(), sentinel.id(), channel, message));
                }
            });
            connection.sync().psubscribe("*");
        }

        void close() {
            connection.closeAsync();
            client.shutdownAsync(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
