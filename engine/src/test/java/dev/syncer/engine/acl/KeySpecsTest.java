package dev.syncer.engine.acl;

import dev.syncer.engine.command.CommandFlag;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.command.CommandTable;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which arguments are keys and what each needs, as Redis 7.0's key specs and getkeys procedures say. */
class KeySpecsTest {

    private static final CommandTable TABLE = CommandTable.standard();

    /** A key argument's permissions, the flags left aside. */
    private record Need(int pos, boolean read, boolean write) {
    }

    private static List<KeySpecs.KeyRef> refs(String leaf, String... args) {
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            argv[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        CommandSpec spec = TABLE.lookup(args[0]);
        return KeySpecs.keys(leaf, spec, argv);
    }

    private static List<Need> keys(String leaf, String... args) {
        return refs(leaf, args).stream().map(k -> new Need(k.pos(), k.read(), k.write())).toList();
    }

    private static List<String> flags(String leaf, String... args) {
        return refs(leaf, args).stream().map(k -> k.pos() + " " + String.join(",", k.flags())).toList();
    }

    private static Need read(int pos) {
        return new Need(pos, true, false);
    }

    private static Need write(int pos) {
        return new Need(pos, false, true);
    }

    private static Need readWrite(int pos) {
        return new Need(pos, true, true);
    }

    @Test
    void rangeSpecsGiveEachKeyItsOwnPermissions() {
        assertThat(keys("get", "get", "k")).containsExactly(read(1));
        assertThat(keys("copy", "copy", "src", "dst")).containsExactly(read(1), write(2));
        assertThat(keys("lpush", "lpush", "l", "a")).containsExactly(write(1));
        assertThat(keys("mset", "mset", "a", "1", "b", "2")).containsExactly(write(1), write(3));
        assertThat(keys("sunionstore", "sunionstore", "d", "a", "b")).containsExactly(write(1), read(2), read(3));
    }

    @Test
    void existenceAndCardinalityCommandsNeedNeitherReadNorWrite() {
        Need neither = new Need(1, false, false);
        assertThat(keys("exists", "exists", "k")).containsExactly(neither);
        assertThat(keys("scard", "scard", "k")).containsExactly(neither);
        assertThat(keys("hexists", "hexists", "k", "f")).containsExactly(neither);
        assertThat(keys("memory|usage", "memory", "usage", "k")).containsExactly(new Need(2, false, false));
        assertThat(keys("zcount", "zcount", "k", "0", "1")).containsExactly(read(1));
    }

    @Test
    void eachKeyCarriesItsKeySpecFlagsAsCommandGetKeysAndFlagsListsThem() {
        assertThat(flags("set", "set", "k", "v")).containsExactly("1 OW,update");
        assertThat(flags("set", "set", "k", "v", "get")).containsExactly("1 RW,access,update");
        assertThat(flags("lmove", "lmove", "a", "b", "left", "right")).containsExactly("1 RW,access,delete", "2 RW,insert");
        assertThat(flags("sort", "sort", "a", "store", "x", "store", "b")).containsExactly("1 RO,access", "5 OW,update");
        assertThat(flags("mset", "mset", "a", "1", "b", "2")).containsExactly("1 OW,update", "3 OW,update");
        assertThat(flags("bitfield", "bitfield", "k", "get", "u4", "0")).containsExactly("1 RO,access");
        assertThat(flags("migrate", "migrate", "h", "1", "k", "0", "5")).containsExactly("3 RW,access,delete");
    }

    @Test
    void setAndBitfieldDecideByTheirArguments() {
        assertThat(keys("set", "set", "k", "v")).containsExactly(write(1));
        assertThat(keys("set", "set", "k", "v", "ex", "10", "GET")).containsExactly(readWrite(1));
        assertThat(keys("set", "set", "k", "get")).as("the value is not an option").containsExactly(write(1));
        assertThat(keys("bitfield", "bitfield", "k", "get", "u4", "0")).containsExactly(read(1));
        assertThat(keys("bitfield", "bitfield", "k", "get", "u4", "0", "set", "u4", "0", "1")).containsExactly(readWrite(1));
        assertThat(keys("bitfield", "bitfield", "k", "incrby", "u4", "0", "1")).containsExactly(readWrite(1));
    }

    @Test
    void sortMigrateAndKeywordSpecs() {
        assertThat(keys("sort", "sort", "l", "BY", "store", "STORE", "d")).containsExactly(read(1), write(5));
        assertThat(keys("migrate", "migrate", "h", "p", "k", "0", "500")).containsExactly(readWrite(3));
        assertThat(keys("migrate", "migrate", "h", "p", "", "0", "5", "AUTH2", "KEYS", "1", "KEYS", "a", "b"))
                .containsExactly(readWrite(10), readWrite(11));
        assertThat(keys("georadius", "georadius", "g", "1", "2", "3", "m", "STOREDIST", "d")).containsExactly(read(1), write(7));
        assertThat(keys("xread", "xread", "COUNT", "1", "STREAMS", "a", "b", "0", "0")).containsExactly(read(4), read(5));
    }

    @Test
    void aNumkeysThatDoesNotFitNamesNoKeys() {
        assertThat(keys("eval", "eval", "", "1", "k")).containsExactly(readWrite(3));
        assertThat(keys("eval_ro", "eval_ro", "", "1", "k")).containsExactly(read(3));
        assertThat(keys("eval", "eval", "", "0", "k")).isEmpty();
        assertThat(keys("eval", "eval", "", "-1", "k")).isEmpty();
        assertThat(keys("eval", "eval", "", "3", "a", "b")).isEmpty();
        assertThat(keys("sintercard", "sintercard", "2", "a", "b")).containsExactly(read(2), read(3));
    }

    @Test
    void shardChannelsAreNotKeysAndUnknownCommandsUseTheirTableRow() {
        assertThat(keys("spublish", "spublish", "ch", "m")).isEmpty();
        assertThat(keys("ping", "ping")).isEmpty();
        CommandSpec own = CommandSpec.of("crdt.own", -2, 1, 1, 1, ctx -> { }, CommandFlag.WRITE);
        byte[][] argv = {"crdt.own".getBytes(StandardCharsets.UTF_8), "k".getBytes(StandardCharsets.UTF_8)};
        assertThat(KeySpecs.keys("crdt.own", own, argv).stream().map(k -> new Need(k.pos(), k.read(), k.write())))
                .containsExactly(readWrite(1));
    }
}
