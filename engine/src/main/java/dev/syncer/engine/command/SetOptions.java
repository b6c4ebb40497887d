package dev.syncer.engine.command;

/**
 * The options of SET (NX, XX, GET, KEEPTTL, EX, PX, EXAT, PXAT) and GETEX (PERSIST, EX, PX, EXAT,
 * PXAT), accepted in the combinations Redis's parseExtendedStringArgumentsOrReply accepts. Shared by
 * the plain commands and the Active-Active ones, so both accept and refuse the same.
 *
 * @param unit        EX, PX, EXAT or PXAT; null without an expiry
 * @param expireIndex the argument holding the expiry; -1 without one
 */
public record SetOptions(boolean nx, boolean xx, boolean get, boolean keepTtl, boolean persist, String unit,
                         int expireIndex) {

    /** SETNX: SET ... NX. */
    public static final SetOptions SETNX = new SetOptions(true, false, false, false, false, null, -1);

    /** No option: a plain SET, and GETEX without one (parsed per call, so shared). */
    private static final SetOptions NONE = new SetOptions(false, false, false, false, false, null, -1);

    /** SETEX (unit EX) and PSETEX (PX): the expiry is argument 2. */
    public static SetOptions expiring(String unit) {
        return new SetOptions(false, false, false, false, false, unit, 2);
    }

    /** Redis's parseExtendedStringArgumentsOrReply from argument {@code from}: each option once, conflicts a syntax error. */
    public static SetOptions parse(Args a, int from, boolean forSet) {
        if (from >= a.count()) {
            return NONE;
        }
        boolean nx = false;
        boolean xx = false;
        boolean get = false;
        boolean keepTtl = false;
        boolean persist = false;
        String unit = null;
        int expireIndex = -1;
        for (int j = from; j < a.count(); j++) {
            String opt = a.option(j);
            boolean hasNext = j + 1 < a.count();
            if (forSet && opt.equals("NX") && !xx) {
                nx = true;
            } else if (forSet && opt.equals("XX") && !nx) {
                xx = true;
            } else if (forSet && opt.equals("GET")) {
                get = true;
            } else if (forSet && opt.equals("KEEPTTL") && unit == null) {
                keepTtl = true;
            } else if (!forSet && opt.equals("PERSIST") && unit == null) {
                persist = true;
            } else if (hasNext && isExpireUnit(opt) && !keepTtl && !persist && (unit == null || unit.equals(opt))) {
                unit = opt;
                expireIndex = ++j;
            } else {
                throw CommandError.syntax();
            }
        }
        return new SetOptions(nx, xx, get, keepTtl, persist, unit, expireIndex);
    }

    private static boolean isExpireUnit(String opt) {
        return opt.equals("EX") || opt.equals("PX") || opt.equals("EXAT") || opt.equals("PXAT");
    }

    public boolean hasExpire() {
        return expireIndex >= 0;
    }

    /** EXAT / PXAT: an instant, not a duration. */
    public boolean absolute() {
        return "EXAT".equals(unit) || "PXAT".equals(unit);
    }

    /** The expiry as absolute unix ms (getExpireMillisecondsOrReply), or -1 without one. */
    public long expireMillis(Args a, long nowMs) {
        if (!hasExpire()) {
            return -1;
        }
        boolean seconds = "EX".equals(unit) || "EXAT".equals(unit);
        return a.expireMillis(expireIndex, seconds, !absolute(), nowMs);
    }
}
