package dev.syncer.engine.syncer;

import dev.syncer.engine.command.Args;
import dev.syncer.engine.command.CommandError;

/**
 * The options of SET (NX, XX, GET, KEEPTTL, EX, PX, EXAT, PXAT) and GETEX (PERSIST, EX, PX, EXAT,
 * PXAT), accepted in the combinations Redis's parseExtendedStringArgumentsOrReply accepts.
 */
record SetOptions(boolean nx, boolean xx, boolean get, boolean keepTtl, boolean persist, byte[] expire,
                  boolean seconds, boolean relative) {

    static SetOptions parse(Args a, int from, boolean forSet) {
        boolean nx = false;
        boolean xx = false;
        boolean get = false;
        boolean keepTtl = false;
        boolean persist = false;
        String unit = null; // EX, PX, EXAT or PXAT
        byte[] expire = null;
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
            } else if ((opt.equals("EX") || opt.equals("PX") || opt.equals("EXAT") || opt.equals("PXAT"))
                    && !keepTtl && !persist && (unit == null || unit.equals(opt)) && hasNext) {
                unit = opt;
                expire = a.bytes(++j);
            } else {
                throw CommandError.syntax();
            }
        }
        boolean seconds = "EX".equals(unit) || "EXAT".equals(unit);
        boolean relative = "EX".equals(unit) || "PX".equals(unit);
        return new SetOptions(nx, xx, get, keepTtl, persist, expire, seconds, relative);
    }
}
