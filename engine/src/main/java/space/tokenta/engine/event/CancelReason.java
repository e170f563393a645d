package space.tokenta.engine.event;

/** Why an order left the book (or never rested) without being filled. Codes are stable. */
public enum CancelReason {
    /** CANCEL_ORDER by its owner. */
    USER(0),
    /** MASS_CANCEL. */
    MASS_CANCEL(1),
    /** CANCEL_REPLACE: the old order gave way to the new one. */
    REPLACED(2),
    /** Self-trade prevention removed it (maker or taker). */
    SELF_TRADE(3),
    /** The unfilled rest of an IOC/FOK/MARKET order. */
    UNFILLED(4);

    private static final CancelReason[] BY_CODE = {USER, MASS_CANCEL, REPLACED, SELF_TRADE, UNFILLED};
    private final int code;

    CancelReason(final int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @return the reason for {@code code}, or {@code null} when the code is unknown. */
    public static CancelReason fromCode(final int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
