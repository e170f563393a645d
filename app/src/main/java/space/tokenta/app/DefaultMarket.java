package space.tokenta.app;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.instrument.FeeModel;
import space.tokenta.engine.instrument.InstrumentClass;
import space.tokenta.settlement.DevSettlement;
import space.tokenta.settlement.fee.EscrowFeeSchedule;
import space.tokenta.settlement.verification.ReferenceDeliveries;
import space.tokenta.verify.pipeline.AssetClass;

/** The reference data {@code tokenta up} starts with: two stablecoins and one instrument per AI-capacity class. */
final class DefaultMarket {
    static final int USDT = 1;
    static final int USDC = 2;

    record InstrumentSpec(int instrumentId, String symbol, InstrumentClass instrumentClass, int quoteAssetId,
            long tickValueQuoteUnits, long lotSizeUnits, long minPriceTicks, long maxPriceTicks, int makerFeeBps,
            int takerFeeBps, FeeModel feeModel) {
    }

    /** Quote units are micro-dollars (6 decimals, as USDT/USDC); one tick is one cent. */
    static final List<InstrumentSpec> INSTRUMENTS = List.of(
            new InstrumentSpec(1, "H100-80G.1H.2026-12-01T00Z", InstrumentClass.COMPUTE_BLOCK, USDT, 10_000, 1,
                    1, 1_000_000, 2, 5, FeeModel.MAKER_TAKER),
            new InstrumentSpec(2, "GPT-FT-04", InstrumentClass.API_QUOTA, USDT, 10_000, 1_000_000, 1, 1_000_000, 2, 5,
                    FeeModel.MAKER_TAKER),
            new InstrumentSpec(3, "VISION-V2", InstrumentClass.MODEL_ACCESS, USDC, 10_000, 1, 1, 1_000_000, 5, 10,
                    FeeModel.MAKER_TAKER),
            new InstrumentSpec(4, "LLM-DATA-X", InstrumentClass.DATASET, USDC, 10_000, 1, 1, 1_000_000, 5, 10,
                    FeeModel.MAKER_TAKER));

    /**
     * The instruments with the fees of the escrow their fills settle through: the seller pays the escrow's
     * fee on every fill, the buyer none, so the ledger and the contract agree to the unit.
     */
    static List<InstrumentSpec> withFees(final EscrowFeeSchedule fees) {
        return INSTRUMENTS.stream().map(s -> new InstrumentSpec(s.instrumentId(), s.symbol(), s.instrumentClass(),
                s.quoteAssetId(), s.tickValueQuoteUnits(), s.lotSizeUnits(), s.minPriceTicks(), s.maxPriceTicks(),
                fees.makerFeeBps(), fees.takerFeeBps(), fees.feeModel())).toList();
    }

    /** With {@code --demo} the second seller cheats on about one in this many of its deals. */
    static final int DEMO_CHEAT_ONE_IN_DEALS = 3;

    /**
     * Who delivers the dev chains' fills: the reference seller of each instrument's class, honest; with
     * the demo, {@link #DEV_SECOND_SELLER} cheats on a seeded fraction of its deals ({@link #DEV_SELLER} stays honest).
     */
    static DevSettlement.Deliveries deliveries(final boolean demo, final long demoSeed) {
        final Map<Integer, ReferenceDeliveries.Instrument> instruments = new HashMap<>();
        for (final InstrumentSpec spec : INSTRUMENTS) {
            // the engine's instrument classes and verify's asset classes share their names
            instruments.put(spec.instrumentId(), new ReferenceDeliveries.Instrument(
                    AssetClass.valueOf(spec.instrumentClass().name()), spec.symbol()));
        }
        return new DevSettlement.Deliveries(instruments, demo
                ? Map.of(DEV_SECOND_SELLER, new ReferenceDeliveries.CheatingSeller(DEV_SECOND_SELLER, demoSeed,
                        DEMO_CHEAT_ONE_IN_DEALS))
                : Map.of());
    }

    /** Settlement through escrow may take a day before an unsettled fill is voided. */
    static final long SETTLEMENT_TIMEOUT_NS = 24L * 3600 * 1_000_000_000L;

    /** Dev accounts a newcomer trades with (their API keys go to {@code <data>/dev-credentials}). */
    static final long DEV_BUYER = 1;
    static final long DEV_SELLER = 2;
    static final long DEV_ADMIN = 3;
    /** The dev chains' fourth trader wallet: the demo's second seller. */
    static final long DEV_SECOND_SELLER = 4;
    /** The dev buyer's deposit per stablecoin: one million dollars in micro-dollars. */
    static final long DEV_BUYER_DEPOSIT = 1_000_000L * 1_000_000L;
    static final long DEV_SELLER_EXPOSURE_LIMIT = 1_000_000L * 1_000_000L;
    static final long DEV_LISTING_LOTS = 1_000_000;
    /** Deposits need a chain; the dev deposits are booked on chain 1 with fixed event ids (idempotent). */
    static final int DEV_CHAIN_ID = 1;

    private DefaultMarket() {
    }

    /**
     * Engine commands that create the dev accounts: buyer, seller and admin; the buyer funded in both
     * stablecoins; the seller with an exposure limit and a listing on every instrument.
     */
    /**
     * The dev accounts 1..4 (buyer, seller, admin, and a fourth trader the demo sells with): engine
     * accounts 1..4 are the dev chains' trader wallets 0..3.
     *
     * @param creditBuyer book the buyer's funding here (no chains); with chains the buyer deposits on chain
     */
    static List<Command> devAccounts(final boolean creditBuyer) {
        final List<Command> commands = new java.util.ArrayList<>();
        for (final long account : new long[] {DEV_BUYER, DEV_SELLER, DEV_ADMIN, DEV_SECOND_SELLER}) {
            final Command c = new Command();
            c.type = CommandType.ADD_ACCOUNT;
            c.accountId = account;
            commands.add(c);
        }
        for (final int asset : creditBuyer ? new int[] {USDT, USDC} : new int[0]) {
            final Command c = new Command();
            c.type = CommandType.CREDIT_DEPOSIT;
            c.accountId = DEV_BUYER;
            c.assetId = asset;
            c.chainId = DEV_CHAIN_ID;
            c.amount = DEV_BUYER_DEPOSIT;
            // the engine keeps ids with the high bit clear for itself
            c.transferIdHi = Long.MIN_VALUE | 0xDE7;
            c.transferIdLo = asset;
            commands.add(c);
        }
        final Command limit = new Command();
        limit.type = CommandType.SET_EXPOSURE_LIMIT;
        limit.accountId = DEV_SELLER;
        limit.amount = DEV_SELLER_EXPOSURE_LIMIT;
        commands.add(limit);
        for (final InstrumentSpec spec : INSTRUMENTS) {
            final Command c = new Command();
            c.type = CommandType.REGISTER_LISTING;
            c.accountId = DEV_SELLER;
            c.instrumentId = spec.instrumentId();
            c.quantityLots = DEV_LISTING_LOTS;
            commands.add(c);
        }
        return commands;
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
        c.feeModel = spec.feeModel();
        c.timeoutNs = SETTLEMENT_TIMEOUT_NS;
        return c;
    }
}
