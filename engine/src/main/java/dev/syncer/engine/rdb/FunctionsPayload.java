package dev.syncer.engine.rdb;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload FUNCTION DUMP returns and FUNCTION RESTORE takes (functions.c's functionDumpCommand):
 * <pre>
 * (FUNCTION2(0xF5) string(library code))*  RDB version (2 bytes LE)  CRC64 of all of that (8 bytes LE)
 * </pre>
 * The same records an RDB holds, so a payload from redis-server restores here and back.
 */
public final class FunctionsPayload {

    private static final int FOOTER = 10;

    private FunctionsPayload() {
    }

    /** FUNCTION DUMP of these library codes (each with its "#!lua name=..." line). */
    public static byte[] dump(List<byte[]> libraries, boolean compression) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            RdbOutput o = new RdbOutput(out, compression, false);
            for (byte[] code : libraries) {
                o.u8(RdbOpcode.FUNCTION2);
                o.string(code);
            }
            return DumpPayload.sealed(out, o);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
    }

    /**
     * The library codes of a payload, in order. Throws RdbException with Redis's reply text (without
     * "ERR "): "DUMP payload version or checksum are wrong", "given type is not a function", ...
     */
    public static List<byte[]> libraries(byte[] payload) throws RdbException {
        if (!DumpPayload.verify(payload)) {
            throw new RdbException("DUMP payload version or checksum are wrong");
        }
        int end = payload.length - FOOTER;
        RdbInput in = new RdbInput(new ByteArrayInputStream(payload, 0, end), true);
        List<byte[]> out = new ArrayList<>();
        try {
            while (in.offset() < end) {
                int type = in.u8();
                if (type == RdbOpcode.FUNCTION_PRE_GA) {
                    throw new RdbException("Pre-GA function format not supported");
                }
                if (type != RdbOpcode.FUNCTION2) {
                    throw new RdbException("given type is not a function");
                }
                out.add(in.string());
            }
        } catch (RdbException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new RdbException("failed loading the given functions payload");
        }
        return out;
    }
}
