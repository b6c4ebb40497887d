package dev.syncer.engine.replication.replica;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * The first phase of a replica's link: the primary's handshake replies, one line each ("+PONG",
 * "+OK", "+FULLRESYNC ...", or an empty keepalive line). When the link moves on it replaces this
 * decoder; bytes already received after the last line go to the next phase's handler.
 */
public final class ReplyLineDecoder extends ByteToMessageDecoder {

    private static final int MAX_LINE = 64 * 1024;

    private final Consumer<String> onLine;

    public ReplyLineDecoder(Consumer<String> onLine) {
        this.onLine = onLine;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        if (eol < 0) {
            if (in.readableBytes() > MAX_LINE) {
                throw new TooLongFrameException("reply line from MASTER longer than " + MAX_LINE + " bytes");
            }
            return;
        }
        int end = eol > in.readerIndex() && in.getByte(eol - 1) == '\r' ? eol - 1 : eol;
        String line = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.UTF_8);
        in.readerIndex(eol + 1);
        onLine.accept(line);
    }
}
