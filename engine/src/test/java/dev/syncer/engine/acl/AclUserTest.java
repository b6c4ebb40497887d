package dev.syncer.engine.acl;

import dev.syncer.engine.command.CommandTable;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ACL SETUSER's rules on one user, and how ACL LIST / GETUSER describe the result. */
class AclUserTest {

    private static final AclCategories CATEGORIES = new AclCategories(CommandTable.standard());

    private static AclUser user(String... rules) {
        AclUser u = new AclUser("alice", CATEGORIES);
        for (String r : rules) {
            u.apply(r);
        }
        return u;
    }

    @Test
    void aNewUserIsOffAndMayDoNothing() {
        AclUser u = user();
        assertThat(u.describe()).isEqualTo("user alice off resetchannels -@all");
        assertThat(u.canRun("get")).isFalse();
        assertThat(u.unrestricted).isFalse();
    }

    @Test
    void passwordsAreKeptAsSha256AndCheckedAgainstEveryOne() {
        AclUser u = user("on", ">p1", ">p2", "<p1");
        assertThat(u.passwords).containsExactly(AclUser.hash("p2".getBytes(StandardCharsets.UTF_8)));
        assertThat(u.checkPassword("p2".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(u.checkPassword("p1".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(u.describe()).startsWith("user alice on #" + AclUser.hash("p2".getBytes(StandardCharsets.UTF_8)));
        u.apply("nopass");
        assertThat(u.checkPassword("anything".getBytes(StandardCharsets.UTF_8))).isTrue();
        u.apply("resetpass");
        assertThat(u.checkPassword("anything".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void commandRulesCombineCategoriesCommandsAndSubcommands() {
        AclUser u = user("+@hash", "-hset", "+set", "+config|get");
        assertThat(u.canRun("hget")).isTrue();
        assertThat(u.canRun("hset")).isFalse();
        assertThat(u.canRun("set")).isTrue();
        assertThat(u.canRun("get")).isFalse();
        assertThat(u.canRun("config|get")).isTrue();
        assertThat(u.canRun("config|set")).isFalse();
        assertThat(u.describeCommands()).isEqualTo("-@all +@hash -hset +set +config|get");

        AclUser all = user("+@all", "-@dangerous");
        assertThat(all.canRun("get")).isTrue();
        assertThat(all.canRun("flushall")).isFalse();
        assertThat(all.canRun("config|set")).isFalse();
        assertThat(all.canRun("client|id")).isTrue();
        assertThat(all.describeCommands()).isEqualTo("+@all -@dangerous");
    }

    @Test
    void categoriesComeFromTheTableFlagsAndTheData() {
        assertThat(CATEGORIES.categoriesOf("get")).contains("read", "string", "fast");
        assertThat(CATEGORIES.categoriesOf("set")).contains("write", "string", "slow");
        assertThat(CATEGORIES.categoriesOf("keys")).contains("keyspace", "dangerous");
        assertThat(CATEGORIES.in("hyperloglog")).contains("pfadd", "pfcount", "pfmerge");
        assertThat(CATEGORIES.subcommandsOf("config")).contains("config|get", "config|set");
    }

    @Test
    void keyAndChannelPatternsWithTheirPermissions() {
        AclUser u = user("~k*", "%R~r*", "%W~w*", "%RW~x*", "&news.*");
        assertThat(u.describeKeys()).isEqualTo("~k* %R~r* %W~w* ~x*");
        assertThat(u.describeChannels()).isEqualTo("&news.*");
        assertThat(u.describe()).isEqualTo("user alice off ~k* %R~r* %W~w* ~x* resetchannels &news.* -@all");
        u.apply("allkeys");
        u.apply("allchannels");
        u.apply("allcommands");
        assertThat(u.unrestricted).isTrue();
        assertThat(u.describe()).isEqualTo("user alice off ~* &* +@all");
        u.apply("reset");
        assertThat(u.describe()).isEqualTo("user alice off resetchannels -@all");
    }

    @Test
    void invalidRulesAreRefusedWithRedissReasons() {
        assertThatThrownBy(() -> user("+nosuch")).hasMessage("Unknown command or category name in ACL");
        assertThatThrownBy(() -> user("+@nosuch")).hasMessage("Unknown command or category name in ACL");
        assertThatThrownBy(() -> user("badop")).hasMessage("Syntax error");
        assertThatThrownBy(() -> user("%X~k")).hasMessage("Syntax error");
        assertThatThrownBy(() -> user("#zz")).hasMessage(
                "The password hash must be exactly 64 characters and contain only lowercase hexadecimal characters");
        assertThatThrownBy(() -> user("<nope")).hasMessage(
                "The password you are trying to remove from the user does not exist");
        assertThatThrownBy(() -> user("~*", "~a")).hasMessageStartingWith("Adding a pattern after the * pattern (or the 'allkeys' flag)");
        assertThatThrownBy(() -> user("&*", "&a")).hasMessageStartingWith("Adding a pattern after the * pattern (or the 'allchannels' flag)");
    }

    @Test
    void aFirstArgRuleAllowsACommandWithThatArgumentOnly() {
        AclUser u = user("-select", "+select|0");
        byte[][] zero = {"SELECT".getBytes(StandardCharsets.UTF_8), "0".getBytes(StandardCharsets.UTF_8)};
        byte[][] one = {"SELECT".getBytes(StandardCharsets.UTF_8), "1".getBytes(StandardCharsets.UTF_8)};
        assertThat(u.canRun("select", zero)).isTrue();
        assertThat(u.canRun("select", one)).isFalse();
        u.apply("-select");
        assertThat(u.canRun("select", zero)).as("a whole-command rule clears first args").isFalse();
        assertThatThrownBy(() -> user("+config|asdf")).hasMessage("Unknown command or category name in ACL");
        assertThatThrownBy(() -> user("+get|key1|key2")).hasMessage("Unknown command or category name in ACL");
        assertThatThrownBy(() -> user("-select|0")).hasMessage("Unknown command or category name in ACL");
    }

    @Test
    void aCopyTakesEveryRule() {
        AclUser a = user("on", ">pw", "~k*", "&c", "+get");
        AclUser b = new AclUser("bob", CATEGORIES);
        b.copyFrom(a);
        assertThat(b.describe()).isEqualTo(a.describe().replace("alice", "bob"));
        assertThat(List.of(b.canRun("get"), b.canRun("set"))).containsExactly(true, false);
    }

    @Test
    void selectorsAreAddedDescribedAndCleared() {
        AclUser u = user("on", "nopass", "-@all", "+get", "%R~foo1", "~baz1", "()");
        u.apply("(~key1 +get )");
        u.apply("( %W~w* +set)");
        assertThat(u.selectors).hasSize(3);
        assertThat(u.selectors.get(0).describeCommands()).isEqualTo("-@all");
        assertThat(u.selectors.get(0).describeKeys()).isEmpty();
        assertThat(u.selectors.get(2).describeKeys()).isEqualTo("%W~w*");
        assertThat(u.describe()).isEqualTo("user alice on nopass %R~foo1 ~baz1 resetchannels -@all +get"
                + " (resetchannels -@all) (~key1 resetchannels -@all +get) (%W~w* resetchannels -@all +set)");
        u.apply("clearselectors");
        assertThat(u.selectors).isEmpty();
        u.apply("(+get)");
        u.apply("reset");
        assertThat(u.selectors).as("reset clears selectors too").isEmpty();
    }

    @Test
    void aSelectorRefusesUserRulesAndBadPatterns() {
        assertThatThrownBy(() -> user("(on)")).hasMessage("Syntax error");
        assertThatThrownBy(() -> user("(&* &fail)")).hasMessageStartingWith("Adding a pattern after the * pattern");
        assertThatThrownBy(() -> user(" () ")).hasMessage("Syntax error");
        assertThatThrownBy(() -> user(")")).hasMessage("Syntax error");
        assertThatThrownBy(() -> user("%")).hasMessage("Syntax error");
        assertThatThrownBy(() -> user("%~")).hasMessage("Syntax error");
        assertThatThrownBy(() -> user("%RR~k")).hasMessage("Syntax error");
        assertThat(user("%RW").describeKeys()).as("Redis accepts a missing pattern: the empty one").isEqualTo("~");
        assertThat(user("%R~foo", "%W~foo", "%RW~bar").describeKeys()).isEqualTo("~foo ~bar");
    }

    @Test
    void separateSelectorArgumentsAreMergedAndAnUnclosedOneIsAnError() {
        assertThat(Acl.mergeSelectorArguments(List.of("on", "(+get", "~k*", "+set)", "(~a)", "+ping")))
                .containsExactly("on", "(+get ~k* +set)", "(~a)", "+ping");
        assertThatThrownBy(() -> Acl.mergeSelectorArguments(List.of("on", "(+get", "~k*")))
                .hasMessage("ERR Unmatched parenthesis in acl selector starting at '(+get'.");
        assertThatThrownBy(() -> Acl.mergeSelectorArguments(List.of("(")))
                .hasMessage("ERR Unmatched parenthesis in acl selector starting at '('.");
    }

    @Test
    void aWholeCommandEngulfsItsSubcommandRulesAndSubcommandsTakeNoFirstArg() {
        AclUser u = user("+memory|doctor");
        assertThat(u.describeCommands()).isEqualTo("-@all +memory|doctor");
        u.apply("+memory");
        assertThat(u.describeCommands()).isEqualTo("-@all +memory");
        u.apply("+@all");
        u.apply("+client|id");
        assertThat(u.describeCommands()).as("+@all engulfs what follows it").isEqualTo("+@all");
        assertThatThrownBy(() -> user("+config|get|appendonly")).hasMessage("Allowing first-arg of a subcommand is not supported");
        assertThatThrownBy(() -> user("+select|")).hasMessage("Syntax error");
    }
}
