package dev.syncer.engine.replication.primary;

import dev.syncer.engine.server.ClientSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicaLinkTest {

    @Test
    void aReplicaThatStopsReadingQueuesTheStreamsBytesNotAnEightKilobyteBufferPerTurn() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ReplicaLink link = new ReplicaLink(new ClientSession(1, channel, true, 0), 0);
        link.startStream();
        byte[] command = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n".getBytes(StandardCharsets.US_ASCII);
        int turns = 1_000;
        for (int i = 0; i < turns; i++) {
            link.send(Unpooled.wrappedBuffer(command));
            link.writeTurn(); // never flushed: the replica reads nothing
        }
        // Netty counts each queued write with its entry's overhead too
        assertThat(link.outputBufferBytes()).isGreaterThanOrEqualTo((long) turns * command.length);

        channel.flush();
        long capacity = 0;
        StringBuilder stream = new StringBuilder();
        for (ByteBuf b = channel.readOutbound(); b != null; b = channel.readOutbound()) {
            capacity += b.capacity();
            stream.append(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        assertThat(stream.toString()).isEqualTo(new String(command, StandardCharsets.US_ASCII).repeat(turns));
        assertThat(capacity).as("buffers queued for %d turns of %d bytes", turns, command.length)
                .isLessThan(turns * 64L);
        channel.finishAndReleaseAll();
    }
}
