package space.tokenta.engine.order;

/** Time in force. Codes are stable. */
public enum TimeInForce {
    /** Good till cancelled: the unfilled rest stays on the book. */
    GTC(0),
    /** Immediate or cancel: trades what it can now, the rest is cancelled. */
    IOC(1),
    /** Fill or kill: trades its whole quantity now or is rejected without any trade. */
    FOK(2),
    /** Add liquidity only (post-only): rejected if any part would trade on entry. */
    ALO(3),
    /** Good till date: rests like GTC until {@code expireAtNs} on the sequenced clock. */
    GTD(4);

    private static final TimeInForce[] BY_CODE = {GTC, IOC, FOK, ALO, GTD};
    private final int code;

    TimeInForce(final int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @return true when an unfilled rest of an order with this time in force stays on the book. */
    public boolean rests() {
        return this == GTC || this == ALO || this == GTD;
    }

    /** @return the time in force for {@code code}, or {@code null} when the code is unknown. */
    public static TimeInForce fromCode(final int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
