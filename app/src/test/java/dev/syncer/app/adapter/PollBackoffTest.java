package dev.syncer.app.adapter;

import dev.syncer.app.monitor.InfoFields;
import dev.syncer.app.monitor.RedisProbe.Sample;
import dev.syncer.app.monitor.Target;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PollBackoffTest {

    private static final long SECOND = 1_000_000_000L;
    private final Target down = Target.of("10.0.0.9", 6379);
    private final PollBackoff backoff = new PollBackoff(PollBackoff.POLL);

    @Test
    void aFailingServerIsAskedAgainAfterADoublingWaitAndItsErrorSaysWhen() {
        assertThat(backoff.due(down, 0)).isTrue();
        backoff.record(PollBackoff.unreachable(down, "connect timed out"), -3 * SECOND, 0);
        assertThat(backoff.due(down, SECOND / 4)).isFalse();
        assertThat(backoff.due(down, SECOND / 2)).isTrue();
        assertThat(backoff.waiting(down, SECOND / 4).error()).isEqualTo("connect timed out (next try in 1 s)");

        backoff.record(PollBackoff.unreachable(down, "connect timed out"), -2 * SECOND, SECOND);
        backoff.record(PollBackoff.unreachable(down, "connect timed out"), -SECOND, 2 * SECOND);
        assertThat(backoff.due(down, 2 * SECOND + SECOND)).as("third failure: two seconds").isFalse();
        assertThat(backoff.due(down, 4 * SECOND)).isTrue();
        for (int i = 0; i < 10; i++) {
            backoff.record(PollBackoff.unreachable(down, "timed out"), 8 * SECOND, 10 * SECOND);
        }
        assertThat(backoff.due(down, 14 * SECOND)).as("capped at four seconds").isTrue();
        assertThat(backoff.waiting(down, 11 * SECOND).error()).isEqualTo("timed out (next try in 3 s)");
    }

    @Test
    void aServerThatRefusesAtOnceIsAskedEveryRoundToBeSeenTheMomentItIsBack() {
        backoff.record(PollBackoff.unreachable(down, "Connection refused"), 0, SECOND / 100);
        assertThat(backoff.due(down, SECOND / 100)).isTrue();
    }

    @Test
    void anAnswerOrForgettingTheServerClearsItsFailures() {
        backoff.record(PollBackoff.unreachable(down, "timed out"), -3 * SECOND, 0);
        backoff.record(new Sample(down, InfoFields.parse("role:master\r\n"), null, List.of(), null), 0, SECOND / 10);
        assertThat(backoff.due(down, SECOND / 10)).isTrue();

        backoff.record(PollBackoff.unreachable(down, "timed out"), -3 * SECOND, 0);
        backoff.retain(Set.of());
        assertThat(backoff.due(down, 0)).isTrue();
    }
}
