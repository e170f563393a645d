package space.tokenta.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.agrona.collections.Long2LongHashMap;
import space.tokenta.engine.Engine;
import space.tokenta.engine.EngineConfig;
import space.tokenta.engine.Limits;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.event.CancelReason;
import space.tokenta.engine.event.NoOpEventSink;
import space.tokenta.engine.instrument.InstrumentClass;
import space.tokenta.engine.order.OrderType;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;

/**
 * Seeded workload generator modelled on exchange-core's test orders generator. It drives a real
 * engine while generating, so it always knows which orders are still open (to cancel, move or
 * reduce them); the same seed and scenario give the same stream.
 */
public final class WorkloadGenerator {
    public static final int QUOTE_ASSET = 1;
    public static final int CHAIN_ID = 1;
    private static final long CENTER_PRICE = 100_000;
    private static final long TICK_STEP_NS = 1_000;

    private final Scenario scenario;
    private final SplittableRandom random;
    private final Engine engine;
    private final Tracker tracker = new Tracker();
    private final long[][] openOrders;
    private final int[] openCount;
    private final Long2LongHashMap positionByOrderId;
    private final List<Command> setup = new ArrayList<>();
    private long timestampNs = 1_000_000_000L;
    private long nextOrderId = 1;

    private WorkloadGenerator(final Scenario scenario, final long seed) {
        this.scenario = scenario;
        this.random = new SplittableRandom(seed);
        final int capacity = (int) Math.min(1 << 26, scenario.restingOrders() * 2 + 1024);
        this.engine = new Engine(new EngineConfig(capacity, Math.max(16, scenario.accounts() * 2), 1 << 16, 1 << 26, false));
        this.openOrders = new long[scenario.books()][scenario.ordersPerBook() * 2 + 16];
        this.openCount = new int[scenario.books()];
        this.positionByOrderId = new Long2LongHashMap(capacity * 2, 0.5f, -1L);
    }

    /** Generates {@code commandCount} measured commands of {@code scenario} from {@code seed}. */
    public static Workload generate(final Scenario scenario, final long seed, final int commandCount) {
        final WorkloadGenerator generator = new WorkloadGenerator(scenario, seed);
        generator.referenceData();
        generator.fillBooks();
        final Command[] commands = new Command[commandCount];
        for (int i = 0; i < commandCount; i++) {
            commands[i] = generator.nextCommand();
        }
        return new Workload(scenario.cliName(), seed, generator.setup.toArray(new Command[0]), commands);
    }

    private Command command(final CommandType type) {
        final Command c = new Command();
        c.type = type;
        timestampNs += TICK_STEP_NS;
        c.timestampNs = timestampNs;
        return c;
    }

    private void setupCommand(final Command c) {
        engine.apply(c, NoOpEventSink.INSTANCE);
        setup.add(c);
    }

    private static String symbol(final int book) {
        final int n = book + 1;
        return switch (book % 4) {
            case 0 -> "H100-80G.1H.B" + n;
            case 1 -> "GPT-FT-" + n;
            case 2 -> "VISION-V" + n;
            default -> "LLM-DATA-" + n;
        };
    }

    private void referenceData() {
        final Command asset = command(CommandType.ADD_ASSET);
        asset.assetId = QUOTE_ASSET;
        setupCommand(asset);
        for (int book = 0; book < scenario.books(); book++) {
            final Command c = command(CommandType.ADD_INSTRUMENT);
            c.instrumentId = book + 1;
            c.symbol = symbol(book);
            c.instrumentClass = InstrumentClass.fromCode(book % 4);
            c.assetId = QUOTE_ASSET;
            c.tickValueQuoteUnits = 1;
            c.lotSizeUnits = 1;
            c.minQuantityLots = 1;
            c.maxQuantityLots = 100_000;
            c.minPriceTicks = 1;
            c.maxPriceTicks = 10_000_000;
            c.makerFeeBps = 2;
            c.takerFeeBps = 5;
            setupCommand(c);
        }
        for (long account = 1; account <= scenario.accounts(); account++) {
            final Command add = command(CommandType.ADD_ACCOUNT);
            add.accountId = account;
            setupCommand(add);
            final Command deposit = command(CommandType.CREDIT_DEPOSIT);
            deposit.transferIdHi = CHAIN_ID;
            deposit.transferIdLo = account;
            deposit.chainId = CHAIN_ID;
            deposit.accountId = account;
            deposit.assetId = QUOTE_ASSET;
            deposit.amount = 1L << 50;
            setupCommand(deposit);
            final Command limit = command(CommandType.SET_EXPOSURE_LIMIT);
            limit.accountId = account;
            limit.amount = Limits.MAX_AMOUNT;
            setupCommand(limit);
        }
        for (int book = 0; book < scenario.books(); book++) {
            for (int j = 0; j < scenario.sellersPerBook(); j++) {
                final Command listing = command(CommandType.REGISTER_LISTING);
                listing.accountId = seller(book, j);
                listing.instrumentId = book + 1;
                listing.quantityLots = 1L << 50;
                setupCommand(listing);
            }
        }
    }

    private long seller(final int book, final int j) {
        return ((long) book * scenario.sellersPerBook() + j) % scenario.accounts() + 1;
    }

    private void fillBooks() {
        for (int round = 0; round < scenario.ordersPerBook(); round++) {
            for (int book = 0; book < scenario.books(); book++) {
                final Command c = newOrder(book, random.nextBoolean() ? Side.BUY : Side.SELL, TimeInForce.GTC, false);
                engine.apply(c, tracker);
                afterOrder(book, c.orderId);
                setup.add(c);
            }
        }
    }

    private Command newOrder(final int book, final Side side, final TimeInForce tif, final boolean aggressive) {
        final Command c = command(CommandType.PLACE_ORDER);
        c.instrumentId = book + 1;
        c.side = side;
        c.orderType = OrderType.LIMIT;
        c.timeInForce = tif;
        c.stpMode = StpMode.NONE;
        c.orderId = nextOrderId++;
        c.clientOrderId = c.orderId;
        c.accountId = side == Side.BUY ? 1 + random.nextInt(scenario.accounts())
                : seller(book, random.nextInt(scenario.sellersPerBook()));
        // passive orders rest 1..~60 ticks away from the centre; aggressive ones reach across it
        final long offset = aggressive ? -(1 + random.nextInt(20)) : 1 + (long) Math.abs(random.nextInt(40) - random.nextInt(20));
        c.priceTicks = side == Side.BUY ? CENTER_PRICE - offset : CENTER_PRICE + offset;
        c.quantityLots = aggressive ? 1 + random.nextInt(40) : 1 + random.nextInt(100);
        return c;
    }

    private Command nextCommand() {
        final int book = random.nextInt(scenario.books());
        int roll = random.nextInt(100);
        final int open = openCount[book];
        // keep each book near its target size, as exchange-core's generator does
        if (open < scenario.ordersPerBook() * 9 / 10 && roll >= scenario.gtcPct()) {
            roll = random.nextInt(100) < 50 ? 0 : roll;
        } else if (open > scenario.ordersPerBook() * 11 / 10 && roll < scenario.gtcPct()) {
            roll = scenario.gtcPct() + scenario.iocPct() + scenario.marketPct(); // cancel instead
        }
        Command c;
        if (open == 0 || roll < scenario.gtcPct()) {
            c = newOrder(book, random.nextBoolean() ? Side.BUY : Side.SELL, TimeInForce.GTC, random.nextInt(10) == 0);
        } else if ((roll -= scenario.gtcPct()) < scenario.iocPct()) {
            c = newOrder(book, random.nextBoolean() ? Side.BUY : Side.SELL, TimeInForce.IOC, true);
            c.stpMode = random.nextBoolean() ? StpMode.NONE : StpMode.EXPIRE_TAKER;
        } else if ((roll -= scenario.iocPct()) < scenario.marketPct()) {
            c = newOrder(book, random.nextBoolean() ? Side.BUY : Side.SELL,
                    random.nextInt(4) == 0 ? TimeInForce.FOK : TimeInForce.IOC, true);
            c.orderType = OrderType.MARKET;
            c.protectionPriceTicks = c.side == Side.BUY ? CENTER_PRICE + 50 : CENTER_PRICE - 50;
            c.priceTicks = 0;
            c.stpMode = StpMode.EXPIRE_TAKER;
        } else {
            roll -= scenario.marketPct();
            final long orderId = openOrders[book][random.nextInt(open)];
            if (roll < scenario.cancelPct() && open > scenario.ordersPerBook() / 2) {
                c = command(CommandType.CANCEL_ORDER);
                c.orderId = orderId;
            } else {
                final long price = engine.openPrice(orderId);
                final long qty = engine.openQuantity(orderId);
                c = command(CommandType.AMEND_ORDER);
                c.orderId = orderId;
                if (roll >= scenario.cancelPct() + scenario.movePct() && qty > 1) {
                    c.priceTicks = price;
                    c.quantityLots = 1 + random.nextInt((int) Math.min(qty - 1, Integer.MAX_VALUE - 1));
                } else {
                    long move = random.nextInt(7) - 3;
                    if (move == 0) {
                        move = 1;
                    }
                    // drift back towards the centre so the book stays around it
                    if (Math.abs(price + move - CENTER_PRICE) > 80) {
                        move = price > CENTER_PRICE ? -2 : 2;
                    }
                    c.priceTicks = Math.max(1, price + move);
                    c.quantityLots = qty;
                }
            }
            c.accountId = ownerOf(orderId);
            c.instrumentId = book + 1;
        }
        engine.apply(c, tracker);
        if (c.type == CommandType.PLACE_ORDER || c.type == CommandType.AMEND_ORDER) {
            afterOrder(book, c.orderId);
        }
        return c;
    }

    private final Long2LongHashMap ownerByOrderId = new Long2LongHashMap(1 << 16, 0.5f, -1L);

    private long ownerOf(final long orderId) {
        return ownerByOrderId.get(orderId);
    }

    private void afterOrder(final int book, final long orderId) {
        final boolean open = engine.openQuantity(orderId) > 0;
        final boolean tracked = positionByOrderId.containsKey(orderId);
        if (open && !tracked) {
            add(book, orderId);
        } else if (!open && tracked) {
            remove(orderId);
        }
    }

    private void add(final int book, final long orderId) {
        long[] ids = openOrders[book];
        if (openCount[book] == ids.length) {
            ids = java.util.Arrays.copyOf(ids, ids.length * 2);
            openOrders[book] = ids;
        }
        final int position = openCount[book]++;
        ids[position] = orderId;
        positionByOrderId.put(orderId, ((long) book << 32) | position);
        ownerByOrderId.put(orderId, lastAccount);
    }

    private void remove(final long orderId) {
        final long packed = positionByOrderId.remove(orderId);
        if (packed == -1L) {
            return;
        }
        ownerByOrderId.remove(orderId);
        final int book = (int) (packed >>> 32);
        final int position = (int) packed;
        final int last = --openCount[book];
        final long moved = openOrders[book][last];
        openOrders[book][position] = moved;
        if (moved != orderId) {
            positionByOrderId.put(moved, ((long) book << 32) | position);
        }
    }

    private long lastAccount;

    /** Learns, from the engine's events, which orders left the book. */
    private final class Tracker extends NoOpEventSink {
        @Override
        public void onOrderAccepted(final long ts, final int instrumentId, final long orderId, final long accountId,
                final long clientOrderId, final Side side, final OrderType orderType, final TimeInForce tif,
                final long priceTicks, final long quantityLots) {
            lastAccount = accountId;
        }

        @Override
        public void onTrade(final long ts, final int instrumentId, final long tradeId, final long makerOrderId,
                final long makerAccountId, final long takerOrderId, final long takerAccountId, final Side takerSide,
                final long priceTicks, final long quantityLots, final long makerRemainingLots,
                final long takerRemainingLots, final long notional, final long buyerFee, final long sellerFee,
                final long settlementIdHi, final long settlementIdLo) {
            if (makerRemainingLots == 0) {
                remove(makerOrderId);
            }
        }

        @Override
        public void onOrderCancelled(final long ts, final int instrumentId, final long orderId, final long accountId,
                final long remainingLots, final CancelReason reason) {
            remove(orderId);
        }

        @Override
        public void onOrderExpired(final long ts, final int instrumentId, final long orderId, final long accountId,
                final long remainingLots) {
            remove(orderId);
        }
    }
}
