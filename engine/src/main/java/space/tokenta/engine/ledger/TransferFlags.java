package space.tokenta.engine.ledger;

/** Bit flags carried by {@code EventSink.onTransfer}, as in TigerBeetle. */
public final class TransferFlags {
    /** A posted (final) transfer: no flag. */
    public static final int POSTED = 0;
    /** The transfer reserves its amount (debits/credits pending) until posted or voided. */
    public static final int PENDING = 1;
    /** This event posts the pending transfer with the same id: the amount moves for good. */
    public static final int POST_PENDING = 2;
    /** This event voids the pending transfer with the same id: the reservation is released. */
    public static final int VOID_PENDING = 4;
    /** The transfer belongs with the transfer emitted just before it (a fill's fee with its settlement). */
    public static final int LINKED = 8;
    /** The pending transfer was voided because its timeout elapsed on the sequenced clock. */
    public static final int TIMEOUT = 16;

    private TransferFlags() {
    }
}
