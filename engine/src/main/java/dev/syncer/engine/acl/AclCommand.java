package dev.syncer.engine.acl;

import dev.syncer.engine.command.Args;
import dev.syncer.engine.command.CommandContext;
import dev.syncer.engine.command.CommandError;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.resp.Reply;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static dev.syncer.engine.command.CommandFlag.ADMIN;
import static dev.syncer.engine.command.CommandFlag.STALE;

/** ACL SETUSER, GETUSER, DELUSER, LIST, USERS, WHOAMI, CAT, LOG, SAVE, LOAD, GENPASS, DRYRUN, HELP. */
final class AclCommand {

    private static final SecureRandom RANDOM = new SecureRandom();

    private AclCommand() {
    }

    static void register(dev.syncer.engine.command.CommandTable t, Acl acl) {
        t.add(CommandSpec.of("acl", -2, 0, 0, 0, ctx -> execute(acl, ctx), ADMIN, STALE));
    }

    private static void execute(Acl acl, CommandContext ctx) {
        Args a = ctx.args();
        Reply r = ctx.reply();
        String sub = a.option(1);
        switch (sub) {
            case "SETUSER" -> {
                need(a, 3, sub);
                try {
                    acl.setUser(a.string(2), Arrays.asList(strings(a, 3)));
                } catch (IllegalArgumentException e) {
                    throw new CommandError(e.getMessage());
                }
                r.ok();
            }
            case "GETUSER" -> {
                exactly(a, 3, sub);
                getUser(acl.user(a.string(2)), r);
            }
            case "DELUSER" -> {
                need(a, 3, sub);
                int deleted = 0;
                for (String name : strings(a, 2)) {
                    if (name.equals("default")) {
                        throw new CommandError("ERR The 'default' user cannot be removed");
                    }
                }
                for (String name : strings(a, 2)) {
                    deleted += acl.deleteUser(name, ctx.session()) ? 1 : 0;
                }
                r.integer(deleted);
            }
            case "LIST", "USERS" -> {
                exactly(a, 2, sub);
                List<AclUser> users = acl.users();
                r.arrayHeader(users.size());
                users.forEach(u -> r.bulk(sub.equals("LIST") ? u.describe() : u.name()));
            }
            case "WHOAMI" -> {
                exactly(a, 2, sub);
                r.bulk(ctx.session().userName());
            }
            case "CAT" -> cat(acl, a, r);
            case "LOG" -> log(acl, ctx);
            case "SAVE", "LOAD" -> {
                exactly(a, 2, sub);
                Path file = acl.aclfile();
                if (file == null) {
                    throw new CommandError("ERR This Redis instance is not configured to use an ACL file. You may want to "
                            + "specify users via the ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have "
                            + "a Redis configuration file set) in order to store users in the Redis configuration.");
                }
                if (sub.equals("SAVE")) {
                    try {
                        acl.save(file);
                    } catch (RuntimeException e) {
                        throw new CommandError("ERR There was an error trying to save the ACLs. Please check the server logs for more information");
                    }
                } else {
                    String error = acl.load(file, ctx.session());
                    if (error != null) {
                        throw new CommandError("ERR " + error);
                    }
                }
                r.ok();
            }
            case "GENPASS" -> genpass(a, r);
            case "DRYRUN" -> dryrun(acl, a, r);
            case "HELP" -> {
                exactly(a, 2, sub);
                help(r);
            }
            default -> throw new CommandError("ERR unknown subcommand '" + a.string(1) + "'. Try ACL HELP.");
        }
    }

    private static void need(Args a, int count, String sub) {
        if (a.count() < count) {
            throw wrongArity(sub);
        }
    }

    private static void exactly(Args a, int count, String sub) {
        if (a.count() != count) {
            throw wrongArity(sub);
        }
    }

    private static CommandError wrongArity(String sub) {
        return new CommandError("ERR wrong number of arguments for 'acl|" + sub.toLowerCase(java.util.Locale.ROOT) + "' command");
    }

    /** addReplySubcommandSyntaxError: a subcommand given arguments it does not take. */
    private static CommandError subcommandSyntax(Args a) {
        return new CommandError("ERR unknown subcommand or wrong number of arguments for '" + a.string(1)
                + "'. Try ACL HELP.");
    }

    private static String[] strings(Args a, int from) {
        String[] out = new String[a.count() - from];
        for (int i = from; i < a.count(); i++) {
            out[i - from] = a.string(i);
        }
        return out;
    }

    private static void getUser(AclUser u, Reply r) {
        if (u == null) {
            r.nullBulk();
            return;
        }
        r.mapHeader(6);
        r.bulk("flags");
        List<String> flags = new ArrayList<>();
        flags.add(u.enabled ? "on" : "off");
        if (u.nopass) {
            flags.add("nopass");
        }
        r.setHeader(flags.size());
        flags.forEach(r::bulk);
        r.bulk("passwords");
        r.arrayHeader(u.passwords.size());
        u.passwords.forEach(r::bulk);
        describeSelector(u.root, r);
        r.bulk("selectors");
        r.arrayHeader(u.selectors.size());
        for (AclSelector s : u.selectors) {
            r.mapHeader(3);
            describeSelector(s, r);
        }
    }

    /** aclAddReplySelectorDescription: commands, keys, channels. */
    private static void describeSelector(AclSelector s, Reply r) {
        r.bulk("commands");
        r.bulk(s.describeCommands());
        r.bulk("keys");
        r.bulk(s.describeKeys());
        r.bulk("channels");
        r.bulk(s.describeChannels());
    }

    // Format: ACL CAT [category] -> categories, or the commands of one
    private static void cat(Acl acl, Args a, Reply r) {
        if (a.count() > 3) {
            throw subcommandSyntax(a);
        }
        if (a.count() == 2) {
            r.arrayHeader(AclCategories.NAMES.size());
            AclCategories.NAMES.forEach(r::bulk);
            return;
        }
        String cat = a.string(2).toLowerCase(java.util.Locale.ROOT);
        if (!AclCategories.NAMES.contains(cat)) {
            throw new CommandError("ERR Unknown category '" + a.string(2) + "'");
        }
        Set<String> commands = acl.categories().in(cat);
        r.arrayHeader(commands.size());
        commands.forEach(r::bulk);
    }

    // Format: ACL LOG [count | RESET]
    private static void log(Acl acl, CommandContext ctx) {
        Args a = ctx.args();
        long count = 10;
        if (a.count() > 3) {
            throw subcommandSyntax(a);
        }
        if (a.count() == 3) {
            if (a.is(2, "RESET")) {
                acl.log.reset();
                ctx.reply().ok();
                return;
            }
            try {
                count = a.longValue(2);
            } catch (CommandError e) {
                count = -1;
            }
            if (count < 0) {
                throw new CommandError("ERR value is out of range, must be positive");
            }
        }
        acl.log.write(ctx.reply(), count, ctx.shard().clock().millis());
    }

    // Format: ACL GENPASS [bits] -> hex string of ceil(bits / 4) characters (256 bits by default)
    private static void genpass(Args a, Reply r) {
        long bits = 256;
        if (a.count() > 3) {
            throw subcommandSyntax(a);
        }
        if (a.count() == 3) {
            try {
                bits = a.longValue(2);
            } catch (CommandError e) {
                bits = 0;
            }
            if (bits <= 0 || bits > 4096) {
                throw new CommandError("ERR ACL GENPASS argument must be the number of bits for the output password, "
                        + "a positive number up to 4096");
            }
        }
        int chars = (int) ((bits + 3) / 4);
        byte[] random = new byte[(chars + 1) / 2];
        RANDOM.nextBytes(random);
        r.bulk(HexFormat.of().formatHex(random).substring(0, chars));
    }

    // Format: ACL DRYRUN username command [arg ...] -> +OK, or why the user may not run it
    private static void dryrun(Acl acl, Args a, Reply r) {
        need(a, 4, "DRYRUN");
        AclUser u = acl.user(a.string(2));
        if (u == null) {
            throw new CommandError("ERR User '" + a.string(2) + "' not found");
        }
        byte[][] argv = Arrays.copyOfRange(a.argv(), 3, a.count());
        CommandSpec spec = acl.table().lookup(argv[0]);
        if (spec == null) {
            throw new CommandError("ERR Command '" + a.string(3) + "' not found");
        }
        if (!spec.arityAccepts(argv.length)) {
            throw new CommandError("ERR wrong number of arguments for '" + spec.name() + "' command");
        }
        AclCheck.Denial d = acl.denial(u, spec, argv);
        if (d == null) {
            r.ok();
        } else {
            r.bulk(Acl.message(d, true));
        }
    }

    private static void help(Reply r) {
        String[] lines = {
            "ACL <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "CAT [<category>]", "    List all commands that belong to <category>, or all command categories",
            "    when no category is specified.",
            "DELUSER <username> [<username> ...]", "    Delete a list of users.",
            "DRYRUN <username> <command> [<arg> ...]",
            "    Returns whether the user can execute the given command without executing the command.",
            "GETUSER <username>", "    Get the user's details.",
            "GENPASS [<bits>]", "    Generate a secure 256-bit user password. The optional `bits` argument can",
            "    be used to specify a different size.",
            "LIST", "    Show users details in config file format.",
            "LOAD", "    Reload users from the ACL file.",
            "LOG [<count> | RESET]", "    Show the ACL log entries.",
            "SAVE", "    Save the current config to the ACL file.",
            "SETUSER <username> <attribute> [<attribute> ...]", "    Create or modify a user with the specified attributes.",
            "USERS", "    List all the registered usernames.",
            "WHOAMI", "    Return the current connection username.",
            "HELP", "    Print this help."
        };
        r.arrayHeader(lines.length);
        for (String line : lines) {
            r.simple(line);
        }
    }
}
