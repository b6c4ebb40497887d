package dev.syncer.engine.keyspace;

import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.testing.DirectShard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** On a replica, expiry belongs to the primary: readers stop seeing a key, but only DEL removes it. */
class ReplicaExpiryTest {

    private final DirectShard s = new DirectShard();
    private final ClientSession primary = s.shard().internalClient(ClientSession.Kind.MASTER);

    @AfterEach
    void close() {
        s.close();
    }

    @Test
    void aReplicaHidesAnExpiredKeyFromReadersButKeepsItUntilThePrimarysDel() {
        s.keyspace().setReplica(true);
        s.callAs(primary, "SET", "k", "v", "PXAT", Long.toString(DirectShard.START_MILLIS + 10));
        s.clock().advance(20);
        assertThat(s.call("GET", "k")).isNull();
        assertThat(s.call("EXISTS", "k")).isEqualTo(0L);
        assertThat(s.keyspace().db(0).size()).isEqualTo(1);
        assertThat(s.shard().stats().expiredKeys).isZero();
        assertThat(s.takePropagated()).isEmpty();
        s.callAs(primary, "DEL", "k");
        assertThat(s.keyspace().db(0).size()).isZero();
    }

    @Test
    void thePrimarysStreamStillSeesKeysTheReplicaClockCallsExpired() {
        s.keyspace().setReplica(true);
        s.callAs(primary, "SET", "k", "v", "PXAT", Long.toString(DirectShard.START_MILLIS + 10));
        s.clock().advance(20); // this replica's clock runs ahead of the primary's
        s.callAs(primary, "APPEND", "k", "w");
        s.callAs(primary, "PERSIST", "k");
        assertThat(s.call("GET", "k")).isEqualTo("vw");
    }

    @Test
    void aWriteOnAWritableReplicaDeletesTheExpiredKeyFirstSoItsTtlIsNotInherited() {
        s.keyspace().setReplica(true);
        s.callAs(primary, "SET", "k1", "5", "PXAT", Long.toString(DirectShard.START_MILLIS + 10));
        s.callAs(primary, "SET", "k2", "5", "PXAT", Long.toString(DirectShard.START_MILLIS + 10));
        s.clock().advance(20);
        assertThat(s.call("INCR", "k1")).isEqualTo(1L); // LOOKUP_WRITE: expired, deleted, created anew
        assertThat(s.call("TTL", "k1")).isEqualTo(-1L);
        assertThat(s.call("GET", "k2")).isNull(); // a read leaves the expired key to the primary
        assertThat(s.keyspace().db(0).size()).isEqualTo(2);
    }
}
