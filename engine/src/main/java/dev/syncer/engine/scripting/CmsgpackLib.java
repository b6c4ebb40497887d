package dev.syncer.engine.scripting;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * lua-cmsgpack as Redis bundles it ({@code cmsgpack}): pack(...), unpack(s), unpack_one(s, offset),
 * unpack_limit(s, limit, offset). Integral numbers take the smallest integer form, others float32
 * when exact, else float64; a table is an array when its keys are exactly 1..n, else a map;
 * nesting deeper than 16 is packed as nil (so cyclic tables end).
 */
final class CmsgpackLib {

    private static final int MAX_NESTING = 16;

    private CmsgpackLib() {
    }

    static LuaTable table() {
        LuaTable t = new LuaTable();
        t.rawset("pack", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                if (args.narg() == 0) {
                    throw new LuaError("MessagePack pack needs input.");
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int i = 1; i <= args.narg(); i++) {
                    pack(args.arg(i), out, 0);
                }
                return LuaString.valueUsing(out.toByteArray());
            }
        });
        t.rawset("unpack", unpacker(-1));
        t.rawset("unpack_one", unpacker(1));
        t.rawset("unpack_limit", unpacker(0));
        t.rawset("_NAME", "cmsgpack");
        t.rawset("_VERSION", "lua-cmsgpack 0.4.0");
        return t;
    }

    // ---- pack --------------------------------------------------------------------------------------

    static void pack(LuaValue v, ByteArrayOutputStream out, int level) {
        switch (v.type()) {
            case LuaValue.TSTRING -> string(v.checkstring(), out);
            case LuaValue.TBOOLEAN -> out.write(v.toboolean() ? 0xc3 : 0xc2);
            case LuaValue.TNUMBER -> number(v.todouble(), out);
            case LuaValue.TTABLE -> {
                if (level == MAX_NESTING) {
                    out.write(0xc0);
                } else {
                    table((LuaTable) v, out, level);
                }
            }
            default -> out.write(0xc0);
        }
    }

    private static void string(LuaString s, ByteArrayOutputStream out) {
        int len = s.m_length;
        if (len < 32) {
            out.write(0xa0 | len);
        } else if (len <= 0xff) {
            out.write(0xd9);
            out.write(len);
        } else if (len <= 0xffff) {
            out.write(0xda);
            big(len, 2, out);
        } else {
            out.write(0xdb);
            big(len, 4, out);
        }
        out.write(s.m_bytes, s.m_offset, len);
    }

    private static void number(double n, ByteArrayOutputStream out) {
        if (!Double.isInfinite(n) && n == (double) (long) n && n >= -9.223372036854776E18 && n < 9.223372036854776E18) {
            integer((long) n, out);
            return;
        }
        float f = (float) n;
        if (n == (double) f) {
            out.write(0xca);
            big(Float.floatToIntBits(f), 4, out);
        } else {
            out.write(0xcb);
            big(Double.doubleToLongBits(n), 8, out);
        }
    }

    private static void integer(long n, ByteArrayOutputStream out) {
        if (n >= 0) {
            if (n <= 127) {
                out.write((int) n);
            } else if (n <= 0xff) {
                out.write(0xcc);
                out.write((int) n);
            } else if (n <= 0xffff) {
                out.write(0xcd);
                big(n, 2, out);
            } else if (n <= 0xffffffffL) {
                out.write(0xce);
                big(n, 4, out);
            } else {
                out.write(0xcf);
                big(n, 8, out);
            }
        } else if (n >= -32) {
            out.write((int) (n & 0xff));
        } else if (n >= -128) {
            out.write(0xd0);
            out.write((int) (n & 0xff));
        } else if (n >= -32768) {
            out.write(0xd1);
            big(n, 2, out);
        } else if (n >= -2147483648L) {
            out.write(0xd2);
            big(n, 4, out);
        } else {
            out.write(0xd3);
            big(n, 8, out);
        }
    }

    private static void table(LuaTable t, ByteArrayOutputStream out, int level) {
        List<Varargs> entries = LuaEnvironment.entries(t);
        if (isArray(entries)) {
            int n = entries.size();
            header(n, 0x90, 0xdc, 0xdd, out);
            for (int i = 1; i <= n; i++) {
                pack(t.rawget(i), out, level + 1);
            }
        } else {
            header(entries.size(), 0x80, 0xde, 0xdf, out);
            for (Varargs e : entries) {
                pack(e.arg1(), out, level + 1);
                pack(e.arg(2), out, level + 1);
            }
        }
    }

    /** table_is_an_array: every key a positive integer and the largest equal to the count. */
    private static boolean isArray(List<Varargs> entries) {
        double max = 0;
        for (Varargs e : entries) {
            LuaValue k = e.arg1();
            if (k.type() != LuaValue.TNUMBER || k.todouble() <= 0 || k.todouble() != Math.floor(k.todouble())) {
                return false;
            }
            max = Math.max(max, k.todouble());
        }
        return max == entries.size();
    }

    private static void header(int n, int fix, int code16, int code32, ByteArrayOutputStream out) {
        if (n < 16) {
            out.write(fix | n);
        } else if (n <= 0xffff) {
            out.write(code16);
            big(n, 2, out);
        } else {
            out.write(code32);
            big(n, 4, out);
        }
    }

    private static void big(long v, int bytes, ByteArrayOutputStream out) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    // ---- unpack ------------------------------------------------------------------------------------

    /** limit -1: unpack (everything, no offset returned); 1: unpack_one; 0: unpack_limit's argument. */
    private static VarArgFunction unpacker(int mode) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                LuaString s = args.checkstring(1);
                long limit;
                long offset;
                if (mode == -1) {
                    limit = Integer.MAX_VALUE;
                    offset = 0;
                } else if (mode == 1) {
                    limit = 1;
                    offset = args.isnoneornil(2) ? 0 : (long) args.checkdouble(2);
                } else {
                    limit = args.isnoneornil(2) ? 0 : (long) args.checkdouble(2);
                    offset = args.isnoneornil(3) ? 0 : (long) args.checkdouble(3);
                }
                if (offset < 0 || limit < 0) {
                    throw new LuaError("Invalid request to unpack with offset of " + offset + " and limit of " + limit + ".");
                }
                if (offset > s.m_length) {
                    throw new LuaError("Start offset " + offset + " greater than input length " + s.m_length + ".");
                }
                if (mode != -1 && limit == 0) {
                    limit = Integer.MAX_VALUE;
                }
                Reader r = new Reader(s, (int) offset);
                List<LuaValue> values = new ArrayList<>();
                while (r.left() > 0 && values.size() < limit) {
                    values.add(r.value());
                }
                if (mode != -1) {
                    values.add(0, LuaValue.valueOf(r.left() == 0 ? -1 : r.pos - s.m_offset));
                }
                return LuaValue.varargsOf(values.toArray(new LuaValue[0]));
            }
        };
    }

    /** mp_decode_to_lua_type over one string. */
    private static final class Reader {
        private final byte[] b;
        private final int end;
        int pos;

        Reader(LuaString s, int offset) {
            this.b = s.m_bytes;
            this.pos = s.m_offset + offset;
            this.end = s.m_offset + s.m_length;
        }

        int left() {
            return end - pos;
        }

        private void need(long n) {
            if (n > left()) {
                throw new LuaError("Missing bytes in input.");
            }
        }

        private long read(int bytes) {
            need(bytes);
            long v = 0;
            for (int i = 0; i < bytes; i++) {
                v = (v << 8) | (b[pos++] & 0xff);
            }
            return v;
        }

        LuaValue value() {
            int c = (int) read(1);
            if (c <= 0x7f) {
                return LuaValue.valueOf(c);
            }
            if (c >= 0xe0) {
                return LuaValue.valueOf((byte) c);
            }
            if ((c & 0xf0) == 0x80) {
                return map(c & 0x0f);
            }
            if ((c & 0xf0) == 0x90) {
                return array(c & 0x0f);
            }
            if ((c & 0xe0) == 0xa0) {
                return bytes(c & 0x1f);
            }
            return switch (c) {
                case 0xc0 -> LuaValue.NIL;
                case 0xc2 -> LuaValue.FALSE;
                case 0xc3 -> LuaValue.TRUE;
                case 0xc4, 0xd9 -> bytes(read(1));
                case 0xc5, 0xda -> bytes(read(2));
                case 0xc6, 0xdb -> bytes(read(4));
                case 0xca -> LuaValue.valueOf(Float.intBitsToFloat((int) read(4)));
                case 0xcb -> LuaValue.valueOf(Double.longBitsToDouble(read(8)));
                case 0xcc -> LuaValue.valueOf(read(1));
                case 0xcd -> LuaValue.valueOf(read(2));
                case 0xce -> LuaValue.valueOf(read(4));
                case 0xcf -> {
                    long v = read(8);
                    yield LuaValue.valueOf(v >= 0 ? (double) v : (double) (v >>> 1) * 2.0);
                }
                case 0xd0 -> LuaValue.valueOf((byte) read(1));
                case 0xd1 -> LuaValue.valueOf((short) read(2));
                case 0xd2 -> LuaValue.valueOf((int) read(4));
                case 0xd3 -> LuaValue.valueOf((double) read(8));
                case 0xdc -> array(read(2));
                case 0xdd -> array(read(4));
                case 0xde -> map(read(2));
                case 0xdf -> map(read(4));
                default -> throw new LuaError("Bad data format in input.");
            };
        }

        private LuaValue bytes(long n) {
            need(n);
            byte[] data = new byte[(int) n];
            System.arraycopy(b, pos, data, 0, (int) n);
            pos += (int) n;
            return LuaString.valueUsing(data);
        }

        private LuaValue array(long n) {
            LuaTable t = new LuaTable();
            for (long i = 1; i <= n; i++) {
                t.rawset((int) i, value());
            }
            return t;
        }

        private LuaValue map(long n) {
            LuaTable t = new LuaTable();
            for (long i = 0; i < n; i++) {
                LuaValue k = value();
                LuaValue v = value();
                if (!k.isnil()) {
                    t.rawset(k, v);
                }
            }
            return t;
        }
    }
}
