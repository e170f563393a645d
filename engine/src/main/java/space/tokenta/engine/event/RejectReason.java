package space.tokenta.engine.event;

/**
 * Why a command was rejected. A rejected command changes nothing (except that a place's client
 * order id remembers its outcome). Codes are stable: the cluster codec carries them; add new reasons
 * at the end only.
 */
public enum RejectReason {
    /** Not a rejection: used as "original outcome = accepted" in {@code onDuplicateOrder}. */
    NONE(0),
    UNKNOWN_INSTRUMENT(1),
    UNKNOWN_ACCOUNT(2),
    UNKNOWN_ASSET(3),
    UNKNOWN_ORDER(4),
    /** Price is not a positive whole number of ticks. */
    INVALID_PRICE_TICK(5),
    /** Price (or protection price) outside the instrument's band [minPriceTicks, maxPriceTicks]. */
    PRICE_OUT_OF_BAND(6),
    QUANTITY_BELOW_MIN(7),
    QUANTITY_ABOVE_MAX(8),
    /** Side, order type, time in force or STP mode missing, or a combination that is not allowed (MARKET with GTC/ALO/GTD). */
    INVALID_ORDER_PARAMETERS(9),
    /** MARKET order without a protection price. */
    MISSING_PROTECTION_PRICE(10),
    /** GTD order whose expiry is not after the command's timestamp, or expiry on a non-GTD order. */
    INVALID_EXPIRY(11),
    /** Buyer's available quote balance does not cover the hold (notional at limit price plus maximum fee). */
    INSUFFICIENT_FUNDS(12),
    /** Seller's listing has less unreserved capacity than the order's quantity. */
    INSUFFICIENT_CAPACITY(13),
    /** Seller has no listing registered for this instrument. */
    NO_LISTING(14),
    /** Seller's exposure (open sells plus unsettled sales, in quote units) would exceed its limit. */
    EXPOSURE_LIMIT(15),
    /** Same client order id as an earlier place of this account, with different parameters. */
    DUPLICATE_CLIENT_ORDER_ID(16),
    /** An order with this order id is already open. */
    DUPLICATE_ORDER_ID(17),
    /** ALO order would trade on entry. */
    POST_ONLY_WOULD_TAKE(18),
    /** FOK order cannot be filled completely now. */
    FOK_NOT_FILLABLE(19),
    /** The order belongs to another account. */
    NOT_ORDER_OWNER(20),
    /** Amend that changes neither price nor quantity. */
    AMEND_NO_CHANGE(21),
    INSTRUMENT_EXISTS(22),
    ACCOUNT_EXISTS(23),
    ASSET_EXISTS(24),
    /** ADD_INSTRUMENT with missing or inconsistent parameters (symbol, sizes, band, fees, overflow bound). */
    INVALID_INSTRUMENT(25),
    /** A transfer id (for deposits: the chain event id) that was used before. Changes nothing. */
    DUPLICATE_TRANSFER_ID(26),
    /** Amount or quantity must be positive (and within bounds). */
    INVALID_AMOUNT(27),
    /** POST/VOID of a transfer id that is not pending (unknown, already posted or voided). */
    PENDING_TRANSFER_NOT_FOUND(28),
    /** Transfer id zero or inside the engine's own id space. */
    INVALID_TRANSFER_ID(29),
    /** A table of the engine reached its configured bound. */
    ENGINE_LIMIT(30),
    /** Account id, instrument id, asset id or chain id outside its documented range. */
    INVALID_ID(31),
    /** Command type missing or unknown. */
    INVALID_COMMAND(32),
    /** The command's timestamp is earlier than the engine's clock. */
    CLOCK_WENT_BACKWARDS(33);

    private static final RejectReason[] BY_CODE = values();
    private final int code;

    RejectReason(final int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @return the reason for {@code code}, or {@code null} when the code is unknown. */
    public static RejectReason fromCode(final int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    static {
        for (int i = 0; i < BY_CODE.length; i++) {
            if (BY_CODE[i].code != i) {
                throw new IllegalStateException("reject reason codes must be dense: " + BY_CODE[i]);
            }
        }
    }
}
