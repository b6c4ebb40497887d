package dev.syncer.engine.scripting;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

import java.util.function.IntBinaryOperator;

/** LuaBitOp's {@code bit} library as Redis bundles it: 32-bit operations with signed results. */
final class BitLib {

    private BitLib() {
    }

    static LuaTable table() {
        LuaTable t = new LuaTable();
        t.rawset("tobit", unary(x -> x));
        t.rawset("bnot", unary(x -> ~x));
        t.rawset("bswap", unary(Integer::reverseBytes));
        t.rawset("band", fold((a, b) -> a & b));
        t.rawset("bor", fold((a, b) -> a | b));
        t.rawset("bxor", fold((a, b) -> a ^ b));
        t.rawset("lshift", shift((x, n) -> x << n));
        t.rawset("rshift", shift((x, n) -> x >>> n));
        t.rawset("arshift", shift((x, n) -> x >> n));
        t.rawset("rol", shift(Integer::rotateLeft));
        t.rawset("ror", shift(Integer::rotateRight));
        t.rawset("tohex", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                int x = toBit(args.arg1());
                int n = args.isnoneornil(2) ? 8 : toBit(args.arg(2));
                boolean upper = n < 0;
                n = n == Integer.MIN_VALUE ? 8 : Math.min(Math.abs(n), 8); // -2^31 has no absolute value
                String hex = String.format("%08x", x);
                hex = hex.substring(8 - n);
                return LuaValue.valueOf(upper ? hex.toUpperCase(java.util.Locale.ROOT) : hex);
            }
        });
        return t;
    }

    /** LuaBitOp's normalisation: the number modulo 2^32, as a signed 32-bit integer. */
    static int toBit(LuaValue v) {
        return (int) (long) v.checkdouble();
    }

    private static VarArgFunction unary(java.util.function.IntUnaryOperator op) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaValue.valueOf(op.applyAsInt(toBit(args.arg1())));
            }
        };
    }

    private static VarArgFunction fold(IntBinaryOperator op) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                int acc = toBit(args.arg1());
                for (int i = 2; i <= args.narg(); i++) {
                    acc = op.applyAsInt(acc, toBit(args.arg(i)));
                }
                return LuaValue.valueOf(acc);
            }
        };
    }

    private static VarArgFunction shift(IntBinaryOperator op) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaValue.valueOf(op.applyAsInt(toBit(args.arg1()), toBit(args.arg(2)) & 31));
            }
        };
    }
}
