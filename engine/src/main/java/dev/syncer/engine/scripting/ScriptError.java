package dev.syncer.engine.scripting;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Turns what a failed script raised into Redis's error reply (script_lua.c's luaCallFunction):
 * an {err=...} table keeps its text, anything else becomes "ERR " + the message with its
 * position; both end with " script: NAME, on @SOURCE:LINE." when the position is known.
 */
final class ScriptError {

    // LuaJ records "source:line" of the Lua function an error left in a protected field only.
    private static final VarHandle FILELINE;

    static {
        try {
            FILELINE = MethodHandles.privateLookupIn(LuaError.class, MethodHandles.lookup())
                    .findVarHandle(LuaError.class, "fileline", String.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ScriptError() {
    }

    /** "source:line" where LuaJ saw the error leave Lua code, or null. */
    static String fileline(LuaError e) {
        return (String) FILELINE.get(e);
    }

    /**
     * LuaJ's texts in Lua 5.1's words: "source:line: message" (LuaJ: "source:line message" and a
     * traceback line), "attempt to call a nil value", "attempt to index a nil value".
     */
    static String lua51(String luaj) {
        String m = luaj.stripTrailing();
        m = m.replaceFirst("^([^\\s:]+:\\d+) ", "$1: ");
        return m.replace("attempt to call nil", "attempt to call a nil value")
                .replace("index expected, got nil", "attempt to index a nil value");
    }

    static String replyText(LuaError e, String scriptName, String lastPosition) {
        LuaValue raised = e.getMessageObject();
        String message;
        if (raised != null && raised.istable() && ((LuaTable) raised).rawget(LuaReplies.ERR).isstring()) {
            message = ((LuaTable) raised).rawget(LuaReplies.ERR).tojstring();
        } else {
            message = "ERR " + e.getMessage().stripTrailing()
                    .replace("attempt to call nil", "attempt to call a nil value")
                    .replace("index expected, got nil", "attempt to index a nil value");
        }
        String where = (String) FILELINE.get(e);
        if (where == null) {
            where = lastPosition; // raised while a tail call ran, after its caller's frame was left
        }
        if (where != null && !message.startsWith("ERR " + where + " ")) {
            // no position in the text (a table raised), Lua's "source:line: " form otherwise
        } else if (where != null) {
            message = "ERR " + where + ":" + message.substring(4 + where.length());
        }
        boolean known = where != null && !where.startsWith("?") && !where.endsWith(":?");
        return known ? message + " script: " + scriptName + ", on @" + where + "." : message;
    }
}
