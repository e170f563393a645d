package space.tokenta.app;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.event.Event;
import space.tokenta.engine.event.RejectReason;
import space.tokenta.engine.order.OrderType;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;

/**
 * The decisions of the demo market's simulated traders, as a pure function of a seed and the engine's
 * answers: the same seed and answers give the same commands. Sellers quote asks and buyers quote bids
 * around a reference price that drifts per instrument; now and then a taker crosses the spread with an
 * IOC order. Each account keeps at most {@link #MAX_RESTING_PER_ACCOUNT} resting orders; older ones are
 * cancelled first, so the book stays bounded however long the demo runs.
 */
final class DemoFlow {
    /** The demo's own accounts on a node without chains: funded by a booked credit. */
    static final long[] OWN_SELLERS = {101, 102, 103};
    static final long[] OWN_BUYERS = {111, 112, 113};
    static final int MAX_RESTING_PER_ACCOUNT = 12;
    /** Quote units (micro-dollars) each demo buyer is funded with per asset: ten million dollars. */
    static final long BUYER_FUNDING_QUOTE_UNITS = 10_000_000L * 1_000_000L;
    static final long SELLER_LISTING_LOTS = 1_000_000_000L;
    static final long SELLER_EXPOSURE_QUOTE_UNITS = 1_000_000_000L * 1_000_000L;
    static final long MAX_ORDER_LOTS = 20;
    static final int DEMO_FUNDING_CHAIN_ID = 31_337;
    /** Takers cross at most this many ticks beyond the reference price. */
    static final long TAKER_REACH_TICKS = 6;

    private final SplittableRandom random;
    private final List<DefaultMarket.InstrumentSpec> instruments;
    private final long[] referenceTicks;
    private final List<ArrayDeque<Long>> restingByAccount = new ArrayList<>();
    private final long[] sellers;
    private final long[] buyers;
    private final boolean creditBuyers;
    private long nextClientOrderId;

    /** The demo on its own accounts ({@link #OWN_SELLERS}, {@link #OWN_BUYERS}), buyers funded by a booked credit. */
    DemoFlow(final long seed, final List<DefaultMarket.InstrumentSpec> instruments, final long clientOrderIdBase) {
        this(seed, instruments, clientOrderIdBase, OWN_SELLERS, OWN_BUYERS, true);
    }

    /**
     * @param creditBuyers whether {@link #setup} books the buyers' funding; false when they deposit on chain
     */
    DemoFlow(final long seed, final List<DefaultMarket.InstrumentSpec> instruments, final long clientOrderIdBase,
            final long[] sellers, final long[] buyers, final boolean creditBuyers) {
        if (instruments.isEmpty() || sellers.length == 0 || buyers.length == 0) {
            throw new IllegalArgumentException("the demo needs an instrument, a seller and a buyer");
        }
        this.sellers = sellers.clone();
        this.buyers = buyers.clone();
        this.creditBuyers = creditBuyers;
        this.random = new SplittableRandom(seed);
        this.instruments = List.copyOf(instruments);
        this.referenceTicks = new long[instruments.size()];
        for (int i = 0; i < referenceTicks.length; i++) {
            referenceTicks[i] = startingPriceTicks(instruments.get(i));
        }
        for (int i = 0; i < accounts(); i++) {
            restingByAccount.add(new ArrayDeque<>());
        }
        this.nextClientOrderId = clientOrderIdBase;
    }

    /** Where a class of capacity trades at first: one tick is one cent per lot. */
    static long startingPriceTicks(final DefaultMarket.InstrumentSpec spec) {
        final long ticks = switch (spec.instrumentClass()) {
            case COMPUTE_BLOCK -> 250;
            case API_QUOTA -> 400;
            case MODEL_ACCESS -> 1_200;
            case DATASET -> 5_000;
        };
        return Math.max(spec.minPriceTicks() + TAKER_REACH_TICKS, Math.min(spec.maxPriceTicks() - TAKER_REACH_TICKS, ticks));
    }

    /**
     * The commands that make the demo accounts exist, funded and listed. Each is safe to repeat on a
     * node that already has them: a repeat is rejected as existing or changes nothing.
     */
    List<Command> setup() {
        final List<Command> out = new ArrayList<>();
        for (int i = 0; i < accounts(); i++) {
            final Command c = new Command();
            c.type = CommandType.ADD_ACCOUNT;
            c.accountId = account(i);
            out.add(c);
        }
        for (int b = 0; b < buyers.length && creditBuyers; b++) {
            for (final int assetId : new int[] {DefaultMarket.USDT, DefaultMarket.USDC}) {
                final Command c = new Command();
                c.type = CommandType.CREDIT_DEPOSIT;
                c.accountId = buyers[b];
                c.assetId = assetId;
                c.amount = BUYER_FUNDING_QUOTE_UNITS;
                // booked as a deposit on the dev Ethereum chain; the demo does not move tokens on that chain
                c.chainId = DEMO_FUNDING_CHAIN_ID;
                // a fixed id per (account, asset): the engine credits it once, however often the demo starts
                c.transferIdHi = fundingIdHigh();
                c.transferIdLo = c.accountId << 16 | assetId;
                out.add(c);
            }
        }
        for (final long seller : sellers) {
            for (final DefaultMarket.InstrumentSpec spec : instruments) {
                final Command c = new Command();
                c.type = CommandType.REGISTER_LISTING;
                c.accountId = seller;
                c.instrumentId = spec.instrumentId();
                c.quantityLots = SELLER_LISTING_LOTS;
                out.add(c);
            }
            final Command limit = new Command();
            limit.type = CommandType.SET_EXPOSURE_LIMIT;
            limit.accountId = seller;
            limit.amount = SELLER_EXPOSURE_QUOTE_UNITS;
            out.add(limit);
        }
        return out;
    }

    /** A setup command's rejection that only says the state is already there. */
    static boolean isRepeat(final RejectReason reason) {
        return reason == RejectReason.ACCOUNT_EXISTS || reason == RejectReason.DUPLICATE_TRANSFER_ID;
    }

    private static long fundingIdHigh() {
        long h = 0xcbf29ce484222325L;
        for (final byte b : "tokenta-demo-funding".getBytes(StandardCharsets.US_ASCII)) {
            h = (h ^ b) * 0x100000001b3L;
        }
        return h;
    }

    /** The next trading command into {@code into} (cleared first). */
    Command next(final Command into) {
        into.clear();
        final int accountIndex = random.nextInt(accounts());
        final ArrayDeque<Long> resting = restingByAccount.get(accountIndex);
        if (resting.size() >= MAX_RESTING_PER_ACCOUNT) {
            into.type = CommandType.CANCEL_ORDER;
            into.accountId = account(accountIndex);
            into.orderId = resting.pollFirst();
            return into;
        }
        final int instrumentIndex = random.nextInt(instruments.size());
        final DefaultMarket.InstrumentSpec spec = instruments.get(instrumentIndex);
        final long reference = drift(instrumentIndex, spec);
        final boolean seller = accountIndex < sellers.length;
        final boolean taker = random.nextInt(100) < 30;
        into.type = CommandType.PLACE_ORDER;
        into.accountId = account(accountIndex);
        into.instrumentId = spec.instrumentId();
        into.clientOrderId = ++nextClientOrderId;
        into.side = seller ? Side.SELL : Side.BUY;
        into.orderType = OrderType.LIMIT;
        into.stpMode = StpMode.EXPIRE_TAKER;
        into.quantityLots = 1 + random.nextLong(MAX_ORDER_LOTS);
        final long offsetTicks = 1 + random.nextLong(TAKER_REACH_TICKS);
        if (taker) {
            into.timeInForce = TimeInForce.IOC;
            into.priceTicks = seller ? reference - offsetTicks : reference + offsetTicks;
        } else {
            into.timeInForce = TimeInForce.GTC;
            into.priceTicks = seller ? reference + offsetTicks : reference - offsetTicks;
        }
        into.priceTicks = Math.max(spec.minPriceTicks(), Math.min(spec.maxPriceTicks(), into.priceTicks));
        return into;
    }

    /** Learns which orders rest from the engine's answer to a command that {@link #next} made. */
    void onAnswer(final Command command, final long orderId, final List<Event> events) {
        if (command.type != CommandType.PLACE_ORDER || command.timeInForce != TimeInForce.GTC) {
            return;
        }
        long filledLots = 0;
        boolean accepted = false;
        for (final Event e : events) {
            if (e instanceof Event.OrderAccepted a && a.orderId() == orderId) {
                accepted = true;
            } else if (e instanceof Event.Trade t && t.takerOrderId() == orderId) {
                filledLots += t.quantityLots();
            } else if (e instanceof Event.OrderCancelled c && c.orderId() == orderId) {
                return;
            }
        }
        if (accepted && filledLots < command.quantityLots) {
            restingByAccount.get(accountIndex(command.accountId)).addLast(orderId);
        }
    }

    long referenceTicks(final int instrumentIndex) {
        return referenceTicks[instrumentIndex];
    }

    /** A bounded random walk: at most one tick a step, never closer than the taker's reach to the band. */
    private long drift(final int instrumentIndex, final DefaultMarket.InstrumentSpec spec) {
        final long step = random.nextInt(3) - 1L;
        final long low = spec.minPriceTicks() + TAKER_REACH_TICKS;
        final long high = spec.maxPriceTicks() - TAKER_REACH_TICKS;
        referenceTicks[instrumentIndex] = Math.max(low, Math.min(high, referenceTicks[instrumentIndex] + step));
        return referenceTicks[instrumentIndex];
    }

    int accounts() {
        return sellers.length + buyers.length;
    }

    /** Account {@code index}: the sellers first, then the buyers. */
    long account(final int index) {
        return index < sellers.length ? sellers[index] : buyers[index - sellers.length];
    }

    int accountIndex(final long accountId) {
        for (int i = 0; i < accounts(); i++) {
            if (account(i) == accountId) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a demo account: " + accountId);
    }
}
