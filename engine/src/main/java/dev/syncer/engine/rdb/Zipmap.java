package dev.syncer.engine.rdb;

import java.util.ArrayList;
import java.util.List;

/**
 * Zipmaps (zipmap.c), the small-hash blob of Redis 2.x (type 9):
 * <pre>
 *   &lt;zmlen: 1 byte, 254 = unknown&gt; (&lt;len&gt; field &lt;len&gt; &lt;free: 1 byte&gt; value &lt;free unused bytes&gt;)* 0xFF
 *   len = 1 byte &lt; 254, or 254 + u32 LE
 * </pre>
 */
final class Zipmap {

    private Zipmap() {
    }

    /** Fields and values, alternating. */
    static List<byte[]> decode(byte[] zm) throws EncodingException {
        if (zm.length < 2) {
            throw new EncodingException("zipmap of " + zm.length + " bytes is too short");
        }
        int declared = zm[0] & 0xff;
        List<byte[]> out = new ArrayList<>();
        int p = 1;
        int last = zm.length - 1;
        while (true) {
            Blobs.need(zm, p, 1, "zipmap entry");
            if ((zm[p] & 0xff) == 0xFF) {
                break;
            }
            for (int part = 0; part < 2; part++) {
                Blobs.need(zm, p, 1, "zipmap length");
                int b = zm[p] & 0xff;
                long n;
                if (b < 254) {
                    n = b;
                    p += 1;
                } else if (b == 254) {
                    Blobs.need(zm, p, 5, "zipmap length");
                    n = Blobs.le(zm, p + 1, 4);
                    p += 5;
                } else {
                    throw new EncodingException("zipmap ends inside an entry at byte " + p);
                }
                int free = 0;
                if (part == 1) {
                    Blobs.need(zm, p, 1, "zipmap free byte");
                    free = zm[p] & 0xff;
                    p += 1;
                }
                Blobs.need(zm, p, n + free, "zipmap " + (part == 0 ? "field" : "value"));
                out.add(Blobs.slice(zm, p, (int) n));
                p += (int) n + free;
            }
        }
        if (p != last) {
            throw new EncodingException("zipmap has " + (last - p) + " bytes after its end byte");
        }
        int pairs = out.size() / 2;
        if (pairs == 0) {
            throw new EncodingException("zipmap is empty");
        }
        if (declared < 254 && declared != pairs) {
            throw new EncodingException("zipmap header says " + declared + " entries but holds " + pairs);
        }
        return out;
    }
}
