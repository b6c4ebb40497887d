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
 * Roberto Ierusalimschy's {@code struct} library as Redis bundles it: pack(fmt, ...),
 * unpack(fmt, s [, pos]) and size(fmt). Options: {@code < > = !n} (endianness, alignment),
 * {@code x} padding, {@code b B h H l L T i I[n]} integers (l, L, T are 8 bytes as on x86-64,
 * native order little-endian), {@code f d} floats, {@code s} zero-terminated and {@code c[n]}
 * fixed strings.
 */
final class StructLib {

    private static final int MAX_INT_SIZE = 32;

    private StructLib() {
    }

    static LuaTable table() {
        LuaTable t = new LuaTable();
        t.rawset("pack", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaString.valueUsing(pack(args.checkstring(1).tojstring(), args));
            }
        });
        t.rawset("unpack", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return unpack(args.checkstring(1).tojstring(), args.checkstring(2),
                        args.isnoneornil(3) ? 1 : args.checkint(3));
            }
        });
        t.rawset("size", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaValue.valueOf(size(args.checkstring(1).tojstring()));
            }
        });
        return t;
    }

    /** The parsing state: position in the format, byte order and alignment. */
    private static final class Format {
        final String fmt;
        int at;
        boolean little = true;
        int align = 1;

        Format(String fmt) {
            this.fmt = fmt;
        }

        boolean more() {
            return at < fmt.length();
        }

        int number(int otherwise) {
            if (!more() || !Character.isDigit(fmt.charAt(at))) {
                return otherwise;
            }
            int n = 0;
            while (more() && Character.isDigit(fmt.charAt(at))) {
                n = n * 10 + (fmt.charAt(at++) - '0');
            }
            return n;
        }

        /** optsize: the size of option c (after reading its number), 0 for the control ones. */
        int size(char c) {
            return switch (c) {
                case 'B', 'b' -> 1;
                case 'H', 'h' -> 2;
                case 'L', 'l', 'T' -> 8;
                case 'f' -> 4;
                case 'd' -> 8;
                case 'x' -> 1;
                case 'c' -> number(1);
                case 'i', 'I' -> {
                    int n = number(4);
                    if (n > MAX_INT_SIZE) {
                        throw new LuaError("integral size " + n + " is larger than limit of " + MAX_INT_SIZE);
                    }
                    yield n;
                }
                default -> 0;
            };
        }

        /** gettoalign: padding before an item of this size at this offset. */
        int padding(int offset, char c, int size) {
            if (size == 0 || c == 'c') {
                return 0;
            }
            int a = Math.min(size, align);
            if ((a & (a - 1)) != 0) {
                throw new LuaError("alignment must be power of 2");
            }
            return (a - (offset & (a - 1))) & (a - 1);
        }

        /** The next data option, the control options before it applied; 0 at the end. */
        char next() {
            while (more()) {
                char c = fmt.charAt(at++);
                if (!control(c)) {
                    return c;
                }
            }
            return 0;
        }

        /** controloptions: false for a data option (it is then handled by the caller). */
        boolean control(char c) {
            switch (c) {
                case ' ' -> {
                }
                case '>' -> little = false;
                case '<', '=' -> little = true;
                case '!' -> align = number(8);
                default -> {
                    return false;
                }
            }
            return true;
        }
    }

    static byte[] pack(String fmt, Varargs args) {
        Format f = new Format(fmt);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int arg = 2;
        for (char c = f.next(); c != 0; c = f.next()) {
            int size = f.size(c);
            for (int p = f.padding(out.size(), c, size); p > 0; p--) {
                out.write(0);
            }
            switch (c) {
                case 'x' -> out.write(0);
                case 'b', 'B', 'h', 'H', 'l', 'L', 'T', 'i', 'I' -> {
                    long v = (long) args.checkdouble(arg++);
                    integer(v, size, f.little, out);
                }
                case 'f' -> integer(Float.floatToIntBits((float) args.checkdouble(arg++)) & 0xffffffffL, 4, f.little, out);
                case 'd' -> integer(Double.doubleToLongBits(args.checkdouble(arg++)), 8, f.little, out);
                case 'c', 's' -> {
                    LuaString s = args.checkstring(arg++);
                    int len = s.m_length;
                    if (c == 'c' && size == 0) {
                        size = len;
                    }
                    if (c == 'c' && len < size) {
                        throw new LuaError("bad argument #" + (arg - 1) + " to 'pack' (string too short)");
                    }
                    out.write(s.m_bytes, s.m_offset, c == 'c' ? size : len);
                    if (c == 's') {
                        out.write(0);
                    }
                }
                default -> throw new LuaError("invalid format option '" + c + "'");
            }
        }
        return out.toByteArray();
    }

    private static void integer(long v, int size, boolean little, ByteArrayOutputStream out) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[little ? i : size - 1 - i] = i < 8 ? (byte) (v >>> (8 * i)) : (byte) (v < 0 ? 0xff : 0);
        }
        out.writeBytes(b);
    }

    static Varargs unpack(String fmt, LuaString data, int start) {
        Format f = new Format(fmt);
        List<LuaValue> out = new ArrayList<>();
        int pos = start - 1;
        if (pos < 0 || pos > data.m_length) {
            throw new LuaError("bad argument #3 to 'unpack' (offset must be 1 or greater)");
        }
        for (char c = f.next(); c != 0; c = f.next()) {
            int size = f.size(c);
            pos += f.padding(pos, c, size);
            if (c != 's' && pos + size > data.m_length) {
                throw new LuaError("bad argument #2 to 'unpack' (data string too short)");
            }
            switch (c) {
                case 'x' -> pos += 1;
                case 'b', 'B', 'h', 'H', 'l', 'L', 'T', 'i', 'I' -> {
                    boolean signed = Character.isLowerCase(c);
                    long v = 0;
                    for (int i = 0; i < Math.min(size, 8); i++) {
                        int idx = f.little ? size - 1 - i : i;
                        v = (v << 8) | (data.m_bytes[data.m_offset + pos + idx] & 0xff);
                    }
                    if (signed && size < 8) {
                        long mask = 1L << (size * 8 - 1);
                        v = (v ^ mask) - mask;
                    }
                    out.add(LuaValue.valueOf(signed || v >= 0 ? (double) v : (double) (v >>> 1) * 2.0));
                    pos += size;
                }
                case 'f' -> {
                    out.add(LuaValue.valueOf(Float.intBitsToFloat((int) read(data, pos, 4, f.little))));
                    pos += 4;
                }
                case 'd' -> {
                    out.add(LuaValue.valueOf(Double.longBitsToDouble(read(data, pos, 8, f.little))));
                    pos += 8;
                }
                case 'c' -> {
                    if (size == 0) {
                        if (out.isEmpty() || !out.get(out.size() - 1).isnumber()) {
                            throw new LuaError("format 'c0' needs a previous size");
                        }
                        size = out.remove(out.size() - 1).toint();
                        if (pos + size > data.m_length) {
                            throw new LuaError("bad argument #2 to 'unpack' (data string too short)");
                        }
                    }
                    out.add(data.substring(pos, pos + size));
                    pos += size;
                }
                case 's' -> {
                    int end = pos;
                    while (end < data.m_length && data.m_bytes[data.m_offset + end] != 0) {
                        end++;
                    }
                    if (end >= data.m_length) {
                        throw new LuaError("unfinished string in data");
                    }
                    out.add(data.substring(pos, end));
                    pos = end + 1;
                }
                default -> throw new LuaError("invalid format option '" + c + "'");
            }
        }
        out.add(LuaValue.valueOf(pos + 1));
        return LuaValue.varargsOf(out.toArray(new LuaValue[0]));
    }

    private static long read(LuaString data, int pos, int size, boolean little) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            int idx = little ? size - 1 - i : i;
            v = (v << 8) | (data.m_bytes[data.m_offset + pos + idx] & 0xff);
        }
        return v;
    }

    static int size(String fmt) {
        Format f = new Format(fmt);
        int pos = 0;
        for (char c = f.next(); c != 0; c = f.next()) {
            int size = f.size(c);
            pos += f.padding(pos, c, size);
            if (c == 's') {
                throw new LuaError("options 's' has no fixed size");
            } else if (c == 'c' && size == 0) {
                throw new LuaError("options 'c0' has no fixed size");
            }
            if (size == 0 && c != 'c') {
                throw new LuaError("invalid format option '" + c + "'");
            }
            pos += size;
        }
        return pos;
    }
}
