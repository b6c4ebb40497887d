package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.ZSetValue;
import dev.syncer.engine.resp.Reply;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.Comparator;
import java.util.List;

import static dev.syncer.engine.command.CommandFlag.DENYOOM;
import static dev.syncer.engine.command.CommandFlag.READONLY;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * GEORADIUS, GEORADIUSBYMEMBER (and their _RO forms), GEOSEARCH and GEOSEARCHSTORE: geo.c's
 * {@code georadiusGeneric}. Members are collected box by box in Redis's order (centre, then
 * the neighbours, by score inside each), filtered by the circle or the box, optionally sorted
 * by distance (stable, as glibc's qsort), then returned or stored. Stores propagate as received.
 */
final class GeoSearchCommand {

    private static final int COORDS = 1;
    private static final int MEMBER = 1 << 1;
    private static final int NOSTORE = 1 << 2;
    private static final int SEARCH = 1 << 3;
    private static final int SEARCHSTORE = 1 << 4;

    private enum Sort { NONE, ASC, DESC }

    /** A search shape: centre, circle radius or box width/height (in their unit), metres per unit. */
    private static final class Shape {
        double lon;
        double lat;
        boolean box;
        double radius;
        double width;
        double height;
        double conversion;
    }

    /** A member found in the shape. */
    private record Point(byte[] member, double score, double lon, double lat, double dist) {
    }

    private GeoSearchCommand() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("georadius", -6, 1, 1, 1, ctx -> search(ctx, 1, COORDS), WRITE, DENYOOM));
        t.add(CommandSpec.of("georadius_ro", -6, 1, 1, 1, ctx -> search(ctx, 1, COORDS | NOSTORE), READONLY));
        t.add(CommandSpec.of("georadiusbymember", -5, 1, 1, 1, ctx -> search(ctx, 1, MEMBER), WRITE, DENYOOM));
        t.add(CommandSpec.of("georadiusbymember_ro", -5, 1, 1, 1, ctx -> search(ctx, 1, MEMBER | NOSTORE), READONLY));
        t.add(CommandSpec.of("geosearch", -7, 1, 1, 1, ctx -> search(ctx, 1, SEARCH), READONLY));
        t.add(CommandSpec.of("geosearchstore", -8, 1, 2, 1, ctx -> search(ctx, 2, SEARCH | SEARCHSTORE), WRITE, DENYOOM));
    }

    private static double number(Args a, int i, String error) {
        try {
            return a.doubleValue(i);
        } catch (CommandError e) {
            throw new CommandError("ERR " + error);
        }
    }

    /** extractDistanceOrReply: radius then unit. */
    private static void radius(Args a, int i, Shape shape) {
        double r = number(a, i, "need numeric radius");
        if (r < 0) {
            throw new CommandError("ERR radius cannot be negative");
        }
        shape.radius = r;
        shape.conversion = GeoCommands.unit(a, i + 1);
        shape.box = false;
    }

    /** extractBoxOrReply: width, height, unit. */
    private static void box(Args a, int i, Shape shape) {
        double w = number(a, i, "need numeric width");
        double h = number(a, i + 1, "need numeric height");
        if (h < 0 || w < 0) {
            throw new CommandError("ERR height or width cannot be negative");
        }
        shape.width = w;
        shape.height = h;
        shape.conversion = GeoCommands.unit(a, i + 2);
        shape.box = true;
    }

    // Format: GEORADIUS key lon lat radius unit [WITHCOORD] [WITHDIST] [WITHHASH] [COUNT n [ANY]] [ASC|DESC]
    //           [STORE key | STOREDIST key]; GEORADIUSBYMEMBER key member radius unit ...;
    //         GEOSEARCH key FROMMEMBER m | FROMLONLAT lon lat  BYRADIUS r unit | BYBOX w h unit ...;
    //         GEOSEARCHSTORE dest src ... [STOREDIST]
    //   -> array of members (or [member dist hash [lon lat]]) | :stored-count
    private static void search(CommandContext ctx, int srcIndex, int flags) {
        Args a = ctx.args();
        ZSetValue z = ctx.read(a.key(srcIndex), ZSetValue.class);
        Shape shape = new Shape();
        byte[] storeKey = null;
        boolean storeDist = false;
        int base;
        if ((flags & COORDS) != 0) {
            base = 6;
            double[] xy = GeoCommands.longLat(a, 2);
            shape.lon = xy[0];
            shape.lat = xy[1];
            radius(a, 4, shape);
        } else if ((flags & MEMBER) != 0) {
            base = 5;
            if (z != null) {
                centreOn(shape, z, a.bytes(2));
                radius(a, 3, shape);
            }
        } else {
            base = 2;
            if ((flags & SEARCHSTORE) != 0) {
                base = 3;
                storeKey = a.bytes(1);
            }
        }
        boolean withDist = false;
        boolean withHash = false;
        boolean withCoords = false;
        boolean fromMember = false;
        boolean fromLoc = false;
        boolean byRadius = false;
        boolean byBox = false;
        boolean any = false;
        Sort sort = Sort.NONE;
        long count = 0;
        int remaining = a.count() - base;
        boolean search = (flags & SEARCH) != 0;
        boolean storable = (flags & NOSTORE) == 0 && !search;
        for (int i = 0; i < remaining; i++) {
            int at = base + i;
            String arg = a.option(at);
            if (arg.equals("WITHDIST")) {
                withDist = true;
            } else if (arg.equals("WITHHASH")) {
                withHash = true;
            } else if (arg.equals("WITHCOORD")) {
                withCoords = true;
            } else if (arg.equals("ANY")) {
                any = true;
            } else if (arg.equals("ASC")) {
                sort = Sort.ASC;
            } else if (arg.equals("DESC")) {
                sort = Sort.DESC;
            } else if (arg.equals("COUNT") && i + 1 < remaining) {
                count = a.longValue(at + 1);
                if (count <= 0) {
                    throw new CommandError("ERR COUNT must be > 0");
                }
                i++;
            } else if ((arg.equals("STORE") || arg.equals("STOREDIST")) && i + 1 < remaining && storable) {
                storeKey = a.bytes(at + 1);
                storeDist = arg.equals("STOREDIST");
                i++;
            } else if (arg.equals("STOREDIST") && (flags & SEARCHSTORE) != 0) {
                storeDist = true;
            } else if (arg.equals("FROMMEMBER") && i + 1 < remaining && search && !fromLoc) {
                if (z != null) {
                    centreOn(shape, z, a.bytes(at + 1));
                }
                fromMember = true;
                i++;
            } else if (arg.equals("FROMLONLAT") && i + 2 < remaining && search && !fromMember) {
                double[] xy = GeoCommands.longLat(a, at + 1);
                shape.lon = xy[0];
                shape.lat = xy[1];
                fromLoc = true;
                i += 2;
            } else if (arg.equals("BYRADIUS") && i + 2 < remaining && search && !byBox) {
                radius(a, at + 1, shape);
                byRadius = true;
                i += 2;
            } else if (arg.equals("BYBOX") && i + 3 < remaining && search && !byRadius) {
                box(a, at + 1, shape);
                byBox = true;
                i += 3;
            } else {
                throw CommandError.syntax();
            }
        }
        if (storeKey != null && (withDist || withHash || withCoords)) {
            throw new CommandError("ERR " + ((flags & SEARCHSTORE) != 0 ? "GEOSEARCHSTORE" : "STORE option in GEORADIUS")
                    + " is not compatible with WITHDIST, WITHHASH and WITHCOORD options");
        }
        if (search && !(fromMember || fromLoc)) {
            throw new CommandError("ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for " + a.string(0));
        }
        if (search && !(byRadius || byBox)) {
            throw new CommandError("ERR exactly one of BYRADIUS and BYBOX can be specified for " + a.string(0));
        }
        if (any && count == 0) {
            throw new CommandError("ERR the ANY argument requires COUNT argument");
        }
        if (z == null) {
            if (storeKey != null) {
                if (ctx.db().remove(new Key(storeKey))) {
                    ctx.changed();
                    ctx.notify(KeyspaceEvents.GENERIC, "del", new Key(storeKey));
                }
                ctx.reply().integer(0);
            } else {
                ctx.reply().arrayHeader(0);
            }
            return;
        }
        if (count != 0 && sort == Sort.NONE && !any) {
            sort = Sort.ASC;
        }
        List<Point> found = collect(z, shape, any ? count : 0);
        if (found.isEmpty() && storeKey == null) {
            ctx.reply().arrayHeader(0);
            return;
        }
        int returned = (int) (count == 0 || found.size() < count ? found.size() : count);
        if (sort == Sort.ASC) {
            found.sort(Comparator.comparingDouble(Point::dist));
        } else if (sort == Sort.DESC) {
            found.sort(Comparator.comparingDouble(Point::dist).reversed());
        }
        if (storeKey == null) {
            reply(ctx.reply(), found.subList(0, returned), shape.conversion, withDist, withHash, withCoords);
        } else {
            store(ctx, new Key(storeKey), found.subList(0, returned), shape.conversion, storeDist);
        }
    }

    private static void centreOn(Shape shape, ZSetValue z, byte[] member) {
        double[] xy = GeoCommands.positionOf(z, member);
        if (xy == null) {
            throw new CommandError("ERR could not decode requested zset member");
        }
        shape.lon = xy[0];
        shape.lat = xy[1];
    }

    /** membersOfAllNeighbors: box by box, skipping zero boxes and a box equal to the last one scanned. */
    private static List<Point> collect(ZSetValue z, Shape shape, long limit) {
        double halfHeight = shape.conversion * (shape.box ? shape.height / 2 : shape.radius);
        double halfWidth = shape.conversion * (shape.box ? shape.width / 2 : shape.radius);
        double reach = shape.box
                ? Math.sqrt((shape.width / 2) * (shape.width / 2) + (shape.height / 2) * (shape.height / 2))
                : shape.radius;
        reach *= shape.conversion;
        GeoHash.Bits[] boxes = GeoHash.searchBoxes(shape.lon, shape.lat, halfWidth, halfHeight, reach);
        List<Point> found = new ArrayList<>();
        int lastProcessed = 0;
        for (int i = 0; i < boxes.length; i++) {
            GeoHash.Bits b = boxes[i];
            if (b.isZero() || (lastProcessed != 0 && b.equals(boxes[lastProcessed]))) {
                continue;
            }
            if (!found.isEmpty() && limit != 0 && found.size() >= limit) {
                break;
            }
            double min = GeoHash.align52(b);
            double max = GeoHash.align52(new GeoHash.Bits(b.bits() + 1, b.step()));
            for (Iterator<ZSetValue.Entry> it = z.from(z.countScoresBelow(min, false), false); it.hasNext(); ) {
                ZSetValue.Entry e = it.next();
                if (!(e.score() < max)) {
                    break;
                }
                Point p = within(shape, e);
                if (p != null) {
                    found.add(p);
                }
                if (!found.isEmpty() && limit != 0 && found.size() >= limit) {
                    break;
                }
            }
            lastProcessed = i;
        }
        return found;
    }

    /** geoWithinShape: the point with its distance from the centre, or null if outside. */
    private static Point within(Shape shape, ZSetValue.Entry e) {
        double[] xy = GeoHash.position(e.score());
        if (xy == null) {
            return null;
        }
        double dist;
        if (!shape.box) {
            dist = GeoHash.distance(shape.lon, shape.lat, xy[0], xy[1]);
            if (dist > shape.radius * shape.conversion) {
                return null;
            }
        } else {
            double widthM = shape.width * shape.conversion;
            double heightM = shape.height * shape.conversion;
            if (GeoHash.latDistance(xy[1], shape.lat) > heightM / 2
                    || GeoHash.distance(xy[0], xy[1], shape.lon, xy[1]) > widthM / 2) {
                return null;
            }
            dist = GeoHash.distance(shape.lon, shape.lat, xy[0], xy[1]);
        }
        return new Point(e.member().bytes(), e.score(), xy[0], xy[1], dist);
    }

    private static void reply(Reply r, List<Point> points, double conversion, boolean withDist, boolean withHash,
                              boolean withCoords) {
        int options = (withDist ? 1 : 0) + (withHash ? 1 : 0) + (withCoords ? 1 : 0);
        r.arrayHeader(points.size());
        for (Point p : points) {
            if (options > 0) {
                r.arrayHeader(options + 1);
            }
            r.bulk(p.member());
            if (withDist) {
                r.bulk(GeoHash.formatDistance(p.dist() / conversion));
            }
            if (withHash) {
                r.integer((long) p.score());
            }
            if (withCoords) {
                r.arrayHeader(2);
                r.humanDouble(GeoCommands.human(p.lon()));
                r.humanDouble(GeoCommands.human(p.lat()));
            }
        }
    }

    /** The results as a new sorted set replacing the target (as SET would), or the target deleted. */
    private static void store(CommandContext ctx, Key target, List<Point> points, double conversion, boolean storeDist) {
        if (!points.isEmpty()) {
            ZSetValue zset = new ZSetValue();
            for (Point p : points) {
                zset.put(new Key(p.member()), storeDist ? p.dist() / conversion : p.score());
            }
            ctx.db().put(target, zset);
            ctx.changed(points.size());
            ctx.notify(KeyspaceEvents.ZSET, ctx.args().commandName().startsWith("geosearch") ? "geosearchstore" : "georadiusstore", target);
        } else if (ctx.db().remove(target)) {
            ctx.changed();
            ctx.notify(KeyspaceEvents.GENERIC, "del", target);
        }
        ctx.reply().integer(points.size());
    }
}
