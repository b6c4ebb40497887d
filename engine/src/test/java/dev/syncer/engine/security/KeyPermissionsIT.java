package dev.syncer.engine.security;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks: a user given only read access to some keys (%R~) writing them through commands whose
 * key positions hide the write (SET ... GET, BITFIELD SET, COPY's destination, SORT ... STORE); a
 * user limited to one key reading any other through SORT's BY and GET patterns, or through a second
 * selector's permissions combined with the first's. Each is refused as redis-server 7.0 refuses it
 * (same replies), bystanders are served and their data is unchanged.
 */
class KeyPermissionsIT {

    private static final String[][] SETUP = {
        {"SET", "pub:a", "1"},
        {"RPUSH", "mylist", "2", "1"},
        {"SET", "secret:1", "s3cret"},
        {"ACL", "SETUSER", "reader", "on", ">pw", "+@all", "%R~pub:*"},
        {"ACL", "SETUSER", "sorter", "on", ">pw", "(+sort", "~mylist)"},
        {"ACL", "SETUSER", "split", "on", ">pw", "(+@all %R~pub:*)", "(+@all %W~dst:*)"},
    };

    private static final String[][] AS_READER = {
        {"SET", "pub:a", "2"},
        {"SET", "pub:a", "2", "GET"},
        {"BITFIELD", "pub:a", "GET", "u4", "0", "SET", "u4", "0", "1"},
        {"COPY", "pub:a", "pub:b"},
        {"SORT", "pub:a", "STORE", "pub:b"},
        {"GET", "pub:a"},
    };

    private static final String[][] AS_SORTER = {
        {"SORT", "mylist", "BY", "secret:*"},
        {"SORT", "mylist", "GET", "secret:*"},
        {"SORT", "mylist", "BY", "nosort", "GET", "#"},
        {"SORT", "mylist"},
    };

    private static final String[][] AS_SPLIT = {
        {"COPY", "pub:a", "dst:x"},
        {"GET", "pub:a"},
        {"EXISTS", "dst:y"},
    };

    @Test
    void writesHiddenInKeyPositionsAndReadsThroughSortPatternsAreRefusedAsRedisRefusesThem() {
        try (RealRedis redis = RealRedis.start();
             TestShard shard = TestShard.start("enable-debug-command", "local");
             RespClient real = redis.raw();
             RespClient ours = shard.raw()) {
            for (String[] command : SETUP) {
                assertThat(ours.call(command)).isEqualTo(real.call(command));
            }
            Bystander bystander = Bystander.on(shard);
            List<Object> replies = same(shard, redis, "reader", AS_READER);
            assertThat(replies.subList(0, 5)).allMatch(r -> r instanceof RespClient.Error e && e.message().startsWith("NOPERM"));
            replies = same(shard, redis, "sorter", AS_SORTER);
            assertThat(replies.subList(0, 2)).allMatch(r -> r instanceof RespClient.Error e && e.message().contains("insufficient ACL"));
            replies = same(shard, redis, "split", AS_SPLIT);
            assertThat(replies.get(0)).as("two selectors' rights never combine").isInstanceOf(RespClient.Error.class);
            assertThat(RespClient.text(ours.call("GET", "pub:a"))).isEqualTo("1");
            assertThat(ours.call("EXISTS", "pub:b", "dst:x")).isEqualTo(0L);
            bystander.assertServedAndDataIntact();
        }
    }

    /** Runs the commands as that user on both servers and checks the replies are the same. */
    private static List<Object> same(TestShard shard, RealRedis redis, String user, String[][] commands) {
        try (RespClient ours = shard.raw(); RespClient real = redis.raw()) {
            assertThat(ours.call("AUTH", user, "pw")).isEqualTo(real.call("AUTH", user, "pw")).isEqualTo("OK");
            List<Object> replies = new java.util.ArrayList<>();
            for (String[] command : commands) {
                Object expected = comparable(real.call(command));
                assertThat(comparable(ours.call(command))).as(user + ": " + String.join(" ", command)).isEqualTo(expected);
                replies.add(expected);
            }
            return replies;
        }
    }

    /** Bulk strings as text (byte arrays compare by identity). */
    private static Object comparable(Object reply) {
        return reply instanceof List<?> ? RespClient.texts(reply) : reply instanceof byte[] ? RespClient.text(reply) : reply;
    }
}
