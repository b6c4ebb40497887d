package dev.syncer.engine.activeactive;

import dev.syncer.engine.server.InfoSection;
import dev.syncer.engine.activeactive.crdt.Hlc;

/** INFO's "# ActiveActive" section; in plain INFO only when the mode is on. */
final class ActiveActiveInfo implements InfoSection {

    private final ActiveActive aa;

    ActiveActiveInfo(ActiveActive aa) {
        this.aa = aa;
    }

    @Override
    public String name() {
        return "ActiveActive";
    }

    @Override
    public boolean inDefault() {
        return aa.enabled();
    }

    @Override
    public void write(InfoWriter out) {
        ActiveActive.Status s = aa.status();
        out.field("active_active_enabled", aa.enabled() ? 1 : 0)
                .field("origin", s.origin())
                .field("hlc", s.hlc())
                .field("hlc_ms", Hlc.millisOf(s.hlc()))
                .field("crdt_keys", s.crdtKeys())
                .field("tombstones", s.tombstones())
                .field("deltas_local", s.deltasLocal())
                .field("deltas_remote", s.deltasRemote())
                .field("deltas_replicated", s.deltasReplicated())
                .field("deltas_rejected", s.deltasRejected())
                .field("deltas_quarantined", s.deltasQuarantined())
                .field("effects_noperm", s.effectsNoperm());
    }
}
