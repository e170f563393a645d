package space.tokenta.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import space.tokenta.engine.Engine;
import space.tokenta.engine.EngineConfig;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.event.NoOpEventSink;
import space.tokenta.engine.instrument.InstrumentClass;
import space.tokenta.engine.order.OrderType;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;

/**
 * Hot paths of the engine on one book of ~1,000 resting orders. Each benchmark leaves the book as it
 * found it, so the state is steady: place+cancel, amend (move price and back), and an IOC that
 * trades one lot against the best bid followed by escrow posting its settlement.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED", "-XX:+UseParallelGC"})
public class EngineBenchmark {
    private static final int INSTRUMENT = 1;
    private static final long CENTER = 10_000;

    private Engine engine;
    private final SettlementCapture sink = new SettlementCapture();
    private final Command place = new Command();
    private final Command cancel = new Command();
    private final Command amend = new Command();
    private final Command ioc = new Command();
    private final Command post = new Command();
    private long timestampNs = 1_000;
    private long nextOrderId = 1_000_000;
    private boolean movedUp;

    /** Remembers the settlement id of the last trade so the benchmark can post it. */
    static final class SettlementCapture extends NoOpEventSink {
        long settlementIdHi;
        long settlementIdLo;

        @Override
        public void onTrade(final long ts, final int instrumentId, final long tradeId, final long makerOrderId,
                final long makerAccountId, final long takerOrderId, final long takerAccountId, final Side takerSide,
                final long priceTicks, final long quantityLots, final long makerRemainingLots,
                final long takerRemainingLots, final long notional, final long buyerFee, final long sellerFee,
                final long hi, final long lo) {
            settlementIdHi = hi;
            settlementIdLo = lo;
        }
    }

    private Command command(final CommandType type) {
        final Command c = new Command();
        c.type = type;
        c.timestampNs = ++timestampNs;
        return c;
    }

    @Setup
    public void setUp() {
        engine = new Engine(new EngineConfig(1 << 14, 1 << 10, 1 << 16, 1 << 20, false));
        final Command asset = command(CommandType.ADD_ASSET);
        asset.assetId = 1;
        engine.apply(asset, sink);
        final Command instrument = command(CommandType.ADD_INSTRUMENT);
        instrument.instrumentId = INSTRUMENT;
        instrument.symbol = "GPT-FT-04";
        instrument.instrumentClass = InstrumentClass.API_QUOTA;
        instrument.assetId = 1;
        instrument.tickValueQuoteUnits = 1;
        instrument.lotSizeUnits = 1;
        instrument.minQuantityLots = 1;
        instrument.maxQuantityLots = 1_000_000_000;
        instrument.minPriceTicks = 1;
        instrument.maxPriceTicks = 50_000;
        instrument.makerFeeBps = 2;
        instrument.takerFeeBps = 5;
        engine.apply(instrument, sink);
        for (long account = 1; account <= 100; account++) {
            final Command add = command(CommandType.ADD_ACCOUNT);
            add.accountId = account;
            engine.apply(add, sink);
            final Command deposit = command(CommandType.CREDIT_DEPOSIT);
            deposit.transferIdHi = 1;
            deposit.transferIdLo = account;
            deposit.chainId = 1;
            deposit.accountId = account;
            deposit.assetId = 1;
            deposit.amount = 1L << 50;
            engine.apply(deposit, sink);
            final Command listing = command(CommandType.REGISTER_LISTING);
            listing.accountId = account;
            listing.instrumentId = INSTRUMENT;
            listing.quantityLots = 1L << 50;
            engine.apply(listing, sink);
            final Command limit = command(CommandType.SET_EXPOSURE_LIMIT);
            limit.accountId = account;
            limit.amount = 1L << 55;
            engine.apply(limit, sink);
        }
        // the best bid is one huge order the IOC benchmark trades against, lot by lot
        engine.apply(order(1, 1, Side.BUY, CENTER - 1, 900_000_000, TimeInForce.GTC), sink);
        for (int i = 0; i < 1_000; i++) {
            final boolean buy = i % 2 == 0;
            final long offset = 2 + i % 50;
            engine.apply(order(10 + i, 2 + i % 99, buy ? Side.BUY : Side.SELL, buy ? CENTER - offset : CENTER + offset,
                    1 + i % 100, TimeInForce.GTC), sink);
        }
        place.copyFrom(order(0, 7, Side.BUY, CENTER - 30, 10, TimeInForce.GTC));
        cancel.type = CommandType.CANCEL_ORDER;
        cancel.accountId = 7;
        amend.type = CommandType.AMEND_ORDER;
        amend.accountId = 2 + 500 % 99;
        amend.orderId = 10 + 500;
        ioc.copyFrom(order(0, 50, Side.SELL, CENTER - 1, 1, TimeInForce.IOC));
        post.type = CommandType.POST_PENDING_TRANSFER;
    }

    private Command order(final long orderId, final long account, final Side side, final long price, final long qty,
            final TimeInForce tif) {
        final Command c = command(CommandType.PLACE_ORDER);
        c.orderId = orderId;
        c.accountId = account;
        c.instrumentId = INSTRUMENT;
        c.side = side;
        c.orderType = OrderType.LIMIT;
        c.timeInForce = tif;
        c.stpMode = StpMode.NONE;
        c.priceTicks = price;
        c.quantityLots = qty;
        return c;
    }

    /** A new resting buy inside the book, then its cancel (two commands). */
    @Benchmark
    public long placeAndCancel() {
        final long orderId = ++nextOrderId;
        place.orderId = orderId;
        place.timestampNs = ++timestampNs;
        engine.apply(place, sink);
        cancel.orderId = orderId;
        cancel.timestampNs = timestampNs;
        engine.apply(cancel, sink);
        return orderId;
    }

    /** Moves one resting order's price by a tick (it loses priority); alternates up and down. */
    @Benchmark
    public long amendPrice() {
        movedUp = !movedUp;
        final long base = CENTER - 2 - (500 % 50);
        amend.priceTicks = movedUp ? base - 1 : base;
        amend.quantityLots = 1 + 500 % 100;
        amend.timestampNs = ++timestampNs;
        engine.apply(amend, sink);
        return amend.priceTicks;
    }

    /** An IOC sell of one lot trading against the best bid, then escrow posting that fill's settlement. */
    @Benchmark
    public long matchAndSettle() {
        ioc.orderId = ++nextOrderId;
        ioc.timestampNs = ++timestampNs;
        engine.apply(ioc, sink);
        post.transferIdHi = sink.settlementIdHi;
        post.transferIdLo = sink.settlementIdLo;
        post.timestampNs = timestampNs;
        engine.apply(post, sink);
        return sink.settlementIdLo;
    }
}
