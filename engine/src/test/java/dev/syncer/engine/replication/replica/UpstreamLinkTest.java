package dev.syncer.engine.replication.replica;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpstreamLinkTest {

    @Test
    void ipLiteralIsResolvedWithoutTheResolverAndKeepsItsText() {
        InetSocketAddress a = UpstreamLink.address("127.0.0.1", 6380);
        assertFalse(a.isUnresolved());
        assertArrayEquals(new byte[] {127, 0, 0, 1}, a.getAddress().getAddress());
        assertEquals("127.0.0.1", a.getHostString()); // what a TLS handshake names as its peer
        assertEquals(6380, a.getPort());
        assertFalse(UpstreamLink.address("::1", 6380).isUnresolved());
    }

    @Test
    void hostNameIsLeftToEachConnectToResolve() {
        InetSocketAddress a = UpstreamLink.address("primary.example", 6380);
        assertTrue(a.isUnresolved());
        assertEquals("primary.example", a.getHostString());
    }
}
