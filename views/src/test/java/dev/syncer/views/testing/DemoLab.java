package dev.syncer.views.testing;

import dev.syncer.views.model.port.Checkpoint;
import dev.syncer.views.model.port.LinkFaultInfo;
import dev.syncer.views.model.port.LinkRef;
import dev.syncer.views.model.port.OperationKind;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A realistic scripted topology for UI tests and the preview: two clusters, an Active-Active
 * database with syncers both ways, a plain database with a chained replica, write load, a delayed
 * link and a lagging syncer.
 */
public final class DemoLab {

    public static final String ORDERS_REPLID = "8f3a12c9d0b14e7fa26c55e01d9b7c3e4a6f2b18";
    public static final String WEST_REPLID = "c71be0945d2a4f3e8b6a1c0d9e7f5a3b2c1d0e9f";
    public static final String SESSIONS_REPLID = "3be9d7a1c4f2408e9d6b5a3c2e1f0d9c8b7a6f5e";

    private DemoLab() {
    }

    /** Builds the demo; offsets are large and backlogs small enough for runways to matter. */
    public static ScriptedLab create(Supplier<Instant> clock) {
        ScriptedLab lab = new ScriptedLab(clock);
        lab.cluster("c1", "east").cluster("c2", "west");
        lab.node("n1", "c1", "node-1").node("n2", "c1", "node-2").node("n3", "c1", "node-3");
        lab.node("n4", "c2", "node-4").node("n5", "c2", "node-5");
        lab.database("orders", "orders", true).database("sessions", "sessions", false);
        lab.primary("s1", "n1", "orders", 7001, ORDERS_REPLID, 48_211_870).backlog(1 << 20, 47_163_295);
        lab.replica("s2", "n2", "s1", 7002, 48_211_830).backlog(1 << 20, 47_163_255);
        lab.replica("s3", "n3", "s1", 7003, 48_210_900).backlog(1 << 20, 47_162_325);
        lab.primary("s4", "n2", "sessions", 7004, SESSIONS_REPLID, 9_204_331).backlog(1 << 20, 8_155_756);
        lab.replica("s5", "n3", "s4", 7005, 9_204_331).backlog(1 << 20, 8_155_756);
        lab.replica("s6", "n1", "s5", 7006, 9_204_120).backlog(1 << 20, 8_155_545);
        lab.primary("s7", "n4", "orders", 7007, WEST_REPLID, 21_877_002).backlog(1 << 20, 20_828_427);
        lab.replica("s8", "n5", "s7", 7008, 21_876_950).backlog(1 << 20, 20_828_375);
        lab.syncer("y1", "orders", "c1", "c2", new Checkpoint("1d4c0ffee7a94b2e8c3f6a5b4c3d2e1f0a9b8c7d", 3_112_000),
                new Checkpoint(ORDERS_REPLID, 47_900_000)).lag(311_870, 420);
        lab.syncer("y2", "orders", "c2", "c1", new Checkpoint(WEST_REPLID, 21_876_990)).lag(12, 12);
        lab.writeLoad("orders", 1200).writeLoad("sessions", 300);
        lab.fault(new LinkFaultInfo(LinkRef.replication("s3"), LinkFaultInfo.Kind.DELAYED, Duration.ofMillis(150)));
        lab.unsupported(OperationKind.MIGRATE_PRIMARY_AS_REPLICA,
                "Not in this lab build: migrating a primary as a replica needs two node moves");
        return lab;
    }
}
