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
    public final int maxFeeBps;
    public final long settlementTimeoutNs;
    public final BookSide bids = new BookSide(true, 64);
    public final BookSide asks = new BookSide(false, 64);
    /** Ledger slot of the FEES account of the quote asset once a fill has opened it (-1 before): a cache, not state. */
    public int feesLedgerSlot = -1;

    public Instrument(final int instrumentId, final String symbol, final InstrumentClass instrumentClass,
            final int quoteAssetId, final long tickValueQuoteUnits, final long lotSizeUnits, final long minQuantityLots,
            final long maxQuantityLots, final long minPriceTicks, final long maxPriceTicks, final int makerFeeBps,
            final int takerFeeBps, final long settlementTimeoutNs) {
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
        this.maxFeeBps = Math.max(makerFeeBps, takerFeeBps);
        this.settlementTimeoutNs = settlementTimeoutNs;
    }

    public BookSide side(final boolean buy) {
        return buy ? bids : asks;
    }

    /** Quote units of {@code lots} at {@code priceTicks}; bounded by Limits.MAX_NOTIONAL for valid inputs. */
    public long notional(final long priceTicks, final long lots) {
        return priceTicks * lots * tickValueQuoteUnits;
    }

    /** Fee on {@code notional}, rounded down. */
    public static long fee(final long notional, final int bps) {
        return notional * bps / 10_000;
    }

    /** What a buy of {@code lots} at limit {@code priceTicks} holds: notional plus the larger fee. */
    public long buyHold(final long priceTicks, final long lots) {
        final long notional = notional(priceTicks, lots);
        return notional + fee(notional, maxFeeBps);
    }
}
