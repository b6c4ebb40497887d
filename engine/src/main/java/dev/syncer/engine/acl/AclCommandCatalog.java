package dev.syncer.engine.acl;

import dev.syncer.engine.command.CommandCatalog;
import dev.syncer.engine.command.CommandSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** COMMAND LIST's subcommands and categories and COMMAND GETKEYSANDFLAGS's flags, from the ACL's data. */
final class AclCommandCatalog implements CommandCatalog {

    private final AclCategories categories;

    AclCommandCatalog(AclCategories categories) {
        this.categories = categories;
    }

    @Override
    public List<String> subcommandsOf(String name) {
        return categories.subcommandsOf(name);
    }

    @Override
    public Set<String> categoriesOf(String fullName) {
        return categories.categoriesOf(fullName);
    }

    @Override
    public List<KeyFlags> keysAndFlags(CommandSpec spec, byte[][] argv) {
        List<KeyFlags> out = new ArrayList<>();
        for (KeySpecs.KeyRef k : KeySpecs.keys(categories.leafOf(spec, argv), spec, argv)) {
            out.add(new KeyFlags(k.pos(), k.flags()));
        }
        return out;
    }
}
