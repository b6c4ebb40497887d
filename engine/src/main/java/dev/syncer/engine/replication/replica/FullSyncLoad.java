package dev.syncer.engine.replication.replica;

import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.rdb.RdbFile;
import dev.syncer.engine.replication.ReplicationContext;
import dev.syncer.engine.replication.ReplicationId;
import dev.syncer.engine.server.Loading;
import dev.syncer.engine.server.Shard;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load of one full sync's RDB, as Redis's readSyncBulkPayload: from a temporary file once the transfer ended
 * (repl-diskless-load disabled, or on-empty-db over keys), or from the socket as it arrives ({@link DisklessLoad}).
 * It holds the shard's {@link Loading} state while it runs; once abandoned, what it finishes is dropped. A load
 * into a fresh keyspace leaves the live data alone until the link swaps it in.
 *
 * <p>A disk-backed transfer is also read as it arrives, by an early load into a fresh keyspace that nothing sees
 * before the transfer ended: the load overlaps the transfer (and the primary's snapshot) instead of following
 * it, and what clients see is unchanged — the old data until the transfer ended, then LOADING until the load
 * finished. Should the early load fail, the file is loaded once the transfer ended, and that load reports the
 * problem as a disk-backed load always did.
 */
final class FullSyncLoad {

    private static final Logger log = LoggerFactory.getLogger(FullSyncLoad.class);
    private static final AtomicLong FILE_SEQ = new AtomicLong(); // the received files' numbers; the port keeps shards apart

    /** Told on the loop, unless the load was abandoned first. */
    interface Done {
        /** {@code received}: the file a disk-backed load read, to keep as the dump file; null after a diskless one. */
        void loaded(Keyspace fresh, RdbFile rdb, boolean eofMark, ReceivedRdb received);

        /** The load failed (the old data stays): as a failed transfer, the attempt is abandoned. */
        void failed(String reason);
    }

    private final ReplicationContext repl;
    private final Shard shard;
    private final Done done;
    private final DisklessLoad diskless; // null: the payload goes to a file first
    private final DisklessLoad early; // a disk-backed transfer's load as it arrives (null: diskless)
    private boolean earlyFailed;
    private ReceivedRdb received; // a disk-backed transfer's complete file
    private boolean receivedEofMark;
    private boolean fileLoading; // the file is being loaded (the early load failed)
    private boolean delivered;
    private boolean abandoned;

    /**
     * @param transfer the connection the RDB arrives on (the main link, or a dual-channel sync's rdb channel):
     *                 it stops reading while the load lags
     */
    FullSyncLoad(ReplicationContext repl, Channel transfer, Done done) {
        this.repl = repl;
        this.shard = repl.shard();
        this.done = done;
        this.diskless = DisklessLoad.useDisklessLoad(shard.config().get("repl-diskless-load"),
                shard.keyspace().size()) ? new DisklessLoad(shard, transfer) : null;
        this.early = diskless == null ? new DisklessLoad(shard, transfer, true) : null;
    }

    /**
     * The transfer's decoder: the payload goes to a temporary file (temp-sync-&lt;port&gt;-&lt;n&gt;.rdb in the
     * shard's dir) and the early load, or to the diskless load.
     */
    TransferDecoder decoder(TransferDecoder.Listener listener) {
        if (diskless != null) {
            return new TransferDecoder(diskless, listener);
        }
        Path file = Path.of(repl.config().dir(), "temp-sync-" + shard.port() + "-" + FILE_SEQ.incrementAndGet() + ".rdb");
        return new TransferDecoder(file, new FileAndLoad(TransferDecoder.fileSink(file), early), listener);
    }

    /**
     * The transfer's header arrived: a diskless load starts reading now (true). A swapdb load of the shard's own
     * history (the primary's replid is ours) keeps serving the old data (async_loading); any other is LOADING.
     */
    boolean header(long size, ReplicationId primaryReplid) {
        if (diskless == null) {
            log.info("MASTER <-> REPLICA sync: receiving {} from master to disk", size < 0 ? "streamed RDB" : size + " bytes");
            startEarly();
            return false;
        }
        boolean async = shard.config().get("repl-diskless-load").equals("swapdb")
                && repl.stream().history().current().equals(primaryReplid);
        shard.setLoading(async ? Loading.ASYNC : Loading.LOADING);
        log.info("MASTER <-> REPLICA sync: Loading DB in memory");
        diskless.start(repl.background(), repl.config().databases(), shard.config().getLong("key-load-delay"),
                new DisklessLoad.Loaded() {
                    @Override
                    public void loaded(Keyspace fresh, RdbFile rdb, boolean eofMark) {
                        log.info("MASTER <-> REPLICA sync: Swapping active DB with loaded DB");
                        done.loaded(fresh, rdb, eofMark, null);
                    }

                    @Override
                    public void failed(String reason) {
                        done.failed("load: " + reason); // the old data stays
                    }
                });
        return true;
    }

    /** The payload is complete: a disk-backed load starts reading its file (true); a diskless one may swap in. */
    boolean transferred(Path file, boolean eofMark) {
        if (file == null) {
            diskless.transferred(eofMark);
            return false;
        }
        shard.setLoading(Loading.LOADING);
        log.info("MASTER <-> REPLICA sync: Loading DB in memory");
        received = new ReceivedRdb(file);
        receivedEofMark = eofMark;
        if (!earlyFailed) {
            early.transferred(eofMark); // it delivers once it has read the whole RDB
        } else {
            loadFile();
        }
        return true;
    }

    /** The early load reads the transfer as it arrives; it tells the loop once both ended. */
    private void startEarly() {
        early.start(repl.background(), repl.config().databases(), 0, new DisklessLoad.Loaded() {
            @Override
            public void loaded(Keyspace fresh, RdbFile rdb, boolean eofMark) {
                if (!abandoned) {
                    delivered = true;
                    done.loaded(fresh, rdb, eofMark, received);
                }
            }

            @Override
            public void failed(String reason) {
                earlyFailed = true;
                if (received != null && !abandoned) {
                    loadFile(); // the transfer ended already: its file tells what is wrong
                }
            }
        });
    }

    /** Loads the complete file off the loop (after the transfer, as Redis does). */
    private void loadFile() {
        fileLoading = true;
        ReceivedRdb received = this.received;
        boolean eofMark = receivedEofMark;
        received.load(shard, repl.config().databases(), repl.background(), new ReceivedRdb.Loaded() {
            @Override
            public void loaded(Keyspace fresh, RdbFile rdb) {
                if (abandoned) {
                    received.delete();
                } else {
                    delivered = true;
                    done.loaded(fresh, rdb, eofMark, received);
                }
            }

            @Override
            public void failed(Exception cause) {
                received.delete();
                if (!abandoned) {
                    log.warn("Failed trying to load the MASTER synchronization DB from disk: {}", cause.getMessage());
                    done.failed("load: " + cause.getMessage());
                }
            }
        });
    }

    /** The attempt is over (link closed, failed, or the load swapped in): the shard is no longer loading. */
    void abandon() {
        abandoned = true;
        shard.setLoading(Loading.NONE);
        if (diskless != null && diskless.abort()) {
            log.info("MASTER <-> REPLICA sync: Discarding temporary DB in background");
        }
        if (early != null) {
            early.abort();
            if (received != null && !delivered && !fileLoading) {
                received.delete(); // a complete file whose early load was still running: no one loads it now
            }
        }
    }

    /** A disk-backed transfer's sink that keeps the payload in its file and hands it to the early load too. */
    private static final class FileAndLoad implements TransferDecoder.Sink {
        private final TransferDecoder.Sink file;
        private final DisklessLoad load;

        FileAndLoad(TransferDecoder.Sink file, DisklessLoad load) {
            this.file = file;
            this.load = load;
        }

        @Override
        public void open() throws IOException {
            file.open();
            load.open();
        }

        @Override
        public int write(ByteBuf in, int from, int n) throws IOException {
            int w = file.write(in, from, n);
            load.write(in, from, w); // takes all it is given
            return w;
        }

        @Override
        public void end(long length) throws IOException {
            file.end(length);
            load.end(length);
        }

        @Override
        public void close() {
            file.close();
            load.close();
        }
    }
}
