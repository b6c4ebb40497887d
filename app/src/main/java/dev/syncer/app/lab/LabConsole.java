package dev.syncer.app.lab;

import dev.syncer.app.adapter.Hub;
import dev.syncer.app.adapter.Poller;
import dev.syncer.app.adapter.ProbePool;
import dev.syncer.engine.lab.Lab;
import dev.syncer.engine.lab.Topology;
import dev.syncer.engine.lab.WriteLoad;
import dev.syncer.views.model.port.ConsolePorts;

import java.time.Duration;

/**
 * The console attached to the embedded lab: starts the lab, polls it at 4 Hz, and offers every
 * operation. A light write load starts with it, so the first screen is already moving.
 */
public final class LabConsole implements AutoCloseable {

    public static final Duration POLL_PERIOD = Duration.ofMillis(250);
    private static final int STARTING_LOAD_PER_SECOND = 50;

    private final Lab lab;
    private final ProbePool probes = new ProbePool();
    private final Hub hub = new Hub();
    private final LabOperationsPort operations;
    private final Poller poller;

    private LabConsole(Lab lab) {
        this.lab = lab;
        this.operations = new LabOperationsPort(lab, hub);
        LabTopology topology = new LabTopology(lab, probes, hub);
        this.poller = new Poller("lab-poller", POLL_PERIOD, topology::round);
    }

    /** Starts a lab of this topology (blocking until its links are up) and begins polling it. */
    public static LabConsole start(Topology topology, boolean writeLoad) throws InterruptedException {
        return start(topology, writeLoad, null);
    }

    /** As {@link #start(Topology, boolean)}; with {@code data} the lab keeps its data there across restarts. */
    public static LabConsole start(Topology topology, boolean writeLoad, java.nio.file.Path data) throws InterruptedException {
        Lab lab = (data == null ? new Lab(topology, null) : Lab.persistent(topology, data, null)).start();
        if (writeLoad) {
            for (Topology.DatabaseSpec db : topology.databases()) {
                lab.startWriteLoad(db.name(), new WriteLoad.Settings(STARTING_LOAD_PER_SECOND, 1000, 32, WriteLoad.Mix.ALL_TYPES));
            }
        }
        return new LabConsole(lab);
    }

    public Lab lab() {
        return lab;
    }

    public ConsolePorts ports() {
        return new ConsolePorts("Embedded lab", hub, hub.events(), operations);
    }

    @Override
    public void close() {
        poller.close();
        operations.close();
        probes.close();
        lab.close();
    }
}
