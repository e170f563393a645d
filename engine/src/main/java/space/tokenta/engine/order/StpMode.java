package space.tokenta.engine.order;

/**
 * Self-trade prevention: what happens when an incoming (taker) order meets a resting (maker) order
 * of the same account. The taker's mode applies. Codes are stable.
 */
public enum StpMode {
    /** Self trades are allowed. */
    NONE(0),
    /** The taker's unfilled rest is cancelled; the maker stays. */
    EXPIRE_TAKER(1),
    /** The maker is cancelled; the taker continues matching. */
    EXPIRE_MAKER(2),
    /** Both the maker and the taker's unfilled rest are cancelled. */
    EXPIRE_BOTH(3),
    /**
     * Both quantities are reduced by the smaller one without a trade; an order reduced to zero is
     * cancelled; the taker continues if it has quantity left.
     */
    DECREMENT(4);

    private static final StpMode[] BY_CODE = {NONE, EXPIRE_TAKER, EXPIRE_MAKER, EXPIRE_BOTH, DECREMENT};
    private final int code;

    StpMode(final int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @return the mode for {@code code}, or {@code null} when the code is unknown. */
    public static StpMode fromCode(final int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
