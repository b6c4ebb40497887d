package dev.syncer.engine.command;

import java.math.BigDecimal;

/**
 * Redis 7.0's geohash arithmetic (geohash.c, geohash_helper.c): a point is stored as a sorted-set
 * score holding 26 bits of latitude and 26 of longitude interleaved (latitude on the even bits),
 * over latitudes ±85.05112878 (Web Mercator's limit); a search covers its shape with the centre
 * box plus up to eight neighbours at a step estimated from the radius. Same doubles, same
 * operations, so scores, positions and distances equal Redis's.
 */
final class GeoHash {

    static final int STEP_MAX = 26;
    static final double LAT_MIN = -85.05112878;
    static final double LAT_MAX = 85.05112878;
    static final double LONG_MIN = -180;
    static final double LONG_MAX = 180;
    static final double EARTH_RADIUS_IN_METERS = 6372797.560856;
    private static final double MERCATOR_MAX = 20037726.37;
    private static final double D_R = Math.PI / 180.0;
    private static final String ALPHABET = "0123456789bcdefghjkmnpqrstuvwxyz";

    /** Hash bits at a step (bits per coordinate); step 0 with no bits is Redis's "zero" hash. */
    record Bits(long bits, int step) {
        boolean isZero() {
            return bits == 0 && step == 0;
        }
    }

    /** A box: longitudes and latitudes, each [min, max]. */
    record Area(double minLon, double maxLon, double minLat, double maxLat) {
    }

    private GeoHash() {
    }

    static double degRad(double ang) {
        return ang * D_R;
    }

    static double radDeg(double ang) {
        return ang / D_R;
    }

    private static long interleave64(long xlo, long ylo) {
        long[] b = {0x5555555555555555L, 0x3333333333333333L, 0x0F0F0F0F0F0F0F0FL, 0x00FF00FF00FF00FFL,
            0x0000FFFF0000FFFFL};
        int[] s = {1, 2, 4, 8, 16};
        long x = xlo;
        long y = ylo;
        for (int i = 4; i >= 0; i--) {
            x = (x | (x << s[i])) & b[i];
            y = (y | (y << s[i])) & b[i];
        }
        return x | (y << 1);
    }

    private static long deinterleave64(long interleaved) {
        long[] b = {0x5555555555555555L, 0x3333333333333333L, 0x0F0F0F0F0F0F0F0FL, 0x00FF00FF00FF00FFL,
            0x0000FFFF0000FFFFL, 0x00000000FFFFFFFFL};
        int[] s = {0, 1, 2, 4, 8, 16};
        long x = interleaved;
        long y = interleaved >>> 1;
        for (int i = 0; i < 6; i++) {
            x = (x | (x >>> s[i])) & b[i];
            y = (y | (y >>> s[i])) & b[i];
        }
        return x | (y << 32);
    }

    /** C's conversion of a non-negative double to uint32_t, as interleave64's arguments get it. */
    private static long toUint32(double v) {
        return ((long) v) & 0xffffffffL;
    }

    /** Redis's geohashEncode over the given latitude range (null outside the WGS84 limits). */
    static Bits encode(double longitude, double latitude, int step, double latMin, double latMax) {
        if (longitude > LONG_MAX || longitude < LONG_MIN || latitude > LAT_MAX || latitude < LAT_MIN
                || latitude < latMin || latitude > latMax) {
            return null;
        }
        double latOffset = (latitude - latMin) / (latMax - latMin);
        double longOffset = (longitude - LONG_MIN) / (LONG_MAX - LONG_MIN);
        latOffset *= (double) (1L << step);
        longOffset *= (double) (1L << step);
        return new Bits(interleave64(toUint32(latOffset), toUint32(longOffset)), step);
    }

    /** geohashEncodeWGS84. */
    static Bits encode(double longitude, double latitude, int step) {
        return encode(longitude, latitude, step, LAT_MIN, LAT_MAX);
    }

    /** The 52-bit score of a point (GEOADD), as geohashAlign52Bits of the step-26 hash. */
    static long score(double longitude, double latitude) {
        return align52(encode(longitude, latitude, STEP_MAX));
    }

    static long align52(Bits hash) {
        return hash.bits() << (52 - hash.step() * 2);
    }

    /** geohashDecode over the WGS84 ranges; null for the zero hash. */
    static Area decode(Bits hash) {
        if (hash.isZero()) {
            return null;
        }
        long sep = deinterleave64(hash.bits());
        double latScale = LAT_MAX - LAT_MIN;
        double longScale = LONG_MAX - LONG_MIN;
        long ilato = sep & 0xffffffffL;
        long ilono = sep >>> 32;
        double div = (double) (1L << hash.step());
        return new Area(
                LONG_MIN + (ilono * 1.0 / div) * longScale,
                LONG_MIN + ((ilono + 1) * 1.0 / div) * longScale,
                LAT_MIN + (ilato * 1.0 / div) * latScale,
                LAT_MIN + ((ilato + 1) * 1.0 / div) * latScale);
    }

    /** Redis's decodeGeohash of a score: the centre of its step-26 box, clamped; null if undecodable. */
    static double[] position(double score) {
        Area a = decode(new Bits(toUint64(score), STEP_MAX));
        if (a == null) {
            return null;
        }
        double lon = Math.min(LONG_MAX, Math.max(LONG_MIN, (a.minLon() + a.maxLon()) / 2));
        double lat = Math.min(LAT_MAX, Math.max(LAT_MIN, (a.minLat() + a.maxLat()) / 2));
        return new double[] {lon, lat};
    }

    /**
     * C's (uint64_t) of a score as x86-64 computes it: below 2^63 a signed truncation (so a
     * negative score wraps), from 2^63 on the high bit is flipped back in, 2^64 and above give 0.
     */
    private static long toUint64(double score) {
        if (score >= 0x1p63) {
            return score >= 0x1p64 ? 0 : ((long) (score - 0x1p63)) ^ Long.MIN_VALUE;
        }
        return (long) score;
    }

    /** GEOHASH's 11-character standard geohash of a score (re-encoded over latitudes ±90). */
    static String standardHash(double[] xy) {
        Bits hash = encode(xy[0], xy[1], 26, -90, 90);
        long bits = hash == null ? 0 : hash.bits();
        char[] out = new char[11];
        for (int i = 0; i < 11; i++) {
            int idx = i == 10 ? 0 : (int) ((bits >>> (52 - (i + 1) * 5)) & 0x1f);
            out[i] = ALPHABET.charAt(idx);
        }
        return new String(out);
    }

    // ------------------------------------------------------------------ distances

    static double latDistance(double lat1d, double lat2d) {
        return EARTH_RADIUS_IN_METERS * Math.abs(degRad(lat2d) - degRad(lat1d));
    }

    /** geohashGetDistance: haversine on Redis's earth radius. */
    static double distance(double lon1d, double lat1d, double lon2d, double lat2d) {
        double lon1r = degRad(lon1d);
        double lon2r = degRad(lon2d);
        double v = Math.sin((lon2r - lon1r) / 2);
        if (v == 0.0) {
            return latDistance(lat1d, lat2d);
        }
        double lat1r = degRad(lat1d);
        double lat2r = degRad(lat2d);
        double u = Math.sin((lat2r - lat1r) / 2);
        double a = u * u + Math.cos(lat1r) * Math.cos(lat2r) * v * v;
        return 2.0 * EARTH_RADIUS_IN_METERS * Math.asin(Math.sqrt(a));
    }

    /** fixedpoint_d2string(d, 4): a distance with exactly four decimals, rounded half to even. */
    static String formatDistance(double d) {
        if (d == 0) {
            return "0.0000";
        }
        long scaled = (long) Math.rint(d * 10000.0);
        return BigDecimal.valueOf(scaled, 4).toPlainString();
    }

    // ------------------------------------------------------------------ search areas

    static int estimateStepsByRadius(double rangeMeters, double lat) {
        if (rangeMeters == 0) {
            return 26;
        }
        int step = 1;
        while (rangeMeters < MERCATOR_MAX) {
            rangeMeters *= 2;
            step++;
        }
        step -= 2;
        if (lat > 66 || lat < -66) {
            step--;
            if (lat > 80 || lat < -80) {
                step--;
            }
        }
        return Math.max(1, Math.min(26, step));
    }

    private static Bits moveX(Bits hash, int d) {
        long x = hash.bits() & 0xaaaaaaaaaaaaaaaaL;
        long y = hash.bits() & 0x5555555555555555L;
        long zz = 0x5555555555555555L >>> (64 - hash.step() * 2);
        if (d > 0) {
            x = x + (zz + 1);
        } else {
            x = x | zz;
            x = x - (zz + 1);
        }
        x &= 0xaaaaaaaaaaaaaaaaL >>> (64 - hash.step() * 2);
        return new Bits(x | y, hash.step());
    }

    private static Bits moveY(Bits hash, int d) {
        long x = hash.bits() & 0xaaaaaaaaaaaaaaaaL;
        long y = hash.bits() & 0x5555555555555555L;
        long zz = 0xaaaaaaaaaaaaaaaaL >>> (64 - hash.step() * 2);
        if (d > 0) {
            y = y + (zz + 1);
        } else {
            y = y | zz;
            y = y - (zz + 1);
        }
        y &= 0x5555555555555555L >>> (64 - hash.step() * 2);
        return new Bits(x | y, hash.step());
    }

    /**
     * geohashCalculateAreasByShapeWGS84 then membersOfAllNeighbors' order: the boxes to scan,
     * centre, N, S, E, W, NE, NW, SE, SW, with useless ones as zero hashes.
     *
     * @param halfWidth  metres from the centre to the east/west edge (the radius for a circle)
     * @param halfHeight metres from the centre to the north/south edge (the radius for a circle)
     * @param reach      metres from the centre to the farthest point of the shape
     */
    static Bits[] searchBoxes(double longitude, double latitude, double halfWidth, double halfHeight, double reach) {
        double latDelta = radDeg(halfHeight / EARTH_RADIUS_IN_METERS);
        double longDeltaTop = radDeg(halfWidth / EARTH_RADIUS_IN_METERS / Math.cos(degRad(latitude + latDelta)));
        double longDeltaBottom = radDeg(halfWidth / EARTH_RADIUS_IN_METERS / Math.cos(degRad(latitude - latDelta)));
        boolean southern = latitude < 0;
        double minLon = southern ? longitude - longDeltaBottom : longitude - longDeltaTop;
        double maxLon = southern ? longitude + longDeltaBottom : longitude + longDeltaTop;
        double minLat = latitude - latDelta;
        double maxLat = latitude + latDelta;

        int steps = estimateStepsByRadius(reach, latitude);
        Bits[] boxes = neighbourhood(encode(longitude, latitude, steps));
        if (steps > 1 && (decode(boxes[1]).maxLat() < maxLat || decode(boxes[2]).minLat() > minLat
                || decode(boxes[3]).maxLon() < maxLon || decode(boxes[4]).minLon() > minLon)) {
            steps--;
            boxes = neighbourhood(encode(longitude, latitude, steps));
        }
        Area area = decode(boxes[0]);
        if (steps >= 2) {
            Bits zero = new Bits(0, 0);
            if (area.minLat() < minLat) {
                boxes[2] = zero;
                boxes[8] = zero;
                boxes[7] = zero;
            }
            if (area.maxLat() > maxLat) {
                boxes[1] = zero;
                boxes[5] = zero;
                boxes[6] = zero;
            }
            if (area.minLon() < minLon) {
                boxes[4] = zero;
                boxes[8] = zero;
                boxes[6] = zero;
            }
            if (area.maxLon() > maxLon) {
                boxes[3] = zero;
                boxes[7] = zero;
                boxes[5] = zero;
            }
        }
        return boxes;
    }

    /** The hash and its neighbours in membersOfAllNeighbors' order. */
    private static Bits[] neighbourhood(Bits h) {
        return new Bits[] {h, moveY(h, 1), moveY(h, -1), moveX(h, 1), moveX(h, -1),
            moveY(moveX(h, 1), 1), moveY(moveX(h, -1), 1), moveY(moveX(h, 1), -1), moveY(moveX(h, -1), -1)};
    }
}
