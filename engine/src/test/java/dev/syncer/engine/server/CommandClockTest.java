package dev.syncer.engine.server;

import dev.syncer.engine.Shards;
import dev.syncer.engine.command.CommandDispatcher;
import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.resp.RespEncoding;
import dev.syncer.engine.testing.TestClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The command time snapshot: one reading of the time per request, the live time elsewhere. */
class CommandClockTest {

    private final TestClock time = new TestClock(1_000);
    private final CommandClock clock = new CommandClock(time);

    @Test
    void aRequestSeesTheTimeItStartedAtUntilItEnds() {
        clock.freeze();
        time.advance(5);
        assertThat(clock.millis()).isEqualTo(1_000);
        clock.freeze(); // a call made by the request (a script's)
        clock.thaw();
        time.advance(5);
        assertThat(clock.millis()).as("still the outer request's snapshot").isEqualTo(1_000);
        clock.thaw();
        assertThat(clock.millis()).isEqualTo(1_010);
    }

    @Test
    void otherThreadsAndInstantsReadTheLiveTime() throws Exception {
        clock.freeze();
        time.advance(7);
        assertThat(CompletableFuture.supplyAsync(clock::millis).get()).isEqualTo(1_007);
        assertThat(clock.instant().toEpochMilli()).as("MONITOR's microseconds").isEqualTo(1_007);
        clock.thaw();
    }

    /** The dispatcher freezes the shard's clock around a request: SET and GET read it once each. */
    @Test
    void aSetOrGetReadsTheShardClockOnce() {
        CountingClock counting = new CountingClock();
        Shard shard = new Shard(Shards.config(), counting, CommandDispatcher.standard());
        try {
            ClientSession session = shard.internalClient(ClientSession.Kind.NORMAL);
            ByteBuf out = Unpooled.buffer();
            Reply reply = new Reply(out);
            for (String[] command : new String[][] {{"SET", "k", "v"}, {"GET", "k"}, {"SET", "k", "w"}}) {
                long before = counting.reads;
                shard.dispatcher().execute(session, RespEncoding.argv(command), reply);
                assertThat(counting.reads - before).as(String.join(" ", command)).isEqualTo(1);
            }
            out.release();
        } finally {
            shard.crash();
        }
    }

    private static final class CountingClock extends Clock {
        long reads;

        @Override
        public long millis() {
            reads++;
            return 1_700_000_000_000L + reads;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
