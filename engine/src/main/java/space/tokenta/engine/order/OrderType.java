package space.tokenta.engine.order;

/**
 * Order type. A MARKET order carries a protection price (the worst price it may trade at) and
 * behaves as an IOC or FOK limit order at that price; it never rests.
 */
public enum OrderType {
    LIMIT(0),
    MARKET(1);

    private static final OrderType[] BY_CODE = {LIMIT, MARKET};
    private final int code;

    OrderType(final int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @return the type for {@code code}, or {@code null} when the code is unknown. */
    public static OrderType fromCode(final int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
