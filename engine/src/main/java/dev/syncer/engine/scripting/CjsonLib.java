package dev.syncer.engine.scripting;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Lua CJSON 2.1 as Redis bundles it ({@code cjson}): encode / decode with its settings and error
 * texts. Tables whose keys are all positive integers are arrays (holes become null) unless
 * excessively sparse; other tables are objects with string or number keys; {@code cjson.null}
 * stands for JSON null. One instance per Lua state: the settings are per state, as in Redis.
 */
final class CjsonLib {

    private final LuaValue nullValue = new LuaUserdata(new Object());
    private int encodeMaxDepth = 1000;
    private int decodeMaxDepth = 1000;
    private boolean encodeInvalidNumbers;
    private boolean decodeInvalidNumbers = true;
    private boolean sparseConvert;
    private int sparseRatio = 2;
    private int sparseSafe = 10;
    private int precision = 14;

    LuaTable table() {
        LuaTable t = new LuaTable();
        t.rawset("encode", function(args -> LuaValue.valueOf(encode(args.arg1()))));
        t.rawset("decode", function(args -> decode(args.checkstring(1))));
        t.rawset("null", nullValue);
        t.rawset("_NAME", "cjson");
        t.rawset("_VERSION", "2.1.0");
        t.rawset("encode_max_depth", function(args -> {
            encodeMaxDepth = depthSetting(args, encodeMaxDepth);
            return LuaValue.valueOf(encodeMaxDepth);
        }));
        t.rawset("decode_max_depth", function(args -> {
            decodeMaxDepth = depthSetting(args, decodeMaxDepth);
            return LuaValue.valueOf(decodeMaxDepth);
        }));
        t.rawset("encode_invalid_numbers", function(args -> {
            encodeInvalidNumbers = args.isnoneornil(1) ? encodeInvalidNumbers : args.arg1().toboolean();
            return LuaValue.valueOf(encodeInvalidNumbers);
        }));
        t.rawset("decode_invalid_numbers", function(args -> {
            decodeInvalidNumbers = args.isnoneornil(1) ? decodeInvalidNumbers : args.arg1().toboolean();
            return LuaValue.valueOf(decodeInvalidNumbers);
        }));
        t.rawset("encode_keep_buffer", function(args -> LuaValue.valueOf(args.isnoneornil(1) || args.arg1().toboolean())));
        t.rawset("encode_number_precision", function(args -> {
            if (!args.isnoneornil(1)) {
                int p = args.checkint(1);
                if (p < 1 || p > 14) {
                    throw new LuaError("bad argument #1 to '?' (expected integer between 1 and 14)");
                }
                precision = p;
            }
            return LuaValue.valueOf(precision);
        }));
        t.rawset("encode_sparse_array", function(args -> {
            sparseConvert = args.isnoneornil(1) ? sparseConvert : args.arg1().toboolean();
            sparseRatio = args.isnoneornil(2) ? sparseRatio : args.checkint(2);
            sparseSafe = args.isnoneornil(3) ? sparseSafe : args.checkint(3);
            return LuaValue.varargsOf(new LuaValue[] {LuaValue.valueOf(sparseConvert), LuaValue.valueOf(sparseRatio),
                    LuaValue.valueOf(sparseSafe)});
        }));
        return t;
    }

    private static int depthSetting(Varargs args, int current) {
        if (args.isnoneornil(1)) {
            return current;
        }
        int depth = args.checkint(1);
        if (depth < 1) {
            throw new LuaError("bad argument #1 to '?' (expected integer between 1 and 2147483647)");
        }
        return depth;
    }

    private static VarArgFunction function(java.util.function.Function<Varargs, Varargs> body) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return body.apply(args);
            }
        };
    }

    // ---- encode ------------------------------------------------------------------------------------

    byte[] encode(LuaValue v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encode(v, out, 0);
        return out.toByteArray();
    }

    private void encode(LuaValue v, ByteArrayOutputStream out, int depth) {
        switch (v.type()) {
            case LuaValue.TSTRING -> string(v.checkstring(), out);
            case LuaValue.TNUMBER -> number(v.todouble(), out);
            case LuaValue.TBOOLEAN -> ascii(v.toboolean() ? "true" : "false", out);
            case LuaValue.TNIL -> ascii("null", out);
            case LuaValue.TTABLE -> table((LuaTable) v, out, depth + 1);
            default -> {
                if (v == nullValue) {
                    ascii("null", out);
                } else {
                    throw new LuaError("Cannot serialise " + v.typename() + ": type not supported");
                }
            }
        }
    }

    private void table(LuaTable t, ByteArrayOutputStream out, int depth) {
        if (depth > encodeMaxDepth) {
            throw new LuaError("Cannot serialise, excessive nesting (" + depth + ")");
        }
        List<Varargs> entries = LuaEnvironment.entries(t);
        int length = arrayLength(entries);
        if (length > 0) { // an empty table is an object, as Lua CJSON writes it
            out.write('[');
            for (int i = 1; i <= length; i++) {
                if (i > 1) {
                    out.write(',');
                }
                encode(t.rawget(i), out, depth);
            }
            out.write(']');
            return;
        }
        out.write('{');
        boolean first = true;
        for (Varargs e : entries) {
            if (!first) {
                out.write(',');
            }
            first = false;
            LuaValue key = e.arg1();
            if (key.type() == LuaValue.TSTRING) {
                string(key.checkstring(), out);
            } else if (key.type() == LuaValue.TNUMBER) {
                out.write('"');
                number(key.todouble(), out);
                out.write('"');
            } else {
                throw new LuaError("Cannot serialise " + key.typename() + ": table key must be a number or string");
            }
            out.write(':');
            encode(e.arg(2), out, depth);
        }
        out.write('}');
    }

    /** lua_array_length: the largest key when every key is a positive integer, else -1 (an object). */
    private int arrayLength(List<Varargs> entries) {
        double max = 0;
        for (Varargs e : entries) {
            LuaValue k = e.arg1();
            if (k.type() != LuaValue.TNUMBER) {
                return -1;
            }
            double n = k.todouble();
            if (n < 1 || n != Math.floor(n)) {
                return -1;
            }
            max = Math.max(max, n);
        }
        if (sparseRatio > 0 && max > sparseSafe && max > (double) entries.size() * sparseRatio) {
            if (!sparseConvert) {
                throw new LuaError("Cannot serialise table: excessively sparse array");
            }
            return -1;
        }
        return (int) max;
    }

    private void number(double d, ByteArrayOutputStream out) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            if (!encodeInvalidNumbers) {
                throw new LuaError("Cannot serialise number: must not be NaN or Inf");
            }
            ascii(Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf", out);
            return;
        }
        ascii(RedisLib.formatG(d, precision), out);
    }

    private static void string(LuaString s, ByteArrayOutputStream out) {
        out.write('"');
        for (int i = 0; i < s.m_length; i++) {
            int c = s.m_bytes[s.m_offset + i] & 0xff;
            switch (c) {
                case '"' -> ascii("\\\"", out);
                case '\\' -> ascii("\\\\", out);
                case '/' -> ascii("\\/", out);
                case '\b' -> ascii("\\b", out);
                case '\f' -> ascii("\\f", out);
                case '\n' -> ascii("\\n", out);
                case '\r' -> ascii("\\r", out);
                case '\t' -> ascii("\\t", out);
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        ascii(String.format("\\u%04x", c), out);
                    } else {
                        out.write(c);
                    }
                }
            }
        }
        out.write('"');
    }

    private static void ascii(String s, ByteArrayOutputStream out) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    // ---- decode ------------------------------------------------------------------------------------

    private LuaValue decode(LuaString text) {
        byte[] in = new byte[text.m_length];
        System.arraycopy(text.m_bytes, text.m_offset, in, 0, in.length);
        int[] pos = {0};
        LuaValue v = value(in, pos, 0);
        skipSpace(in, pos);
        if (pos[0] < in.length) {
            throw new LuaError("Expected the end but found " + tokenName(in, pos[0]) + " at character " + (pos[0] + 1));
        }
        return v;
    }

    private LuaValue value(byte[] in, int[] pos, int depth) {
        skipSpace(in, pos);
        if (pos[0] >= in.length) {
            throw new LuaError("Expected value but found T_END at character " + (pos[0] + 1));
        }
        int c = in[pos[0]];
        switch (c) {
            case '{' -> {
                checkDepth(depth + 1, pos);
                pos[0]++;
                LuaTable t = new LuaTable();
                skipSpace(in, pos);
                if (pos[0] < in.length && in[pos[0]] == '}') {
                    pos[0]++;
                    return t;
                }
                while (true) {
                    skipSpace(in, pos);
                    if (pos[0] >= in.length || in[pos[0]] != '"') {
                        throw new LuaError("Expected object key string but found " + tokenName(in, pos[0])
                                + " at character " + (pos[0] + 1));
                    }
                    LuaValue key = stringToken(in, pos);
                    expect(in, pos, ':', "colon");
                    t.rawset(key, value(in, pos, depth + 1));
                    skipSpace(in, pos);
                    if (pos[0] < in.length && in[pos[0]] == ',') {
                        pos[0]++;
                        continue;
                    }
                    expect(in, pos, '}', "comma or object end");
                    return t;
                }
            }
            case '[' -> {
                checkDepth(depth + 1, pos);
                pos[0]++;
                LuaTable t = new LuaTable();
                skipSpace(in, pos);
                if (pos[0] < in.length && in[pos[0]] == ']') {
                    pos[0]++;
                    return t;
                }
                for (int i = 1; ; i++) {
                    t.rawset(i, value(in, pos, depth + 1));
                    skipSpace(in, pos);
                    if (pos[0] < in.length && in[pos[0]] == ',') {
                        pos[0]++;
                        continue;
                    }
                    expect(in, pos, ']', "comma or array end");
                    return t;
                }
            }
            case '"' -> {
                return stringToken(in, pos);
            }
            default -> {
                if (matches(in, pos[0], "true")) {
                    pos[0] += 4;
                    return LuaValue.TRUE;
                }
                if (matches(in, pos[0], "false")) {
                    pos[0] += 5;
                    return LuaValue.FALSE;
                }
                if (matches(in, pos[0], "null")) {
                    pos[0] += 4;
                    return nullValue;
                }
                return numberToken(in, pos);
            }
        }
    }

    private void checkDepth(int depth, int[] pos) {
        if (depth > decodeMaxDepth) {
            throw new LuaError("Found too many nested data structures (" + depth + ") at character " + (pos[0] + 1));
        }
    }

    private static void expect(byte[] in, int[] pos, char c, String what) {
        skipSpace(in, pos);
        if (pos[0] >= in.length || in[pos[0]] != c) {
            throw new LuaError("Expected " + what + " but found " + tokenName(in, pos[0]) + " at character " + (pos[0] + 1));
        }
        pos[0]++;
    }

    private static boolean matches(byte[] in, int at, String word) {
        if (at + word.length() > in.length) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (in[at + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private LuaValue numberToken(byte[] in, int[] pos) {
        int start = pos[0];
        int end = start;
        while (end < in.length && "+-0123456789.eExXabcdefABCDEFinfINFnaNA".indexOf(in[end]) >= 0) {
            end++;
        }
        String text = new String(in, start, end - start, StandardCharsets.US_ASCII);
        try {
            if (text.isEmpty()) {
                throw new NumberFormatException();
            }
            String lower = text.toLowerCase(java.util.Locale.ROOT);
            double d;
            if (lower.contains("inf") || lower.contains("nan")) {
                if (!decodeInvalidNumbers) {
                    throw new NumberFormatException();
                }
                d = lower.contains("nan") ? Double.NaN : lower.startsWith("-") ? Double.NEGATIVE_INFINITY
                        : Double.POSITIVE_INFINITY;
            } else if (lower.startsWith("0x") || lower.startsWith("-0x")) {
                boolean negative = lower.startsWith("-");
                d = Long.parseLong(lower.substring(negative ? 3 : 2), 16) * (negative ? -1.0 : 1.0);
            } else {
                d = Double.parseDouble(text);
            }
            pos[0] = end;
            return LuaValue.valueOf(d);
        } catch (NumberFormatException e) {
            throw new LuaError("Expected value but found invalid token at character " + (start + 1));
        }
    }

    private static LuaValue stringToken(byte[] in, int[] pos) {
        int start = pos[0];
        pos[0]++;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            if (pos[0] >= in.length) {
                throw new LuaError("Expected value but found invalid token at character " + (start + 1));
            }
            int c = in[pos[0]] & 0xff;
            if (c == '"') {
                pos[0]++;
                return LuaString.valueUsing(out.toByteArray());
            }
            if (c != '\\') {
                out.write(c);
                pos[0]++;
                continue;
            }
            if (pos[0] + 1 >= in.length) {
                throw new LuaError("Expected value but found invalid token at character " + (start + 1));
            }
            int e = in[pos[0] + 1];
            pos[0] += 2;
            switch (e) {
                case '"', '\\', '/' -> out.write(e);
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'u' -> {
                    int cp = hex4(in, pos[0], start);
                    pos[0] += 4;
                    if (cp >= 0xD800 && cp <= 0xDBFF && pos[0] + 6 <= in.length && in[pos[0]] == '\\'
                            && in[pos[0] + 1] == 'u') {
                        int low = hex4(in, pos[0] + 2, start);
                        if (low >= 0xDC00 && low <= 0xDFFF) {
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                            pos[0] += 6;
                        }
                    }
                    out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                }
                default -> throw new LuaError("Expected value but found invalid token at character " + (start + 1));
            }
        }
    }

    private static int hex4(byte[] in, int at, int start) {
        if (at + 4 > in.length) {
            throw new LuaError("Expected value but found invalid unicode escape code at character " + (start + 1));
        }
        try {
            return Integer.parseInt(new String(in, at, 4, StandardCharsets.US_ASCII), 16);
        } catch (NumberFormatException e) {
            throw new LuaError("Expected value but found invalid unicode escape code at character " + (start + 1));
        }
    }

    private static void skipSpace(byte[] in, int[] pos) {
        while (pos[0] < in.length && (in[pos[0]] == ' ' || in[pos[0]] == '\t' || in[pos[0]] == '\n' || in[pos[0]] == '\r')) {
            pos[0]++;
        }
    }

    private static String tokenName(byte[] in, int at) {
        if (at >= in.length) {
            return "T_END";
        }
        return switch (in[at]) {
            case '{' -> "T_OBJ_BEGIN";
            case '}' -> "T_OBJ_END";
            case '[' -> "T_ARR_BEGIN";
            case ']' -> "T_ARR_END";
            case ',' -> "T_COMMA";
            case ':' -> "T_COLON";
            case '"' -> "T_STRING";
            default -> "invalid token";
        };
    }
}
