package dev.syncer.engine;

import dev.syncer.engine.acl.Acl;
import dev.syncer.engine.command.EncodingSettings;
import dev.syncer.engine.command.IntrospectionSettings;
import dev.syncer.engine.command.KeyspaceEvents;
import dev.syncer.engine.command.ClientPauseCommands;
import dev.syncer.engine.command.CommandDispatcher;
import dev.syncer.engine.persistence.Persistence;
import dev.syncer.engine.rdb.RdbFile;
import dev.syncer.engine.replication.roles.Replication;
import dev.syncer.engine.replication.ReplicationConfig;
import dev.syncer.engine.scripting.Scripting;
import dev.syncer.engine.server.Config;
import dev.syncer.engine.server.Shard;
import dev.syncer.engine.activeactive.ActiveActive;
import dev.syncer.engine.activeactive.SnapshotHooks;

import java.time.Clock;

/**
 * Assembles a complete shard: the server core plus the components that attach to it (persistence,
 * replication), each of which defines its own settings, commands, INFO sections and timers.
 * Launchers, the lab and integration tests build shards here; unit tests may use a bare {@link Shard}.
 */
public final class Shards {

    private Shards() {
    }

    /** A configuration knowing every component's settings, with Redis's defaults. */
    public static Config config() {
        Config config = new Config();
        EncodingSettings.define(config);
        KeyspaceEvents.define(config);
        IntrospectionSettings.define(config);
        Persistence.define(config);
        ReplicationConfig.define(config);
        ActiveActive.define(config);
        Acl.define(config);
        return config;
    }

    /** A shard and the components attached to it, for callers that drive them directly (the lab). */
    public record Assembled(Shard shard, Replication replication, ActiveActive activeActive, Acl acl) {
    }

    /** A shard with every component attached, not yet listening ({@link Shard#start()}). */
    public static Shard create(Config config) {
        return assemble(config).shard();
    }

    /** As {@link #create}, also returning the components. */
    public static Assembled assemble(Config config) {
        CommandDispatcher commands = CommandDispatcher.standard();
        Shard shard = new Shard(config, Clock.systemUTC(), commands);
        try {
            Scripting scripting = Scripting.attach(shard, commands);
            Persistence persistence = Persistence.attach(shard, commands);
            persistence.setFunctionLibraries(scripting::libraryCodes, scripting::reloadLibraries);
            Replication replication = Replication.attach(shard, commands);
            replication.rdbFunctions(scripting::libraryCodes); // full syncs carry the libraries
            scripting.writeCheck(replication::noReplicasVerdict);
            replication.onFullSyncLoaded(rdb -> scripting.replaceLibraries(rdb.functions()));
            persistence.setReplicationDumpRunning(() -> replication.fullSync().dumpRunning());
            persistence.setAuxSupplier(replication::rdbAux); // saves record repl-id/offset/stream-db
            ActiveActive aa = ActiveActive.attach(shard, commands); // in Active-Active mode it wraps the write commands registered before
            SnapshotHooks hooks = SnapshotHooks.install(aa, replication); // RDBs carry the A-A states
            if (hooks != null) {
                persistence.setExtension(hooks::extension);
                persistence.onAofBaseLoaded(hooks::aofBaseLoaded);
            }
            // the data once every command exists, as loadDataFromDisk after initServer: an AOF replays
            // FUNCTION LOAD, RESTORE, CRDT.APPLY...; before ACL, whose rules are not the loader's
            persistence.loadAtStartup();
            RdbFile loaded = persistence.loadedAtStartup();
            if (loaded != null) {
                scripting.replaceLibraries(loaded.functions());
                replication.restoreFromRdb(loaded, persistence.takeExpiredAtStartup()); // resume with a partial sync
                if (hooks != null) {
                    hooks.loaded(loaded);
                }
            }
            replication.onFullSyncLoaded(rdb -> persistence.rewriteAofAfterSync());
            Acl acl = Acl.attach(shard, commands); // last: its rules cover every command registered before
            commands.addGate(ClientPauseCommands.gate(commands, shard.clientPause())); // processCommand's last check
            return new Assembled(shard, replication, aa, acl);
        } catch (RuntimeException | Error e) {
            shard.crash(); // a shard that cannot start lets go of its event loop (a no-op when the load already did)
            throw e;
        }
    }
}
