package space.tokenta.app;

import java.util.List;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.instrument.InstrumentClass;

/** The reference data {@code tokenta up} starts with: two stablecoins and one instrument per AI-capacity class. */
final class DefaultMarket {
    static final int USDT = 1;
    static final int USDC = 2;

    record InstrumentSpec(int instrumentId, String symbol, InstrumentClass instrumentClass, int quoteAssetId,
            long tickValueQuoteUnits, long lotSizeUnits, long minPriceTicks, long maxPriceTicks, int makerFeeBps,
            int takerFeeBps) {
    }

    /** Quote units are micro-dollars (6 decimals, as USDT/USDC); one tick is one cent. */
    static final List<InstrumentSpec> INSTRUMENTS = List.of(
            new InstrumentSpec(1, "H100-80G.1H.2026-12-01T00Z", InstrumentClass.COMPUTE_BLOCK, USDT, 10_000, 1,
                    1, 1_000_000, 2, 5),
            new InstrumentSpec(2, "GPT-FT-04", InstrumentClass.API_QUOTA, USDT, 10_000, 1_000_000, 1, 1_000_000, 2, 5),
            new InstrumentSpec(3, "VISION-V2", InstrumentClass.MODEL_ACCESS, USDC, 10_000, 1, 1, 1_000_000, 5, 10),
            new InstrumentSpec(4, "LLM-DATA-X", InstrumentClass.DATASET, USDC, 10_000, 1, 1, 1_000_000, 5, 10));

    /** Settlement through escrow may take a day before an unsettled fill is voided. */
    static final long SETTLEMENT_TIMEOUT_NS = 24L * 3600 * 1_000_000_000L;

    private DefaultMarket() {
    }

    static Command asset(final long timestampNs, final int assetId) {
        final Command c = new Command();
        c.type = CommandType.ADD_ASSET;
        c.timestampNs = timestampNs;
        c.assetId = assetId;
        return c;
    }

    static Command instrument(final long timestampNs, final InstrumentSpec spec) {
        final Command c = new Command();
        c.type = CommandType.ADD_INSTRUMENT;
        c.timestampNs = timestampNs;
        c.instrumentId = spec.instrumentId();
        c.symbol = spec.symbol();
        c.instrumentClass = spec.instrumentClass();
        c.assetId = spec.quoteAssetId();
        c.tickValueQuoteUnits = spec.tickValueQuoteUnits();
        c.lotSizeUnits = spec.lotSizeUnits();
        c.minQuantityLots = 1;
        c.maxQuantityLots = 5_000;
        c.minPriceTicks = spec.minPriceTicks();
        c.maxPriceTicks = spec.maxPriceTicks();
        c.makerFeeBps = spec.makerFeeBps();
        c.takerFeeBps = spec.takerFeeBps();
        c.timeoutNs = SETTLEMENT_TIMEOUT_NS;
        return c;
    }
}
