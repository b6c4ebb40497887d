package dev.syncer.engine.command;

import dev.syncer.engine.resp.Reply;

import java.util.Locale;

/**
 * DEBUG PROTOCOL type (debug.c): one sample reply of each RESP type, as a RESP2 client receives it
 * (the only protocol a session speaks here). RESP2 has no double, big number, set, map, boolean or
 * verbatim type, so Redis sends their RESP2 stand-ins: a bulk string, an array, a flat array of
 * pairs, 1 or 0; an attribute is left out and only the reply that follows it is sent.
 */
final class DebugProtocol {

    private DebugProtocol() {
    }

    static void reply(Reply r, String type) {
        switch (type.toLowerCase(Locale.ROOT)) {
            case "string" -> r.bulk("Hello World");
            case "integer" -> r.integer(12345);
            case "double" -> r.bulk(3.141);
            case "bignum" -> r.bulk("1234567999999999999999999999999999999");
            case "null" -> r.nullBulk();
            case "array", "set" -> counting(r, 3);
            case "map" -> {
                r.arrayHeader(6);
                for (int j = 0; j < 3; j++) {
                    r.integer(j);
                    r.integer(j == 1 ? 1 : 0);
                }
            }
            case "attrib" -> r.bulk("Some real reply following the attribute");
            case "push" -> throw new CommandError("ERR RESP2 is not supported by this command");
            case "true" -> r.integer(1);
            case "false" -> r.integer(0);
            case "verbatim" -> r.bulk("This is a verbatim\nstring");
            default -> throw new CommandError("ERR Wrong protocol type name. Please use one of the following: "
                    + "string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false");
        }
    }

    private static void counting(Reply r, int n) {
        r.arrayHeader(n);
        for (int j = 0; j < n; j++) {
            r.integer(j);
        }
    }
}
