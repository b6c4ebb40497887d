package dev.syncer.engine.scripting;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A script runs with its caller's ACL permissions, as Redis's scriptVerifyACL: a user allowed EVAL
 * but not SET cannot SET from a script either, redis.acl_check_cmd answers for that user, and the
 * denial is in ACL LOG with context "lua" — the same replies as redis-server's.
 */
class ScriptAclIT {

    @Test
    void aScriptCannotDoWhatItsCallerMayNot() {
        List<String> theirs;
        try (RealRedis redis = RealRedis.start(); RespClient admin = redis.raw()) {
            theirs = conversation(admin, redis.port());
        }
        List<String> ours;
        try (TestShard shard = TestShard.start(); RespClient admin = shard.raw()) {
            ours = conversation(admin, shard.port());
        }
        assertThat(ours).containsExactlyElementsOf(theirs);
        assertThat(ours.get(0)).startsWith("Error[message=ERR The user executing the script can't run this command or subcommand");
    }

    private static List<String> conversation(RespClient admin, int port) {
        admin.call("ACL", "SETUSER", "runner", "on", ">pw", "~*", "+@all", "-set");
        List<String> out = new ArrayList<>();
        try (RespClient c = RespClient.connect(port)) {
            c.call("AUTH", "runner", "pw");
            String denied = RespClient.text(c.call("EVAL", "return redis.call('set', KEYS[1], 'v')", "1", "k"));
            out.add(denied.substring(0, denied.indexOf(" script:"))); // then the script's sha and line
            out.add(String.valueOf(c.call("EVAL", "return redis.acl_check_cmd('set', 'k', 'v')", "0")));
            out.add(String.valueOf(c.call("EVAL", "return redis.acl_check_cmd('get', 'k')", "0")));
            out.add(String.valueOf(c.call("EVAL", "return redis.call('incr', KEYS[1])", "1", "n")));
            out.add(String.valueOf(c.call("EXISTS", "k")));
        }
        List<?> entry = (List<?>) ((List<?>) admin.call("ACL", "LOG", "1")).get(0);
        for (int i = 0; i + 1 < entry.size(); i += 2) {
            String field = RespClient.text(entry.get(i));
            if (field.equals("reason") || field.equals("context") || field.equals("object") || field.equals("username")) {
                out.add(field + "=" + RespClient.text(entry.get(i + 1)));
            }
        }
        return out;
    }
}
