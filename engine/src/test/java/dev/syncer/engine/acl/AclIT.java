package dev.syncer.engine.acl;

import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.syncer.engine.testing.ReplicationWaits.await;
import static org.assertj.core.api.Assertions.assertThat;

/** ACL on a running shard, as a client sees it: AUTH, NOPERM with Redis's texts, ACL LOG, the aclfile. */
class AclIT {

    /** A reply with bulk strings as text, in lists too. */
    private static Object call(RespClient client, String... args) {
        return text(client.call(args));
    }

    private static Object text(Object reply) {
        if (reply instanceof byte[] b) {
            return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        }
        if (reply instanceof List<?> list) {
            return list.stream().map(AclIT::text).toList();
        }
        return reply;
    }

    private static RespClient.Error error(String message) {
        return new RespClient.Error(message);
    }

    @Test
    void usersAuthenticateAndAreRefusedWhatTheirRulesDoNotAllow() {
        try (TestShard shard = TestShard.start(); RespClient admin = shard.raw(); RespClient c = shard.raw()) {
            assertThat(call(admin, "ACL", "SETUSER", "alice", "on", ">pw", "~k*", "%R~r*", "&news.*", "+@string", "+publish",
                    "+subscribe", "+psubscribe", "+acl|whoami")).isEqualTo("OK");
            assertThat(call(c, "AUTH", "alice", "wrong")).isEqualTo(
                    error("WRONGPASS invalid username-password pair or user is disabled."));
            assertThat(call(c, "AUTH", "alice", "pw")).isEqualTo("OK");
            assertThat(call(c, "ACL", "WHOAMI")).isEqualTo("alice");

            assertThat(call(c, "SET", "k1", "v")).isEqualTo("OK");
            assertThat(call(c, "GET", "r1")).isNull();
            assertThat(call(c, "SET", "r1", "v")).isEqualTo(
                    error("NOPERM this user has no permissions to access one of the keys used as arguments"));
            assertThat(call(c, "GET", "other")).isEqualTo(
                    error("NOPERM this user has no permissions to access one of the keys used as arguments"));
            assertThat(call(c, "HSET", "k1h", "f", "v")).isEqualTo(
                    error("NOPERM this user has no permissions to run the 'hset' command"));
            assertThat(call(c, "PUBLISH", "news.today", "hi")).isEqualTo(0L);
            assertThat(call(c, "PUBLISH", "sports", "hi")).isEqualTo(
                    error("NOPERM this user has no permissions to access one of the channels used as arguments"));
            assertThat(call(c, "PSUBSCRIBE", "news.t*")).as("a pattern must be one of the user's, literally").isEqualTo(
                    error("NOPERM this user has no permissions to access one of the channels used as arguments"));
            assertThat(call(c, "PING")).isEqualTo(error("NOPERM this user has no permissions to run the 'ping' command"));

            List<?> log = (List<?>) call(admin, "ACL", "LOG");
            assertThat(log).hasSize(7);
            List<?> newest = (List<?>) log.get(0);
            assertThat(RespClient.texts(newest).subList(0, 1)).containsExactly("count");
            assertThat(newest.get(3)).isEqualTo("command");
            assertThat(newest.get(5)).isEqualTo("toplevel");
            assertThat(newest.get(7)).isEqualTo("ping");
            assertThat(newest.get(9)).isEqualTo("alice");
            List<?> auth = (List<?>) log.get(6);
            assertThat(List.of(auth.get(3), auth.get(7), auth.get(9))).containsExactly("auth", "AUTH", "alice");
            assertThat(call(admin, "ACL", "LOG", "RESET")).isEqualTo("OK");
            assertThat((List<?>) call(admin, "ACL", "LOG")).isEmpty();
        }
    }

    @Test
    void aDeniedCommandInsideMultiAbortsTheTransactionAndIsLoggedAsMulti() {
        try (TestShard shard = TestShard.start(); RespClient admin = shard.raw(); RespClient c = shard.raw()) {
            call(admin, "ACL", "SETUSER", "bob", "on", "nopass", "~*", "+multi", "+exec", "+get");
            assertThat(call(c, "AUTH", "bob", "x")).isEqualTo("OK");
            assertThat(call(c, "MULTI")).isEqualTo("OK");
            assertThat(call(c, "SET", "a", "1")).isEqualTo(error("NOPERM this user has no permissions to run the 'set' command"));
            assertThat(call(c, "EXEC")).isEqualTo(error("EXECABORT Transaction discarded because of previous errors."));
            List<?> entry = (List<?>) ((List<?>) call(admin, "ACL", "LOG")).get(0);
            assertThat(entry.get(5)).isEqualTo("multi");
        }
    }

    @Test
    void requirepassIsTheDefaultUsersPasswordAndNewConnectionsMustAuthenticate() {
        try (TestShard shard = TestShard.start(); RespClient admin = shard.raw()) {
            assertThat(call(admin, "AUTH", "x")).isEqualTo(error("ERR AUTH <password> called without any password configured "
                    + "for the default user. Are you sure your configuration is correct?"));
            assertThat(call(admin, "CONFIG", "SET", "requirepass", "s3cret")).isEqualTo("OK");
            assertThat(RespClient.texts(call(admin, "ACL", "LIST")).get(0))
                    .isEqualTo("user default on #" + AclUser.hash("s3cret".getBytes()) + " ~* &* +@all");
            try (RespClient c = shard.raw()) {
                assertThat(call(c, "GET", "k")).isEqualTo(error("NOAUTH Authentication required."));
                assertThat(call(c, "AUTH", "s3cret")).isEqualTo("OK");
                assertThat(call(c, "ACL", "WHOAMI")).isEqualTo("default");
            }
            call(admin, "CONFIG", "SET", "requirepass", "");
            try (RespClient c = shard.raw()) {
                assertThat(call(c, "GET", "k")).isNull();
            }
        }
    }

    @Test
    void deletingAUserDisconnectsItsClientsAndTheDefaultUserStays() {
        try (TestShard shard = TestShard.start(); RespClient admin = shard.raw(); RespClient c = shard.raw()) {
            call(admin, "ACL", "SETUSER", "carol", "on", ">pw", "+@all", "~*");
            assertThat(call(c, "AUTH", "carol", "pw")).isEqualTo("OK");
            assertThat(call(admin, "ACL", "DELUSER", "carol", "nobody")).isEqualTo(1L);
            await("carol's connection closed").until(c::isClosedByServer);
            assertThat(call(admin, "ACL", "DELUSER", "default")).isEqualTo(error("ERR The 'default' user cannot be removed"));
            assertThat(RespClient.texts(call(admin, "ACL", "USERS"))).containsExactly("default");
            assertThat(call(admin, "ACL", "GETUSER", "carol")).isNull();
        }
    }

    @Test
    void dryrunCatGenpassAndGetuserAnswerAsRedis() {
        try (TestShard shard = TestShard.start(); RespClient admin = shard.raw()) {
            call(admin, "ACL", "SETUSER", "dave", "on", ">p1", "~k*", "&ch*", "-@all", "+@hash", "+set", "-hset", "+config|get");
            assertThat(call(admin, "ACL", "DRYRUN", "dave", "hset", "k", "f", "v"))
                    .isEqualTo("This user has no permissions to run the 'hset' command");
            assertThat(call(admin, "ACL", "DRYRUN", "dave", "set", "other", "v")).isEqualTo("This user has no permissions to access the 'other' key");
            assertThat(call(admin, "ACL", "DRYRUN", "dave", "set", "k1", "v")).isEqualTo("OK");
            assertThat(call(admin, "ACL", "DRYRUN", "nobody", "get", "a")).isEqualTo(error("ERR User 'nobody' not found"));
            assertThat(call(admin, "ACL", "DRYRUN", "dave", "nosuch")).isEqualTo(error("ERR Command 'nosuch' not found"));
            List<String> user = RespClient.texts(call(admin, "ACL", "GETUSER", "dave"));
            assertThat(user.get(4)).isEqualTo("commands");
            assertThat(user.get(5)).isEqualTo("-@all +@hash +set -hset +config|get");
            assertThat(user.subList(6, 10)).containsExactly("keys", "~k*", "channels", "&ch*");
            assertThat(RespClient.texts(call(admin, "ACL", "CAT"))).hasSize(21).startsWith("keyspace", "read", "write");
            assertThat(RespClient.texts(call(admin, "ACL", "CAT", "hyperloglog"))).contains("pfadd", "pfmerge");
            assertThat(call(admin, "ACL", "CAT", "nosuch")).isEqualTo(error("ERR Unknown category 'nosuch'"));
            assertThat(RespClient.text(call(admin, "ACL", "GENPASS"))).hasSize(64);
            assertThat(RespClient.text(call(admin, "ACL", "GENPASS", "5"))).hasSize(2);
            assertThat(call(admin, "ACL", "SETUSER", "x", "+nosuch")).isEqualTo(
                    error("ERR Error in ACL SETUSER modifier '+nosuch': Unknown command or category name in ACL"));
            assertThat(call(admin, "ACL", "GETUSER", "x")).as("a refused SETUSER creates nothing").isNull();
        }
    }

    @Test
    void theAclfileIsSavedAndLoaded(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("users.acl");
        Files.writeString(file, "user default on nopass ~* &* +@all\nuser eve on >pw ~e* +get\n");
        try (TestShard shard = TestShard.start("aclfile", file.toString()); RespClient admin = shard.raw();
             RespClient c = shard.raw()) {
            assertThat(call(c, "AUTH", "eve", "pw")).isEqualTo("OK");
            assertThat(call(c, "GET", "e1")).isNull();
            call(admin, "ACL", "SETUSER", "frank", "on", ">f", "+@all", "~*");
            assertThat(call(admin, "ACL", "SAVE")).isEqualTo("OK");
            assertThat(Files.readAllLines(file)).hasSize(3).anyMatch(l -> l.startsWith("user frank on #"));
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            Files.writeString(file, "user default on nopass ~* &* +@all\nuser eve on >pw ~e* +get\nbogus\n");
            assertThat(call(admin, "ACL", "LOAD").toString()).contains(":3: should start with user keyword");
            assertThat(RespClient.texts(call(admin, "ACL", "USERS"))).as("a bad file changes nothing")
                    .containsExactly("default", "eve", "frank");
            Files.writeString(file, "user default on nopass ~* &* +@all\n");
            assertThat(call(admin, "ACL", "LOAD")).isEqualTo("OK");
            assertThat(RespClient.texts(call(admin, "ACL", "USERS"))).containsExactly("default");
            await("eve's connection closed").until(c::isClosedByServer);
        }
    }

    @Test
    void readonlyNamesTheClusterCommandAndGrantsNoScripts() {
        try (TestShard shard = TestShard.start(); RespClient admin = shard.raw()) {
            assertThat(call(admin, "ACL", "SETUSER", "scripter", "on", "nopass", "+readonly")).isEqualTo("OK");
            for (String script : new String[] {"EVAL_RO", "EVALSHA_RO", "FCALL_RO"}) {
                assertThat(call(admin, "ACL", "DRYRUN", "scripter", script, "", "0")).isEqualTo(
                        "This user has no permissions to run the '" + script.toLowerCase(java.util.Locale.ROOT) + "' command");
            }
            assertThat(call(admin, "ACL", "DRYRUN", "scripter", "READONLY")).isEqualTo("OK");
            assertThat(call(admin, "READONLY")).isEqualTo(error("ERR This instance has cluster support disabled"));
            assertThat(call(admin, "READWRITE")).isEqualTo(error("ERR This instance has cluster support disabled"));
        }
    }
}
