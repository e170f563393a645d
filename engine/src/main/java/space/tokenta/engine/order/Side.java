package space.tokenta.engine.order;

/** Order side. Codes are stable: the cluster codec carries them. */
public enum Side {
    BUY(0),
    SELL(1);

    private static final Side[] BY_CODE = {BUY, SELL};
    private final int code;

    Side(final int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }

    /** @return the side for {@code code}, or {@code null} when the code is unknown. */
    public static Side fromCode(final int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
