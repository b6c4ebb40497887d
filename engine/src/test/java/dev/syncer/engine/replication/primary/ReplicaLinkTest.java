package dev.syncer.engine.replication.primary;

import dev.syncer.engine.replication.Backlog;
import dev.syncer.engine.server.ClientSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicaLinkTest {

    private static final byte[] COMMAND = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n".getBytes(StandardCharsets.US_ASCII);

    /** One loop turn of a primary with one replica: a command fed, the replica written, no flush. */
    private static void turn(Backlog backlog, ReplicaLink link) {
        backlog.feed(Unpooled.wrappedBuffer(COMMAND));
        if (!link.hasReference(backlog)) {
            link.reference(backlog.referenceAtLastAppend());
        }
        backlog.trimAfterFeed();
        link.writeStream();
    }

    @Test
    void aReplicaThatStopsReadingKeepsItsPlaceInTheSharedBufferAndItsSocketOnlyUpToItsWaterMark() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ReplicaLink link = new ReplicaLink(new ClientSession(1, channel, true, 0), 0);
        Backlog backlog = new Backlog(Backlog.MIN_SIZE, 1);
        link.startStream();
        int turns = 10_000;
        for (int i = 0; i < turns; i++) {
            turn(backlog, link); // never flushed: the replica reads nothing
        }
        long socket = channel.unsafe().outboundBuffer().totalPendingWriteBytes();
        assertThat(socket).as("the socket is handed no more than its high water mark")
                .isLessThanOrEqualTo(channel.config().getWriteBufferHighWaterMark() + 1024);
        assertThat(link.outputBufferBytes()).isGreaterThanOrEqualTo((long) turns * COMMAND.length - socket);
        assertThat(backlog.histlen()).as("the backlog outgrew its size: the replica holds its blocks")
                .isGreaterThan((long) turns * COMMAND.length - socket);

        channel.flush(); // the replica reads again: each drained water mark sends the next part
        StringBuilder stream = new StringBuilder();
        for (ByteBuf b = channel.readOutbound(); b != null; b = channel.readOutbound()) {
            stream.append(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        assertThat(stream.toString()).isEqualTo(new String(COMMAND, StandardCharsets.US_ASCII).repeat(turns));
        assertThat(link.outputBufferBytes()).as("caught up: it stands in the last block")
                .isLessThanOrEqualTo(Backlog.MIN_SIZE + 64);
        assertThat(backlog.histlen()).isLessThanOrEqualTo(2L * Backlog.MIN_SIZE);
        link.release();
        backlog.free();
        channel.finishAndReleaseAll();
    }

    @Test
    void aReplicaWaitingForItsSnapshotIsSentNothingUntilItStreams() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ReplicaLink link = new ReplicaLink(new ClientSession(1, channel, true, 0), 0);
        Backlog backlog = new Backlog(Backlog.MIN_SIZE, 1);
        for (int i = 0; i < 3; i++) {
            turn(backlog, link);
        }
        channel.flush();
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(link.outputBufferBytes()).isEqualTo(Backlog.MIN_SIZE + 64);

        ReplicaLink attached = new ReplicaLink(new ClientSession(2, new EmbeddedChannel(), true, 0), 0);
        attached.copyReferenceFrom(link); // a second replica of the same snapshot shares the place
        link.startStream();
        ByteBuf out = channel.readOutbound();
        assertThat(out.toString(StandardCharsets.US_ASCII))
                .isEqualTo(new String(COMMAND, StandardCharsets.US_ASCII).repeat(3));
        out.release();
        assertThat(attached.bufferBytes()).isEqualTo(Backlog.MIN_SIZE + 64);
        link.release();
        attached.release();
        backlog.free();
        channel.finishAndReleaseAll();
    }
}
