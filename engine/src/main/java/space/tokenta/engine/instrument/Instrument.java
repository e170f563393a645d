package space.tokenta.engine.instrument;

import space.tokenta.engine.orderbook.BookSide;

/** One listed instrument: its static definition and its order book (two sides). */
public final class Instrument {
    public final int instrumentId;
    public final String symbol;
    public final InstrumentClass instrumentClass;
    public final int quoteAssetId;
    public final long tickValueQuoteUnits;
    public final long lotSizeUnits;
    public final long minQuantityLots;
    public final long maxQuantityLots;
    public final long minPriceTicks;
    public final long maxPriceTicks;
    public final int makerFeeBps;
    public final int takerFeeBps;
    public final FeeModel feeModel;
    /** The buyer's fee rate when the buyer's order rested / took: the role's rate, or 0 when the seller pays. */
    public final int buyerMakerFeeBps;
    public final int buyerTakerFeeBps;
    /** The largest fee rate a buyer can pay on a fill: what a buy holds on top of its notional. */
    public final int maxFeeBps;
    public final long settlementTimeoutNs;
    public final BookSide bids = new BookSide(true, 64);
    public final BookSide asks = new BookSide(false, 64);
    /** Ledger slot of the FEES account of the quote asset once a fill has opened it (-1 before): a cache, not state. */
    public int feesLedgerSlot = -1;

    public Instrument(final int instrumentId, final String symbol, final InstrumentClass instrumentClass,
            final int quoteAssetId, final long tickValueQuoteUnits, final long lotSizeUnits, final long minQuantityLots,
            final long maxQuantityLots, final long minPriceTicks, final long maxPriceTicks, final int makerFeeBps,
            final int takerFeeBps, final long settlementTimeoutNs, final FeeModel feeModel) {
        this.instrumentId = instrumentId;
        this.symbol = symbol;
        this.instrumentClass = instrumentClass;
        this.quoteAssetId = quoteAssetId;
        this.tickValueQuoteUnits = tickValueQuoteUnits;
        this.lotSizeUnits = lotSizeUnits;
        this.minQuantityLots = minQuantityLots;
        this.maxQuantityLots = maxQuantityLots;
        this.minPriceTicks = minPriceTicks;
        this.maxPriceTicks = maxPriceTicks;
        this.makerFeeBps = makerFeeBps;
        this.takerFeeBps = takerFeeBps;
        if (feeModel == null) {
            throw new IllegalArgumentException("instrument " + instrumentId + " without a fee model");
        }
        this.feeModel = feeModel;
        final boolean buyerPays = feeModel == FeeModel.MAKER_TAKER;
        this.buyerMakerFeeBps = buyerPays ? makerFeeBps : 0;
        this.buyerTakerFeeBps = buyerPays ? takerFeeBps : 0;
        this.maxFeeBps = Math.max(buyerMakerFeeBps, buyerTakerFeeBps);
        this.settlementTimeoutNs = settlementTimeoutNs;
    }

    public BookSide side(final boolean buy) {
        return buy ? bids : asks;
    }

    /** Quote units of {@code lots} at {@code priceTicks}; bounded by Limits.MAX_NOTIONAL for valid inputs. */
    public long notional(final long priceTicks, final long lots) {
        return priceTicks * lots * tickValueQuoteUnits;
    }

    /**
     * Fee on {@code notional}, rounded down: the same floor division as the escrow contract's
     * {@code amount * feeBps / 10_000}, so a seller-pays fill's fee agrees with the contract's to the unit.
     */
    public static long fee(final long notional, final int bps) {
        return notional * bps / 10_000;
    }

    /** What a buy of {@code lots} at limit {@code priceTicks} holds: notional plus the larger fee the buyer can pay. */
    public long buyHold(final long priceTicks, final long lots) {
        final long notional = notional(priceTicks, lots);
        return notional + fee(notional, maxFeeBps);
    }
}
