package space.tokenta.engine.instrument;

/**
 * Who pays an instrument's trading fee on a fill. Codes are stable (command codec, snapshot).
 */
public enum FeeModel {
    /**
     * Each side pays by its role: the resting order's owner the maker fee, the incoming order's owner the
     * taker fee. A buy holds notional plus the larger of the two fees.
     */
    MAKER_TAKER(0),
    /**
     * The seller pays the whole fee, at the maker rate when its order rested and the taker rate when it
     * took; the buyer pays none and a buy holds only the notional. This is what an escrow contract that
     * takes its fee out of the deal amount (the seller's side) can settle exactly: an escrow-settled
     * market sets both rates to the contract's fee, so the seller pays it on every fill whoever rested.
     */
    SELLER_PAYS(1);

    private static final FeeModel[] BY_CODE = {MAKER_TAKER, SELLER_PAYS};
    private final int code;

    FeeModel(final int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @return the model for {@code code}, or {@code null} when the code is unknown. */
    public static FeeModel fromCode(final int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
