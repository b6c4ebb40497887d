package dev.syncer.views.model.port;

import java.util.Optional;

/**
 * A primary's {@code slaveN} line: {@code ip=…,port=…,state=…,offset=…,lag=…}.
 *
 * @param state      {@code wait_bgsave}, {@code send_bulk} or {@code online}
 * @param offset     the highest offset the replica acknowledged
 * @param lagSeconds seconds since its last ACK (0 when not online)
 * @param shardId    the replica's shard id when the app could resolve it
 */
public record ConnectedReplica(String ip, int port, String state, long offset, long lagSeconds,
                          Optional<String> shardId) {

    public boolean online() {
        return "online".equals(state);
    }
}
