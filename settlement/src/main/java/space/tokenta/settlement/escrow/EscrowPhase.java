package space.tokenta.settlement.escrow;

import space.tokenta.store.escrow.EscrowState;

/**
 * Where one escrow is in settlement. Each phase is written before the action it names is sent, so a
 * restart resumes at the phase and first asks the chain whether the action already happened.
 */
public enum EscrowPhase {
    /** Read from a fill in the engine journal; terms not fixed yet. */
    NEW,
    /** Terms and the buyer's authorisation stored; {@code open} may have been sent. */
    OPENING,
    /** The deal is open on chain. */
    OPEN,
    /** Verification started (S1-S6). */
    DELIVERING,
    /** A quorum verdict (PASS or FAIL) and its signatures are stored. */
    VERIFIED,
    /** {@code release} may have been sent. */
    RELEASING,
    /** {@code refund} (FAIL quorum) may have been sent. */
    REFUNDING,
    /** {@code refundExpired} may have been sent (no verdict before expiry, or the release window missed). */
    REFUNDING_EXPIRED,
    /** Settled on chain; waiting until the indexer sees the settlement final, then post/void in the engine. */
    AWAITING_FINAL,
    /** Final: released on chain and posted in the engine (seller credited). */
    RELEASED,
    /** Final: refunded on chain (or never opened) and voided in the engine (buyer credited back). */
    REFUNDED;

    public boolean isFinal() {
        return this == RELEASED || this == REFUNDED;
    }

    /** The read model's coarser state for this phase. */
    public EscrowState storeState(final boolean disputed) {
        if (isFinal()) {
            return this == RELEASED ? EscrowState.RELEASED : EscrowState.REFUNDED;
        }
        if (disputed) {
            return EscrowState.DISPUTED;
        }
        return switch (this) {
            case NEW, OPENING -> EscrowState.OPENING;
            case OPEN, DELIVERING -> EscrowState.OPEN;
            default -> EscrowState.DELIVERED;
        };
    }
}
