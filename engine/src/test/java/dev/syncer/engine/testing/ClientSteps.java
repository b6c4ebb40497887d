package dev.syncer.engine.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Scripted commands over several connections, each step {"<client index>", command, args...},
 * every reply described as "step -> reply": run the same script on a shard and on a real
 * redis-server and compare the two lists.
 */
public final class ClientSteps {

    private ClientSteps() {
    }

    /** Runs steps on a fresh shard and a fresh redis-server, {@code clients} connections each: same replies. */
    public static void assertSameAsRedis(String[][] steps, int clients) {
        try (RealRedis redis = RealRedis.start(); TestShard shard = TestShard.start()) {
            RespClient[] theirs = new RespClient[clients];
            RespClient[] ours = new RespClient[clients];
            for (int i = 0; i < clients; i++) {
                theirs[i] = redis.raw();
                ours[i] = shard.raw();
            }
            try {
                org.assertj.core.api.Assertions.assertThat(run(steps, ours)).isEqualTo(run(steps, theirs));
            } finally {
                for (int i = 0; i < clients; i++) {
                    theirs[i].close();
                    ours[i].close();
                }
            }
        }
    }

    public static List<String> run(String[][] steps, RespClient... clients) {
        return run(steps, UnaryOperator.identity(), clients);
    }

    /** As {@link #run(String[][], RespClient...)}, each argument passed through {@code arguments} first. */
    public static List<String> run(String[][] steps, UnaryOperator<String> arguments, RespClient... clients) {
        List<String> replies = new ArrayList<>();
        for (String[] step : steps) {
            String[] command = new String[step.length - 1];
            for (int i = 1; i < step.length; i++) {
                command[i - 1] = arguments.apply(step[i]);
            }
            Object reply = clients[Integer.parseInt(step[0])].call(command);
            replies.add(String.join(" ", step) + " -> " + PropagationComparison.describe(reply));
        }
        return replies;
    }
}
