package dev.syncer.engine.security;

import dev.syncer.engine.testing.ReplicationWaits;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack: many connections each send only {@code *1048576\r\n}. A shard that reserved the announced
 * argument array up front held 4-8 MB per connection; Redis reserves at most 1024 slots until the
 * arguments arrive, and so does the shard now.
 */
class MultibulkHeaderFloodIT {

    private static final int CONNECTIONS = 200;
    private static final byte[] HEADER = "*1048576\r\n".getBytes(StandardCharsets.US_ASCII);
    /** 200 full reservations would take at least 800 MB; what is left is buffers and sessions. */
    private static final long HEAP_GROWTH_MAX = 64L * 1024 * 1024;
    private static final int HEAP_SAMPLES = 5;

    @Test
    void headersAnnouncingAMillionArgumentsReserveLittleUntilTheArgumentsArrive() throws IOException {
        try (TestShard shard = TestShard.start()) {
            Bystander bystander = Bystander.on(shard);
            long before = usedHeapAfterGc();
            List<Socket> flood = new ArrayList<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    Socket s = new Socket();
                    flood.add(s);
                    s.connect(new InetSocketAddress("127.0.0.1", shard.port()), 5000);
                    s.getOutputStream().write(HEADER);
                }
                ReplicationWaits.awaitField(shard.port(), "clients", "connected_clients",
                        v -> Integer.parseInt(v) >= CONNECTIONS);
                long most = 0;
                for (int i = 0; i < HEAP_SAMPLES; i++) { // headers may still be in flight at the first sample
                    most = Math.max(most, usedHeapAfterGc() - before);
                }
                assertThat(most).as("heap growth with %d open headers", CONNECTIONS).isLessThan(HEAP_GROWTH_MAX);
                bystander.assertServedAndDataIntact();
            } finally {
                for (Socket s : flood) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aRequestWithThousandsOfArgumentsStillRunsWhole() {
        try (TestShard shard = TestShard.start(); RespClient c = shard.raw()) {
            int elements = 5000;
            byte[][] argv = new byte[elements + 2][];
            argv[0] = "RPUSH".getBytes(StandardCharsets.US_ASCII);
            argv[1] = "big".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < elements; i++) {
                argv[i + 2] = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
            }
            assertThat(c.callBytes(argv)).isEqualTo((long) elements);
            assertThat(RespClient.text(c.call("LINDEX", "big", "-1"))).isEqualTo(Integer.toString(elements - 1));
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
