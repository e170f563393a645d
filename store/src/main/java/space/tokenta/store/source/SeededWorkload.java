package space.tokenta.store.source;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import space.tokenta.engine.Limits;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.event.Event;
import space.tokenta.engine.instrument.InstrumentClass;
import space.tokenta.engine.order.OrderType;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;

/**
 * A deterministic exchange workload for projections: reference data, deposits, limit and market
 * orders, amends, cancels, settlement posts and voids (escrow release/refund), withdrawals and
 * clock ticks. It reads the events it causes (trades, open orders) to choose later commands, so a
 * seed always yields the same log.
 */
public final class SeededWorkload {
    public static final int QUOTE_ASSET = 1;
    public static final int CHAIN_ID = 1;
    public static final long CENTER_PRICE_TICKS = 10_000;
    private static final long STEP_NS = 250_000_000L; // 4 commands per second of sequenced time
    private static final long START_NS = 1_795_000_000_000_000_000L;
    private static final int MAX_TRACKED = 4_096;

    private final InProcessEventSource source;
    private final SplittableRandom random;
    private final int instruments;
    private final int accounts;
    private final List<Long> openOrders = new ArrayList<>();
    private final List<long[]> pendingSettlements = new ArrayList<>();
    private final List<long[]> pendingWithdrawals = new ArrayList<>();
    private final Command c = new Command();
    private long timestampNs = START_NS;
    private long nextOrderId = 1;
    private long nextTransferLo = 1;

    public SeededWorkload(final InProcessEventSource source, final long seed, final int instruments,
            final int accounts) {
        if (instruments < 1 || instruments > 64 || accounts < 2 || accounts > 100_000) {
            throw new IllegalArgumentException("instruments 1..64 and accounts 2..100000 required");
        }
        this.source = source;
        this.random = new SplittableRandom(seed);
        this.instruments = instruments;
        this.accounts = accounts;
    }

    /** Appends the reference data: asset, instruments, accounts with deposits, exposure limits and listings. */
    public void setup() {
        start(CommandType.ADD_ASSET).assetId = QUOTE_ASSET;
        append();
        for (int i = 1; i <= instruments; i++) {
            start(CommandType.ADD_INSTRUMENT);
            c.instrumentId = i;
            c.symbol = (i % 2 == 0 ? "GPT-FT-" : "H100-80G.1H.") + i;
            c.instrumentClass = InstrumentClass.fromCode(i % 4);
            c.assetId = QUOTE_ASSET;
            c.tickValueQuoteUnits = 1;
            c.lotSizeUnits = 1;
            c.minQuantityLots = 1;
            c.maxQuantityLots = 10_000;
            c.minPriceTicks = 1;
            c.maxPriceTicks = 1_000_000;
            c.makerFeeBps = 2;
            c.takerFeeBps = 5;
            c.timeoutNs = 3_600_000_000_000L;
            append();
        }
        for (long a = 1; a <= accounts; a++) {
            start(CommandType.ADD_ACCOUNT).accountId = a;
            append();
            start(CommandType.CREDIT_DEPOSIT);
            c.transferIdHi = CHAIN_ID;
            c.transferIdLo = nextTransferLo++;
            c.chainId = CHAIN_ID;
            c.accountId = a;
            c.assetId = QUOTE_ASSET;
            c.amount = 1_000_000_000_000L;
            append();
            start(CommandType.SET_EXPOSURE_LIMIT);
            c.accountId = a;
            c.amount = Limits.MAX_AMOUNT;
            append();
            for (int i = 1; i <= instruments; i++) {
                start(CommandType.REGISTER_LISTING);
                c.accountId = a;
                c.instrumentId = i;
                c.quantityLots = 1L << 40;
                append();
            }
        }
    }

    /** Appends {@code commandCount} generated commands. */
    public void run(final int commandCount) {
        for (int i = 0; i < commandCount; i++) {
            next();
        }
    }

    private void next() {
        final int roll = random.nextInt(100);
        if (roll < 55 || openOrders.isEmpty()) {
            place();
        } else if (roll < 70) {
            start(CommandType.CANCEL_ORDER);
            c.orderId = openOrders.get(random.nextInt(openOrders.size()));
            c.accountId = ownerOf(c.orderId);
        } else if (roll < 78) {
            start(CommandType.AMEND_ORDER);
            c.orderId = openOrders.get(random.nextInt(openOrders.size()));
            c.accountId = ownerOf(c.orderId);
            final long price = source.readEngine(e -> e.openPrice(c.orderId));
            final long qty = source.readEngine(e -> e.openQuantity(c.orderId));
            c.priceTicks = random.nextBoolean() || price <= 0 ? Math.max(1, price) : price + random.nextInt(-3, 4);
            c.quantityLots = Math.max(1, qty - random.nextInt(0, 3));
        } else if (roll < 88 && !pendingSettlements.isEmpty()) {
            final long[] id = pendingSettlements.remove(random.nextInt(pendingSettlements.size()));
            start(random.nextInt(4) == 0 ? CommandType.VOID_PENDING_TRANSFER : CommandType.POST_PENDING_TRANSFER);
            c.transferIdHi = id[0];
            c.transferIdLo = id[1];
        } else if (roll < 92) {
            start(CommandType.CREDIT_DEPOSIT);
            c.transferIdHi = CHAIN_ID;
            c.transferIdLo = nextTransferLo++;
            c.chainId = CHAIN_ID;
            c.accountId = 1 + random.nextInt(accounts);
            c.assetId = QUOTE_ASSET;
            c.amount = 1 + random.nextInt(1_000_000);
        } else if (roll < 95) {
            start(CommandType.REQUEST_WITHDRAWAL);
            c.transferIdHi = CHAIN_ID + 1000;
            c.transferIdLo = nextTransferLo++;
            c.chainId = CHAIN_ID;
            c.accountId = 1 + random.nextInt(accounts);
            c.assetId = QUOTE_ASSET;
            c.amount = 1 + random.nextInt(100_000);
            if (pendingWithdrawals.size() < MAX_TRACKED) {
                pendingWithdrawals.add(new long[] {c.transferIdHi, c.transferIdLo});
            }
        } else if (roll < 98 && !pendingWithdrawals.isEmpty()) {
            final long[] id = pendingWithdrawals.remove(random.nextInt(pendingWithdrawals.size()));
            start(random.nextBoolean() ? CommandType.VOID_PENDING_TRANSFER : CommandType.POST_PENDING_TRANSFER);
            c.transferIdHi = id[0];
            c.transferIdLo = id[1];
        } else {
            start(CommandType.TIME_TICK);
        }
        append();
    }

    private long ownerOf(final long orderId) {
        // Accounts are derived from the order id so that cancels and amends name the right owner.
        return 1 + Math.floorMod(orderId * 0x9E3779B97F4A7C15L >>> 17, accounts);
    }

    private void place() {
        start(CommandType.PLACE_ORDER);
        c.orderId = nextOrderId++;
        c.accountId = ownerOf(c.orderId);
        c.instrumentId = 1 + random.nextInt(instruments);
        c.clientOrderId = random.nextInt(20) == 0 ? 0 : c.orderId;
        c.side = random.nextBoolean() ? Side.BUY : Side.SELL;
        c.stpMode = random.nextInt(10) == 0 ? StpMode.EXPIRE_TAKER : StpMode.NONE;
        final int kind = random.nextInt(20);
        if (kind == 0) {
            c.orderType = OrderType.MARKET;
            c.timeInForce = TimeInForce.IOC;
            c.protectionPriceTicks = c.side == Side.BUY ? CENTER_PRICE_TICKS + 40 : CENTER_PRICE_TICKS - 40;
        } else {
            c.orderType = OrderType.LIMIT;
            c.timeInForce = kind == 1 ? TimeInForce.IOC : kind == 2 ? TimeInForce.GTD : TimeInForce.GTC;
            if (c.timeInForce == TimeInForce.GTD) {
                c.expireAtNs = timestampNs + STEP_NS * (1 + random.nextInt(200));
            }
            final long offset = random.nextInt(-8, 30);
            c.priceTicks = c.side == Side.BUY ? CENTER_PRICE_TICKS - offset : CENTER_PRICE_TICKS + offset;
        }
        c.quantityLots = 1 + random.nextInt(50);
    }

    private Command start(final CommandType type) {
        c.clear();
        c.type = type;
        timestampNs += STEP_NS / 2 + random.nextLong(STEP_NS);
        c.timestampNs = timestampNs;
        return c;
    }

    private void append() {
        final LogEntry entry = source.append(c);
        for (final Event event : entry.events()) {
            switch (event) {
                case Event.OrderAccepted a -> openOrders.add(a.orderId());
                case Event.OrderCancelled x -> openOrders.remove(Long.valueOf(x.orderId()));
                case Event.OrderExpired x -> openOrders.remove(Long.valueOf(x.orderId()));
                case Event.Trade t -> {
                    if (t.makerRemainingLots() == 0) {
                        openOrders.remove(Long.valueOf(t.makerOrderId()));
                    }
                    if (t.takerRemainingLots() == 0) {
                        openOrders.remove(Long.valueOf(t.takerOrderId()));
                    }
                    if (pendingSettlements.size() < MAX_TRACKED) {
                        pendingSettlements.add(new long[] {t.settlementIdHi(), t.settlementIdLo()});
                    }
                }
                default -> {
                }
            }
        }
    }
}
