package space.tokenta.engine.command;

/** What a {@link Command} asks for; see {@link Command} for the fields each type reads. Codes are stable. */
public enum CommandType {
    ADD_ASSET(0),
    ADD_INSTRUMENT(1),
    ADD_ACCOUNT(2),
    PLACE_ORDER(3),
    AMEND_ORDER(4),
    CANCEL_ORDER(5),
    CANCEL_REPLACE(6),
    MASS_CANCEL(7),
    CREDIT_DEPOSIT(8),
    REQUEST_WITHDRAWAL(9),
    POST_PENDING_TRANSFER(10),
    VOID_PENDING_TRANSFER(11),
    REGISTER_LISTING(12),
    SET_EXPOSURE_LIMIT(13),
    TIME_TICK(14);

    private static final CommandType[] BY_CODE = values();
    private final int code;

    CommandType(final int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @return the type for {@code code}, or {@code null} when the code is unknown. */
    public static CommandType fromCode(final int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
