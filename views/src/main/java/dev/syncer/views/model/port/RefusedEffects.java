package dev.syncer.views.model.port;

/**
 * Active-Active effects an instance refused (its INFO ActiveActive section): none of these reached
 * the data, so a non-zero count means a cluster missed writes another one made, or someone tried.
 *
 * @param rejected    {@code deltas_rejected}: malformed or otherwise invalid deltas
 * @param quarantined {@code deltas_quarantined}: deltas stamped beyond the allowed clock drift
 * @param noperm      {@code effects_noperm}: CRDT.* from a connection that is not the syncer of
 *                    that origin
 */
public record RefusedEffects(long rejected, long quarantined, long noperm) {

    public static final RefusedEffects NONE = new RefusedEffects(0, 0, 0);

    public long total() {
        return rejected + quarantined + noperm;
    }
}
