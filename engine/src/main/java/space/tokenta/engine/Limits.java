package space.tokenta.engine;

/** Every explicit bound of the engine's inputs, in one place. */
public final class Limits {
    /** Trader account ids are 1..MAX_ACCOUNT_ID (40 bits). */
    public static final long MAX_ACCOUNT_ID = (1L << 40) - 1;
    /** Instrument ids are 1..MAX_INSTRUMENT_ID. */
    public static final int MAX_INSTRUMENT_ID = (1 << 24) - 1;
    /** Asset ids are 1..MAX_ASSET_ID. */
    public static final int MAX_ASSET_ID = (1 << 16) - 1;
    /** Chain ids are 1..MAX_CHAIN_ID; a chain's omnibus account has owner = chain id. */
    public static final int MAX_CHAIN_ID = Integer.MAX_VALUE;
    /** Owner of the fee accounts (one per asset). */
    public static final long FEE_OWNER = 0;
    /** High half of every transfer id the engine generates; external transfer ids may not use it. */
    public static final long ENGINE_TRANSFER_ID_HI = 0x546F6B656E746100L;
    public static final int MAX_SYMBOL_LENGTH = 64;
    public static final int MAX_FEE_BPS = 1_000;
    /**
     * Upper bound of any notional (maxPriceTicks x maxQuantityLots x tickValueQuoteUnits) so that
     * fee arithmetic (notional x bps) and sums of many holds cannot overflow a long.
     */
    public static final long MAX_NOTIONAL = 1L << 46;
    /** Upper bound of a deposit, withdrawal or exposure limit amount. */
    public static final long MAX_AMOUNT = 1L << 56;

    private Limits() {
    }
}
