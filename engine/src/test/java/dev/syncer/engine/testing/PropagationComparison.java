package dev.syncer.engine.testing;

import dev.syncer.engine.server.Shard;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Runs the same steps against redis-server 7.0 and a shard and collects what each propagates:
 * the real one's replication stream (through a {@link ReplicationStreamTap}) and the commands the
 * shard hands its replication feed, both as "db:ARGS" text with absolute unix-ms times masked.
 * Each step is one pipeline, so nothing runs between its commands.
 */
public final class PropagationComparison {

    /** A 13-digit number on its own (longer numbers, such as geohash scores, stay exact). */
    private static final Pattern UNIX_MS = Pattern.compile("(?<!\\d)\\d{13}(?!\\d)");
    private static final String END = "SET __end__ 1";

    private final List<String> replyMismatches = new ArrayList<>();
    private final List<String> theirs;
    private final List<String> ours;

    private PropagationComparison(List<String> theirs, List<String> ours) {
        this.theirs = theirs;
        this.ours = ours;
    }

    /** Runs every step on both servers, then reads both streams up to a final marker write. */
    public static PropagationComparison run(List<String[]> steps) {
        try (RealRedis redis = RealRedis.start("--repl-diskless-sync", "no");
             TestShard shard = TestShard.start();
             ReplicationStreamTap tap = ReplicationStreamTap.attach(redis.port());
             RespClient real = redis.raw();
             RespClient mine = shard.raw()) {
            List<String> ourStream = new CopyOnWriteArrayList<>();
            Shard s = shard.shard();
            s.call(() -> {
                s.setFeed((db, argv) -> ourStream.add(db + ":" + text(argv)));
                return null;
            });
            List<String> mismatches = new ArrayList<>();
            List<String[]> all = new ArrayList<>(steps);
            all.add(new String[] {END});
            for (String[] step : all) {
                // Replies may carry each server's own clock (XADD *): compared with times masked.
                String a = normalize(describe(pipeline(real, step)));
                String b = normalize(describe(pipeline(mine, step)));
                if (!a.equals(b)) {
                    mismatches.add(String.join(" | ", step) + "\n    redis: " + a + "\n    shard: " + b);
                }
            }
            List<String> theirs = tap.until(END.split(" ")).stream().map(c -> normalize(c.toString())).toList();
            PropagationComparison c = new PropagationComparison(theirs,
                    ourStream.stream().map(PropagationComparison::normalize).toList());
            c.replyMismatches.addAll(mismatches);
            return c;
        }
    }

    /** Steps with a different reply on each server, described; empty when all replies matched. */
    public List<String> replyMismatches() {
        return replyMismatches;
    }

    /** What redis-server wrote to its replication stream. */
    public List<String> theirs() {
        return theirs;
    }

    /** What the shard handed its replication feed. */
    public List<String> ours() {
        return ours;
    }

    private static List<Object> pipeline(RespClient client, String[] step) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String command : step) {
            out.writeBytes(RespClient.encode(command.split(" ")));
        }
        client.send(out.toByteArray());
        List<Object> replies = new ArrayList<>();
        for (int i = 0; i < step.length; i++) {
            replies.add(client.read());
        }
        return replies;
    }

    /** A reply as text: bulk strings as "$text", arrays as lists, the rest as they print. */
    public static String describe(Object reply) {
        if (reply instanceof byte[] b) {
            return "$" + new String(b, StandardCharsets.UTF_8);
        }
        if (reply instanceof List<?> list) {
            return list.stream().map(PropagationComparison::describe).toList().toString();
        }
        return String.valueOf(reply);
    }

    /** Text with every unix-ms time masked as "<unix-ms>", to compare what two servers' clocks stamped. */
    public static String normalize(String command) {
        return UNIX_MS.matcher(command).replaceAll("<unix-ms>");
    }

    private static String text(byte[][] argv) {
        List<String> words = new ArrayList<>();
        for (byte[] a : argv) {
            words.add(new String(a, StandardCharsets.UTF_8));
        }
        return String.join(" ", words);
    }
}
