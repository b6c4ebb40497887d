package dev.syncer.engine.replication.primary;

import dev.syncer.engine.keyspace.Snapshot;
import dev.syncer.engine.persistence.DurableFiles;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.DefaultFileRegion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * A disk-backed full sync: the RDB goes to a temporary file in {@code dir}, then each replica gets
 * {@code $<len>\r\n} and the file (no trailing CRLF), and the stream right after it. The file is
 * deleted once the last replica has it. Replicas arriving while the file is written join it.
 */
final class DiskDump extends Dump {

    private static final Logger log = LoggerFactory.getLogger(DiskDump.class);

    private final Path file;
    private final BiConsumer<ReplicaLink, Boolean> sent; // (replica, success)
    private int sending;

    DiskDump(long offset, Snapshot snapshot, Map<String, String> aux, Executor loop, Listener listener, Path file,
             BiConsumer<ReplicaLink, Boolean> sent) {
        super(offset, snapshot, aux, loop, listener);
        this.file = file;
        this.sent = sent;
    }

    @Override
    boolean socket() {
        return false;
    }

    @Override
    OutputStream open() throws IOException {
        return new BufferedOutputStream(Channels.newOutputStream(DurableFiles.createPrivate(file)), 1 << 16);
    }

    @Override
    void written() {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            log.warn("SYNC failed. Can't open/stat DB after BGSAVE: {}", e.toString());
            List.copyOf(targets).forEach(t -> t.channel().close());
            delete();
            return;
        }
        for (ReplicaLink link : List.copyOf(targets)) {
            send(link, size);
        }
        if (sending == 0) {
            delete();
        }
    }

    /** Redis's sendBulkToSlave: the preamble, then the file, zero-copy. */
    private void send(ReplicaLink link, long size) {
        Channel ch = link.channel();
        link.state(ReplicaLink.State.SEND_BULK);
        if (link.progress() != null) {
            link.progress().phase("transfer", System.currentTimeMillis());
            link.progress().bytesTotal(size);
        }
        sending++;
        ch.write(Unpooled.copiedBuffer("$" + size + "\r\n", StandardCharsets.US_ASCII), ch.voidPromise());
        ch.writeAndFlush(new DefaultFileRegion(file.toFile(), 0, size)).addListener(f -> {
            if (link.progress() != null && f.isSuccess()) {
                link.progress().addBytes(size);
            }
            sent.accept(link, f.isSuccess());
            if (!f.isSuccess()) {
                log.warn("Write error sending DB to replica {}: {}", link.name(), f.cause() == null ? "closed" : f.cause().toString());
                ch.close();
            }
            if (--sending == 0) {
                delete();
            }
        });
    }

    private void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not remove the RDB file used to feed replicas: {}", e.toString());
        }
    }

    @Override
    void failedCleanup() {
        delete();
    }
}
