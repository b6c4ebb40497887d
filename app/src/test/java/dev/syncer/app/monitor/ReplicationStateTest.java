package dev.syncer.app.monitor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** INFO replication as redis-server 7.0.15 prints it (wire reference §12). */
class ReplicationStateTest {

    private static final String PRIMARY = String.join("\r\n",
            "# Replication",
            "role:master",
            "connected_slaves:1",
            "slave0:ip=127.0.0.1,port=16999,state=online,offset=1288,lag=7",
            "master_failover_state:no-failover",
            "master_replid:aba6628f5bdf7ba90a5956f47d0ac2d75af22c23",
            "master_replid2:0000000000000000000000000000000000000000",
            "master_repl_offset:1316",
            "second_repl_offset:-1",
            "repl_backlog_active:1",
            "repl_backlog_size:1048576",
            "repl_backlog_first_byte_offset:1",
            "repl_backlog_histlen:1316", "");

    private static final String REPLICA = String.join("\r\n",
            "# Replication",
            "role:slave",
            "master_host:127.0.0.1",
            "master_port:16390",
            "master_link_status:up",
            "master_last_io_seconds_ago:2",
            "master_sync_in_progress:0",
            "slave_read_repl_offset:228",
            "slave_repl_offset:228",
            "connected_slaves:0",
            "master_replid:4b9535c7a62247b149c7c943aa88b8ecbbce2073",
            "master_repl_offset:228",
            "second_repl_offset:-1",
            "repl_backlog_active:1",
            "repl_backlog_size:1048576",
            "repl_backlog_first_byte_offset:1",
            "repl_backlog_histlen:228", "");

    @Test
    void primaryListsItsReplicasWithAckOffsetAndLag() {
        ReplicationState s = ReplicationState.from(InfoFields.parse(PRIMARY));
        assertThat(s.primary()).isTrue();
        assertThat(s.replicas()).containsExactly(new ReplicationState.Replica("127.0.0.1", 16999, "online", 1288, 7));
        assertThat(s.masterReplOffset()).isEqualTo(1316);
        assertThat(s.backlogLastOffset()).isEqualTo(1316);
    }

    @Test
    void replicaReportsItsPrimaryAndLink() {
        ReplicationState s = ReplicationState.from(InfoFields.parse(REPLICA));
        assertThat(s.primary()).isFalse();
        assertThat(s.masterHost()).isEqualTo("127.0.0.1");
        assertThat(s.masterPort()).isEqualTo(16390);
        assertThat(s.linkStatus()).isEqualTo("up");
        assertThat(s.replicaOffset()).isEqualTo(228);
        assertThat(s.replicas()).isEmpty();
    }
}
