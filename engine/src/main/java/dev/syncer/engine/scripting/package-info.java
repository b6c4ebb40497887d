/**
 * Scripts and functions: EVAL/EVALSHA/SCRIPT and FUNCTION/FCALL on a Lua environment with Redis's
 * semantics. The dispatcher asks this package to run a script; a script's {@code redis.call} goes
 * back through the same dispatcher as a client's command, so its effects are propagated (wrapped
 * in MULTI/EXEC when several) and the script itself never is.
 *
 * <p>The Lua engine is LuaJ 3.0.1 (pure Java, from Maven Central): Java 21, the release level, has
 * the foreign-function API only as a preview, so binding the system's Lua 5.1 is not an option for
 * a shipped build. LuaJ implements Lua 5.2; the 5.1 names Redis scripts use ({@code unpack},
 * {@code loadstring}) are provided on top. Measured with
 * {@code redis-benchmark -n 200000 -c 50 EVAL "return redis.call('incr',KEYS[1])" 1 k}: see README.
 */
package dev.syncer.engine.scripting;
