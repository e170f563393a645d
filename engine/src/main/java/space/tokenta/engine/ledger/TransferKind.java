package space.tokenta.engine.ledger;

/** Why a transfer happened. Codes are stable. */
public enum TransferKind {
    /** Omnibus(chain) to AVAILABLE: a finalized on-chain deposit, id = chain event id. */
    DEPOSIT(0),
    /** AVAILABLE to omnibus(chain), pending until posted (sent on chain) or voided; id from the command. */
    WITHDRAWAL(1),
    /** AVAILABLE to HOLD: funds reserved for an open buy order. */
    ORDER_HOLD(2),
    /** HOLD to AVAILABLE: reserved funds no longer needed (cancel, amend, price improvement, refund after void). */
    HOLD_RELEASE(3),
    /** Buyer HOLD to seller AVAILABLE, pending until escrow releases (post) or refunds (void). */
    SETTLEMENT(4),
    /** Buyer HOLD to FEES, pending and linked to the settlement transfer before it (posted/voided with it). */
    FEE(5);

    private static final TransferKind[] BY_CODE = {DEPOSIT, WITHDRAWAL, ORDER_HOLD, HOLD_RELEASE, SETTLEMENT, FEE};
    private final int code;

    TransferKind(final int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @return the kind for {@code code}, or {@code null} when the code is unknown. */
    public static TransferKind fromCode(final int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
