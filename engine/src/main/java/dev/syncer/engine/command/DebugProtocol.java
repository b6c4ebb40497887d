package dev.syncer.engine.command;

import dev.syncer.engine.resp.Reply;

import java.util.Locale;

/**
 * DEBUG PROTOCOL type (debug.c): one sample reply of each RESP type in the connection's protocol.
 * In RESP2 the writer sends Redis's stand-ins (a bulk string for a double, big number or verbatim
 * string, arrays for sets and maps, 1 or 0 for booleans); an attribute exists only in RESP3.
 */
final class DebugProtocol {

    private DebugProtocol() {
    }

    static void reply(Reply r, String type) {
        switch (type.toLowerCase(Locale.ROOT)) {
            case "string" -> r.bulk("Hello World");
            case "integer" -> r.integer(12345);
            case "double" -> r.doubleValue(3.141);
            case "bignum" -> r.bigNumber("1234567999999999999999999999999999999");
            case "null" -> r.nullBulk();
            case "array" -> {
                r.arrayHeader(3);
                counting(r, 3);
            }
            case "set" -> {
                r.setHeader(3);
                counting(r, 3);
            }
            case "map" -> {
                r.mapHeader(3);
                for (int j = 0; j < 3; j++) {
                    r.integer(j);
                    r.bool(j == 1);
                }
            }
            case "attrib" -> {
                r.attributeHeader(1);
                if (r.resp3()) {
                    r.bulk("key-popularity");
                    r.arrayHeader(2);
                    r.bulk("key:123");
                    r.integer(90);
                }
                r.bulk("Some real reply following the attribute");
            }
            case "push" -> {
                if (!r.resp3()) {
                    throw new CommandError("ERR RESP2 is not supported by this command");
                }
                r.pushHeader(2);
                r.bulk("server-cpu-usage");
                r.integer(42);
                r.bulk("Some real reply following the push reply");
            }
            case "true" -> r.bool(true);
            case "false" -> r.bool(false);
            case "verbatim" -> r.verbatim("This is a verbatim\nstring");
            default -> throw new CommandError("ERR Wrong protocol type name. Please use one of the following: "
                    + "string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false");
        }
    }

    private static void counting(Reply r, int n) {
        for (int j = 0; j < n; j++) {
            r.integer(j);
        }
    }
}
