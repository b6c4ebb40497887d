package dev.syncer.engine.scripting;

import org.luaj.vm2.LuaValue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One loaded library (functions.c's functionLibInfo): its name, its code as given to FUNCTION LOAD
 * (the "#!lua name=..." line included: that is what FUNCTION LIST WITHCODE, DUMP and the RDB
 * carry) and the functions its load registered, in registration order.
 */
record FunctionLibrary(String name, byte[] code, Map<String, Function> functions) {

    /** A registered function (functionInfo): the Lua callback plus what FUNCTION LIST shows. */
    record Function(String name, String description, Set<ScriptFlag> flags, LuaValue callback, String library) {
    }

    FunctionLibrary(String name, byte[] code) {
        this(name, code, new LinkedHashMap<>());
    }

    /** Redis's functionsVerifyName: letters, digits and underscores, at least one. */
    static boolean validName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
