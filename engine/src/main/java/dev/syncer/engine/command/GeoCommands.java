package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.ZSetValue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import static dev.syncer.engine.command.CommandFlag.DENYOOM;
import static dev.syncer.engine.command.CommandFlag.READONLY;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * GEOADD, GEOPOS, GEODIST, GEOHASH, as geo.c: points live in a sorted set whose scores are
 * {@link GeoHash} 52-bit hashes, so every sorted-set command works on them too. GEOADD is ZADD
 * with computed scores and reaches replicas as that ZADD, as in Redis. The searches
 * (GEORADIUS*, GEOSEARCH*) are in {@link GeoSearchCommand}.
 */
final class GeoCommands {

    private GeoCommands() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("geoadd", -5, 1, 1, 1, GeoCommands::geoadd, WRITE, DENYOOM));
        t.add(CommandSpec.of("geopos", -2, 1, 1, 1, GeoCommands::geopos, READONLY));
        t.add(CommandSpec.of("geodist", -4, 1, 1, 1, GeoCommands::geodist, READONLY));
        t.add(CommandSpec.of("geohash", -2, 1, 1, 1, GeoCommands::geohash, READONLY));
        GeoSearchCommand.register(t);
    }

    /** extractLongLatOrReply: a longitude and a latitude within the WGS84 limits Redis indexes. */
    static double[] longLat(Args a, int i) {
        double lon = a.doubleValue(i);
        double lat = a.doubleValue(i + 1);
        if (lon < GeoHash.LONG_MIN || lon > GeoHash.LONG_MAX || lat < GeoHash.LAT_MIN || lat > GeoHash.LAT_MAX) {
            throw new CommandError("ERR invalid longitude,latitude pair " + printfF(lon) + "," + printfF(lat));
        }
        return new double[] {lon, lat};
    }

    /** C's "%f": six decimals of the exact binary value, "inf" for infinities. */
    private static String printfF(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** extractUnitOrReply: metres per unit. */
    static double unit(Args a, int i) {
        return switch (a.option(i)) {
            case "M" -> 1;
            case "KM" -> 1000;
            case "FT" -> 0.3048;
            case "MI" -> 1609.34;
            default -> throw new CommandError("ERR unsupported unit provided. please use M, KM, FT, MI");
        };
    }

    /** The position of a member (longLatFromMember), or null if it is missing or undecodable. */
    static double[] positionOf(ZSetValue z, byte[] member) {
        Double score = z.score(new Key(member));
        return score == null ? null : GeoHash.position(score);
    }

    /** addReplyHumanLongDouble: the exact value to 17 decimals, trailing zeros dropped. */
    static String human(double v) {
        return LongDouble.format(new BigDecimal(v));
    }

    // Format: GEOADD key [NX | XX] [CH] longitude latitude member [...] -> :added (CH: added + changed);
    //         propagated as the ZADD it amounts to
    private static void geoadd(CommandContext ctx) {
        Args a = ctx.args();
        int first = 2;
        boolean nx = false;
        boolean xx = false;
        for (; first < a.count(); first++) {
            String opt = a.option(first);
            if (opt.equals("NX")) {
                nx = true;
            } else if (opt.equals("XX")) {
                xx = true;
            } else if (!opt.equals("CH")) {
                break;
            }
        }
        if ((a.count() - first) % 3 != 0 || (xx && nx)) {
            throw CommandError.syntax();
        }
        int elements = (a.count() - first) / 3;
        byte[][] zadd = new byte[first + elements * 2][];
        zadd[0] = Words.ascii("zadd");
        System.arraycopy(a.argv(), 1, zadd, 1, first - 1);
        for (int i = 0; i < elements; i++) {
            double[] xy = longLat(a, first + i * 3);
            zadd[first + i * 2] = Words.number(GeoHash.score(xy[0], xy[1]));
            zadd[first + i * 2 + 1] = a.bytes(first + i * 3 + 2);
        }
        CommandSpec spec = ctx.dispatcher().table().lookup("zadd");
        CommandContext inner = new CommandContext(ctx.dispatcher(), ctx.shard(), ctx.session(), new Args(zadd), ctx.reply());
        spec.command().execute(inner);
        if (inner.changes() > 0) {
            ctx.changed(inner.changes());
            List<byte[][]> forms = inner.rewritten();
            if (forms == null) {
                ctx.propagateAs(zadd);
            } else {
                forms.forEach(ctx::propagateAs);
            }
        }
    }

    /** Per member argument (from index 2): its position, or null if the key or the member is missing. */
    private static List<double[]> memberPositions(CommandContext ctx) {
        Args a = ctx.args();
        ZSetValue z = ctx.read(a.key(1), ZSetValue.class);
        List<double[]> out = new ArrayList<>(a.count() - 2);
        for (int j = 2; j < a.count(); j++) {
            out.add(z == null ? null : positionOf(z, a.bytes(j)));
        }
        return out;
    }

    // Format: GEOPOS key [member ...] -> array of [longitude latitude] | *-1 per member
    private static void geopos(CommandContext ctx) {
        List<double[]> positions = memberPositions(ctx);
        ctx.reply().arrayHeader(positions.size());
        for (double[] xy : positions) {
            if (xy == null) {
                ctx.reply().nullArray();
            } else {
                ctx.reply().arrayHeader(2);
                ctx.reply().humanDouble(human(xy[0]));
                ctx.reply().humanDouble(human(xy[1]));
            }
        }
    }

    // Format: GEODIST key member1 member2 [M | KM | FT | MI] -> $distance (4 decimals) | $-1
    private static void geodist(CommandContext ctx) {
        Args a = ctx.args();
        double toMeter = 1;
        if (a.count() == 5) {
            toMeter = unit(a, 4);
        } else if (a.count() > 5) {
            throw CommandError.syntax();
        }
        ZSetValue z = ctx.read(a.key(1), ZSetValue.class);
        if (z == null) {
            ctx.reply().nullBulk();
            return;
        }
        Double s1 = z.score(a.key(2));
        Double s2 = z.score(a.key(3));
        double[] p1 = s1 == null ? null : GeoHash.position(s1);
        double[] p2 = s2 == null ? null : GeoHash.position(s2);
        if (p1 == null || p2 == null) {
            ctx.reply().nullBulk();
            return;
        }
        ctx.reply().bulk(GeoHash.formatDistance(GeoHash.distance(p1[0], p1[1], p2[0], p2[1]) / toMeter));
    }

    // Format: GEOHASH key [member ...] -> array of $11-character-geohash | $-1
    private static void geohash(CommandContext ctx) {
        List<double[]> positions = memberPositions(ctx);
        ctx.reply().arrayHeader(positions.size());
        for (double[] xy : positions) {
            ctx.reply().bulk(xy == null ? null : GeoHash.standardHash(xy));
        }
    }
}
