package dev.syncer.engine.testing;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** Named waits on INFO persistence, after Redis's own test suite (util.tcl waitForBgrewriteaof). */
public final class PersistenceWaits {

    private PersistenceWaits() {
    }

    /** No AOF rewrite running or scheduled. */
    public static void aofRewriteDone(RespClient c) {
        await("AOF rewrite").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> "0".equals(c.info("persistence").get("aof_rewrite_in_progress"))
                        && "0".equals(c.info("persistence").get("aof_rewrite_scheduled")));
    }
}
