package dev.syncer.engine.lab;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class WriteLoadTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void aLateTickIsMadeUpAtTheNextTicksNotLost() {
        WriteLoad.Pacer pacer = new WriteLoad.Pacer(0);
        assertThat(pacer.due(10 * MS, 10_000)).isEqualTo(100);
        // a 30 ms stall: 300 writes due, sent in one tick (at most five ticks' share)
        assertThat(pacer.due(40 * MS, 10_000)).isEqualTo(300);
        // an 80 ms stall: 800 due, 500 now and the rest over the next ticks
        assertThat(pacer.due(120 * MS, 10_000)).isEqualTo(500);
        assertThat(pacer.due(130 * MS, 10_000)).isEqualTo(400);
        assertThat(pacer.due(140 * MS, 10_000)).isEqualTo(100);
    }

    @Test
    void atMostASecondOfWritesIsOwed() {
        WriteLoad.Pacer pacer = new WriteLoad.Pacer(0);
        int total = 0;
        long now = 5_000 * MS; // five seconds without a tick
        for (int i = 0; i < 100; i++) {
            total += pacer.due(now, 1_000);
            now += 10 * MS;
        }
        // one second owed (not five), then ten writes per 10 ms tick, the debt paid meanwhile
        assertThat(total).isEqualTo(1_000 + 99 * 10);
    }

    @Test
    void slowRatesSendOneWriteEveryFewTicks() {
        WriteLoad.Pacer pacer = new WriteLoad.Pacer(0);
        int total = 0;
        for (int i = 1; i <= 100; i++) {
            total += pacer.due(i * 10 * MS, 10);
        }
        assertThat(total).isEqualTo(10);
    }

    @Test
    void encodesCommandsAsResp() {
        WriteLoad.Encoder e = new WriteLoad.Encoder();
        e.header(4, "ZADD").key("load:", 1207, ":zset").number("", 0).number("m", 63);
        e.header(3, "SET").key("k", 5, "").value(3, new Random(1));
        String text = new String(e.bytes, 0, e.size, StandardCharsets.US_ASCII);
        assertThat(text).startsWith("*4\r\n$4\r\nZADD\r\n$14\r\nload:1207:zset\r\n$1\r\n0\r\n$3\r\nm63\r\n"
                + "*3\r\n$3\r\nSET\r\n$2\r\nk5\r\n$3\r\n").endsWith("\r\n").hasSize(76 + 3 + 2);
        e.reset();
        e.header(2, "DEL").key("x".repeat(20_000), 0, "");
        assertThat(e.size).isEqualTo("*2\r\n$3\r\nDEL\r\n$20001\r\n".length() + 20_001 + 2);
    }
}
