package dev.syncer.engine.acl;

import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.command.CommandTable;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** ACLCheckAllUserCommandPerm over selectors: one selector must allow it all, and which denial is reported. */
class AclCheckTest {

    private static final CommandTable TABLE = CommandTable.standard();
    private static final AclCategories CATEGORIES = new AclCategories(TABLE);

    private static AclUser user(String... rules) {
        AclUser u = new AclUser("u", CATEGORIES);
        for (String r : Acl.mergeSelectorArguments(java.util.List.of(rules))) {
            u.apply(r);
        }
        return u;
    }

    private static AclCheck.Denial check(AclUser u, String... args) {
        byte[][] argv = argv(args);
        CommandSpec spec = TABLE.lookup(args[0]);
        return AclCheck.check(u, CATEGORIES.leafOf(spec, argv), spec, argv);
    }

    private static byte[][] argv(String... args) {
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            argv[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return argv;
    }

    @Test
    void eachSelectorIsCheckedAloneNeverCombined() {
        AclUser u = user("(%R~read* +@all)", "(%W~write* +@all)");
        assertThat(check(u, "get", "readstr")).isNull();
        assertThat(check(u, "lpush", "writelist", "1")).isNull();
        assertThat(check(u, "set", "readstr", "v")).isEqualTo(new AclCheck.Denial("key", "readstr", 1));
        assertThat(check(u, "copy", "read", "write")).as("read from one, write with the other").isNotNull();
        AclUser both = user("%R~read*", "%W~write*", "+@all");
        assertThat(check(both, "copy", "read", "write")).isNull();
        assertThat(check(both, "copy", "write", "read")).isEqualTo(new AclCheck.Denial("key", "write", 1));
    }

    @Test
    void theReportedDenialIsAChannelBeforeAKeyBeforeTheCommandThenTheFurthestArgument() {
        AclUser u = user("+mget", "~key", "(+mget ~key ~otherkey)");
        assertThat(check(u, "get", "key")).isEqualTo(new AclCheck.Denial("command", "get", 0));
        assertThat(check(u, "mget", "otherkey", "someotherkey")).isEqualTo(new AclCheck.Denial("key", "someotherkey", 2));
        assertThat(check(u, "mget", "key", "otherkey", "someotherkey")).isEqualTo(new AclCheck.Denial("key", "someotherkey", 3));
        AclUser channels = user("+@all", "resetchannels", "&channel", "(+get ~*)");
        assertThat(check(channels, "spublish", "otherchannel", "m")).isEqualTo(new AclCheck.Denial("channel", "otherchannel", 1));
        assertThat(check(channels, "ssubscribe", "channel", "other")).isEqualTo(new AclCheck.Denial("channel", "other", 2));
        assertThat(check(channels, "sunsubscribe", "other")).as("unsubscribing is never refused").isNull();
        assertThat(check(channels, "psubscribe", "chan*")).as("a pattern must be named literally").isNotNull();
    }

    @Test
    void sortPatternsNeedASelectorThatRunsSortAndReadsEveryKey() {
        byte[][] argv = argv("sort", "mylist", "BY", "v*");
        CommandSpec sort = TABLE.lookup("sort");
        assertThat(AclCheck.unrestrictedReads(user("(+sort ~mylist ~v*)"), "sort", sort, argv)).isFalse();
        assertThat(AclCheck.unrestrictedReads(user("(+sort ~mylist %W~*)"), "sort", sort, argv)).isFalse();
        assertThat(AclCheck.unrestrictedReads(user("(+sort ~mylist %R~*)"), "sort", sort, argv)).isTrue();
        assertThat(AclCheck.unrestrictedReads(user("(+get %R~*)", "(+sort ~mylist)"), "sort", sort, argv)).isFalse();
    }
}
