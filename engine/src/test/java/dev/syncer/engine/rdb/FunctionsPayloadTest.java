package dev.syncer.engine.rdb;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FunctionsPayloadTest {

    private static final byte[] LIB = "#!lua name=l\nredis.register_function('f', function() return 1 end)"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void aDumpReadsBackTheSameLibraries() throws Exception {
        for (boolean compression : new boolean[] {true, false}) {
            byte[] payload = FunctionsPayload.dump(List.of(LIB, LIB), compression);
            assertThat(FunctionsPayload.libraries(payload)).containsExactly(LIB, LIB);
        }
        assertThat(FunctionsPayload.libraries(FunctionsPayload.dump(List.of(), true))).isEmpty();
    }

    @Test
    void theSameBytesAsRedisServersDumpBothWays() throws Exception {
        // FUNCTION DUMP of redis-server 7.0.15 holding only this library
        byte[] code = "#!lua name=x\nredis.register_function('f', function() return 1 end)"
                .getBytes(StandardCharsets.UTF_8);
        byte[] redis = HexFormat.of().parseHex("f5404223216c7561206e616d653d780a72656469732e72656769737465725f66756e"
                + "6374696f6e282766272c2066756e6374696f6e28292072657475726e203120656e64290a0024df6f43a8d16ed9");
        assertThat(FunctionsPayload.libraries(redis)).containsExactly(code);
        assertThat(FunctionsPayload.dump(List.of(code), true)).isEqualTo(redis);
    }

    @Test
    void aCorruptOrForeignPayloadIsRefusedWithRedisText() {
        byte[] good = FunctionsPayload.dump(List.of(LIB), false);
        byte[] flipped = good.clone();
        flipped[4] ^= 1;
        assertThatThrownBy(() -> FunctionsPayload.libraries(flipped))
                .hasMessage("DUMP payload version or checksum are wrong");
        assertThatThrownBy(() -> FunctionsPayload.libraries(new byte[3]))
                .hasMessage("DUMP payload version or checksum are wrong");
        byte[] aKey = DumpPayload.dump(dev.syncer.engine.keyspace.StringValue.of("v"), false);
        assertThatThrownBy(() -> FunctionsPayload.libraries(aKey)).hasMessage("given type is not a function");
    }
}
