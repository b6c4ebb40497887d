package dev.syncer.engine.syncer;

import dev.syncer.engine.activeactive.ApplyCommands;
import dev.syncer.engine.activeactive.SnapshotStates;
import dev.syncer.engine.server.Outbound;
import dev.syncer.engine.resp.RespEncoding;
import dev.syncer.engine.resp.RespReplyParser;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The syncer's connection to the local primary, through the local database proxy (so it follows
 * the primary across failovers): commands are pipelined, encoded one after the other into one
 * buffer that is written and flushed by size ({@link #FLUSH_BYTES}) or at the end of each read of
 * the source, whichever comes first; every reply is handed, in order, to the callback given with
 * its command. Confined to the syncer's loop.
 */
final class LocalSink {

    /** Gathered bytes at which they go out without waiting for the source's read to end. */
    static final int FLUSH_BYTES = 64 * 1024;
    private static final int GATHER_INITIAL = 4 * 1024;

    /** Told when the connection ends or a command is refused: the syncer resyncs from its checkpoint. */
    interface Failure {
        void failed(String reason);
    }

    private final Deque<Consumer<Object>> waiting = new ArrayDeque<>();
    private final Channel channel;
    private ByteBuf gathered; // commands queued since the last flush; null when none
    private int db;

    /** A sink over a connected channel whose pipeline hands each decoded reply to {@link #replied}. */
    LocalSink(Channel channel) {
        this.channel = channel;
    }

    /**
     * Connects on the loop and authenticates as {@code user} (its syncer identity; null: none);
     * {@code ready} gets the sink, or null if the connection failed. A refused AUTH fails the sink.
     */
    static void connect(EventLoop loop, InetSocketAddress address, String user, String password, Failure onFailure,
                        Consumer<LocalSink> ready) {
        LocalSink[] self = new LocalSink[1];
        ChannelFuture f = Outbound.bootstrap(loop, true, Outbound.CONNECT_TIMEOUT_MS, ch -> {
                        ch.pipeline().addLast(new ByteToMessageDecoder() {
                            @Override
                            protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
                                while (true) {
                                    Object reply = RespReplyParser.parse(in);
                                    if (reply == RespReplyParser.INCOMPLETE) {
                                        return;
                                    }
                                    out.add(reply == null ? NIL : reply);
                                }
                            }
                        });
                        ch.pipeline().addLast(new SimpleChannelInboundHandler<Object>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, Object reply) {
                                self[0].replied(reply == NIL ? null : reply);
                            }

                        });
                        ch.pipeline().addLast(Outbound.closeOnError(e -> { }));
                    })
                .connect(address);
        self[0] = new LocalSink(f.channel());
        f.addListener(done -> {
            if (done.isSuccess()) {
                String[] refused = {null};
                f.channel().closeFuture().addListener(c -> onFailure.failed(refused[0] != null ? refused[0]
                        : "connection to the local primary lost"));
                if (user != null) {
                    self[0].write(RespEncoding.argv("AUTH", user, password), reply -> {
                        if (reply instanceof RespReplyParser.Error err) {
                            refused[0] = "the local primary refused the syncer identity " + user + ": " + err.message();
                            f.channel().close();
                        }
                    });
                }
                ready.accept(self[0]);
            } else {
                ready.accept(null);
            }
        });
    }

    private static final Object NIL = new Object();

    /** Queues a command in database {@code db}; its reply goes to {@code onReply}. */
    void send(int db, byte[][] argv, Consumer<Object> onReply) {
        if (db != this.db) {
            write(RespEncoding.argv("SELECT", Integer.toString(db)), r -> { });
            this.db = db;
        }
        write(argv, onReply);
    }

    private void write(byte[][] argv, Consumer<Object> onReply) {
        waiting.add(onReply);
        if (gathered == null) {
            gathered = channel.alloc().directBuffer(GATHER_INITIAL);
        }
        RespEncoding.write(gathered, argv);
        if (gathered.readableBytes() >= FLUSH_BYTES) {
            flush(); // a long read of the source: what is gathered goes out now, not at its end
        }
    }

    /** Sends what was queued: one write and one flush. */
    void flush() {
        if (gathered != null) {
            ByteBuf out = gathered;
            gathered = null;
            channel.writeAndFlush(out, channel.voidPromise());
        }
    }

    /** The next reply (null for a nil), for the oldest command still waiting for one. */
    void replied(Object reply) {
        Consumer<Object> callback = waiting.poll();
        if (callback != null) {
            callback.accept(reply);
        }
    }

    /** Commands sent whose reply has not come yet. */
    int pending() {
        return waiting.size();
    }

    void close() {
        waiting.clear();
        if (gathered != null) {
            gathered.release();
            gathered = null;
        }
        channel.close();
    }

    /**
     * Joins full key states into the local primary ({@code CRDT.MERGE} per entry, pipelined): runs
     * {@code done} once all were accepted, or {@code refused} with the first error.
     */
    void mergeAll(List<SnapshotStates.Entry> entries, Runnable done, Consumer<String> refused) {
        int[] left = {entries.size()};
        boolean[] failed = {false};
        for (SnapshotStates.Entry e : entries) {
            byte[][] argv = {ApplyCommands.MERGE.getBytes(StandardCharsets.US_ASCII), e.key().bytes(), e.state()};
            send(e.db(), argv, reply -> {
                if (failed[0]) {
                    return;
                }
                if (reply instanceof RespReplyParser.Error err) {
                    failed[0] = true;
                    refused.accept(err.message());
                } else if (--left[0] == 0) {
                    done.run();
                }
            });
        }
        flush();
    }
}
