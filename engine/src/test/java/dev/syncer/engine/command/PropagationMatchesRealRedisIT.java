package dev.syncer.engine.command;

import dev.syncer.engine.testing.PropagationComparison;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the same writes against a real redis-server 7.0 and a shard and compares what each
 * propagates: the real one's replication stream (read as a replica would) against the commands
 * the shard hands to its replication feed. Absolute expiry times computed from each server's own
 * clock are compared as "<unix-ms>".
 */
class PropagationMatchesRealRedisIT {

    /** One step: commands sent together in one write (a pipeline), so nothing runs in between. */
    private static List<String[]> script(long now) {
        String inOneHour = Long.toString(now / 1000 + 3600);
        List<String[]> s = new ArrayList<>();
        String[][] steps = {
                {"SET k1 v1"}, {"SET k2 v2 EX 100"}, {"set k3 v3 PX 100000 GET"}, {"SETEX k4 100 v4"},
                {"PSETEX k5 100000 v5"}, {"SET k6 v6 EXAT " + inOneHour}, {"SET k1 x NX"}, {"SET k7 v GET"},
                {"EXPIRE k1 200"}, {"PEXPIRE k1 200000"}, {"EXPIREAT k1 " + inOneHour}, {"EXPIRE k1 400 GT"},
                {"EXPIRE k1 10 NX"}, {"PERSIST k1"}, {"PERSIST k1"}, {"GETEX k1 EX 50"}, {"GETEX k1 PERSIST"},
                {"GETEX k1"}, {"SET f 1.5"}, {"INCRBYFLOAT f 2.25"}, {"INCR counter"}, {"DECRBY counter 5"},
                {"SELECT 1"}, {"SET db1key x"}, {"SELECT 0"},
                {"MULTI"}, {"SET m1 a"}, {"INCR m2"}, {"EXEC"},
                {"MULTI"}, {"SET m3 a"}, {"GET m3"}, {"EXEC"},
                {"SADD s a"}, {"SPOP s 3"}, {"SADD s1 only"}, {"SPOP s1"}, {"SREM s1 x"},
                {"SET gone x PXAT 1", "GET gone"},
                {"SET gone2 x PXAT 1", "SET gone2 y"},
                {"SET gone3 x PXAT 1", "LPUSH gone3 y"},
                {"DEL nonexistent"}, {"DEL k7 nonexistent"},
                {"LPUSH l x"}, {"LPOP l"}, {"RPUSH l a b c a"}, {"RPOP l 2"}, {"LREM l 0 a"}, {"LTRIM l 0 0"},
                {"LSET l 0 z"}, {"LINSERT l BEFORE z y"},
                {"HSET h a 1 b 2"}, {"HINCRBYFLOAT h f 1.5"}, {"HINCRBY h a 2"}, {"HDEL h a f b"},
                {"ZADD z 1 a 2 b"}, {"ZADD z XX CH 5 a"}, {"ZINCRBY z 2 a"}, {"ZPOPMIN z"}, {"ZREM z a"},
                {"GETSET gs 1"}, {"GETDEL gs"}, {"MSET a 1 b 2"}, {"MSETNX a 1 c 3"},
                {"APPEND ap x"}, {"SETRANGE ap 3 y"}, {"RENAME ap ap2"}, {"EXPIRE ap2 -1"},
                {"SET p v"}, {"PEXPIREAT p 1"}};
        for (String[] step : steps) {
            s.add(step);
        }
        s.addAll(familySteps());
        s.add(new String[] {"FLUSHDB"});
        s.add(new String[] {"FLUSHALL"});
        return s;
    }

    /**
     * The steps of every {@code propagation-*.txt} beside this class (one command family each):
     * a line is a step, its commands separated by " ; " are pipelined; '#' starts a comment.
     */
    static List<String[]> familySteps() {
        try {
            Path dir = Path.of(PropagationMatchesRealRedisIT.class.getResource("replies-corpus.txt").toURI()).getParent();
            try (Stream<Path> files = Files.list(dir)) {
                List<String[]> steps = new ArrayList<>();
                for (Path f : files.filter(f -> f.getFileName().toString().matches("propagation-.*\\.txt")).sorted().toList()) {
                    Files.readAllLines(f).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                            .forEach(l -> steps.add(l.split(" ; ")));
                }
                return steps;
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theShardPropagatesWhatRedisWritesToItsReplicationStream() {
        PropagationComparison c = PropagationComparison.run(script(System.currentTimeMillis()));
        assertThat(c.replyMismatches()).isEmpty();
        assertThat(c.ours()).isEqualTo(c.theirs());
        assertThat(c.theirs()).contains("0:SET k2 v2 PXAT <unix-ms>", "0:MULTI", "0:DEL gone2", "0:SET f 3.75 KEEPTTL");
    }
}
