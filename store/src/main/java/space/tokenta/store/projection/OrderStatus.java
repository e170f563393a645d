package space.tokenta.store.projection;

/** An order's state in the read model. */
public enum OrderStatus {
    OPEN,
    PARTIALLY_FILLED,
    FILLED,
    CANCELLED,
    EXPIRED,
    /** A placement the engine refused: never on the book, {@code reject_reason} says why. */
    REJECTED
}
