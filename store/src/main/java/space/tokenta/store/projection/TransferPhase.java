package space.tokenta.store.projection;

import space.tokenta.engine.ledger.TransferFlags;

/** Which step of a transfer a transfers row records. */
public enum TransferPhase {
    /** An immediate transfer (flags 0). */
    POSTED,
    /** A reservation (TigerBeetle-style pending). */
    PENDING,
    /** A pending transfer posted. */
    POST,
    /** A pending transfer voided (released). */
    VOID;

    public static TransferPhase of(final int flags) {
        if ((flags & TransferFlags.PENDING) != 0) {
            return PENDING;
        }
        if ((flags & TransferFlags.POST_PENDING) != 0) {
            return POST;
        }
        if ((flags & TransferFlags.VOID_PENDING) != 0) {
            return VOID;
        }
        return POSTED;
    }
}
