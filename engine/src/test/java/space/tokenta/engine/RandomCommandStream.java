package space.tokenta.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.event.Event;
import space.tokenta.engine.instrument.FeeModel;
import space.tokenta.engine.instrument.InstrumentClass;
import space.tokenta.engine.order.OrderType;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;

/**
 * A seeded stream of random commands over a small universe (2 instruments, one maker-taker and one
 * seller-pays; 5 accounts; narrow price range) so that orders cross, self-trade, expire, get amended
 * and settlements get posted/voided often. It learns open order ids and settlement ids from the events it is shown; a few commands are
 * deliberately invalid.
 */
final class RandomCommandStream {
    private final SplittableRandom random;
    private final List<Long> orderIds = new ArrayList<>();
    private final List<long[]> settlements = new ArrayList<>();
    private long ts = 1_000;
    private long nextOrderId = 1;
    private long nextTransfer = 1;
    private int setupStep;
    private Command lastClientPlace;

    RandomCommandStream(final long seed) {
        random = new SplittableRandom(seed);
    }

    /** Feeds back the events of the last command. */
    void observe(final List<Event> events) {
        for (final Event event : events) {
            if (event instanceof Event.Trade t) {
                settlements.add(new long[] {t.settlementIdHi(), t.settlementIdLo()});
            }
        }
    }

    Command next() {
        final Command c = new Command();
        ts += random.nextInt(4) == 0 ? random.nextInt(50) : 0;
        c.timestampNs = ts;
        if (setupStep < SETUP_STEPS) {
            return setup(c, setupStep++);
        }
        final int roll = random.nextInt(100);
        if (roll < 3 && lastClientPlace != null) {
            // a client retrying a place with the same client order id
            c.copyFrom(lastClientPlace);
            c.timestampNs = ts;
            c.orderId = nextOrderId++;
        } else if (roll < 40) {
            place(c);
            if (c.clientOrderId != 0) {
                lastClientPlace = new Command().copyFrom(c);
            }
        } else if (roll < 55) {
            c.type = CommandType.AMEND_ORDER;
            c.accountId = account();
            c.orderId = someOrderId();
            c.priceTicks = price();
            c.quantityLots = 1 + random.nextInt(12);
        } else if (roll < 63) {
            c.type = CommandType.CANCEL_ORDER;
            c.accountId = account();
            c.orderId = someOrderId();
        } else if (roll < 68) {
            place(c);
            c.type = CommandType.CANCEL_REPLACE;
            c.newOrderId = c.orderId;
            c.orderId = someOrderId();
        } else if (roll < 70) {
            c.type = CommandType.MASS_CANCEL;
            c.accountId = account();
            c.instrumentId = random.nextInt(3);
        } else if (roll < 78) {
            c.type = CommandType.TIME_TICK;
            ts += random.nextInt(300);
            c.timestampNs = ts;
        } else if (roll < 88) {
            c.type = random.nextBoolean() ? CommandType.POST_PENDING_TRANSFER : CommandType.VOID_PENDING_TRANSFER;
            if (!settlements.isEmpty() && random.nextInt(10) > 0) {
                final long[] id = settlements.remove(random.nextInt(settlements.size()));
                c.transferIdHi = id[0];
                c.transferIdLo = id[1];
            } else {
                c.transferIdHi = 9;
                c.transferIdLo = 1 + random.nextInt((int) nextTransfer);
            }
        } else if (roll < 92) {
            c.type = CommandType.CREDIT_DEPOSIT;
            c.transferIdHi = 7;
            c.transferIdLo = random.nextInt(5) == 0 ? 1 + random.nextInt((int) nextTransfer) : nextTransfer++;
            c.chainId = 1 + random.nextInt(2);
            c.accountId = account();
            c.assetId = 1;
            c.amount = random.nextInt(20_000);
        } else if (roll < 95) {
            c.type = CommandType.REQUEST_WITHDRAWAL;
            c.transferIdHi = 9;
            c.transferIdLo = nextTransfer++;
            c.chainId = 1;
            c.accountId = account();
            c.assetId = 1;
            c.amount = 1 + random.nextInt(30_000);
            c.timeoutNs = random.nextInt(3) * 200L;
        } else if (roll < 98) {
            c.type = CommandType.REGISTER_LISTING;
            c.accountId = account();
            c.instrumentId = 1 + random.nextInt(2);
            c.quantityLots = random.nextInt(200);
        } else {
            c.type = CommandType.SET_EXPOSURE_LIMIT;
            c.accountId = account();
            c.amount = random.nextInt(100_000);
        }
        return c;
    }

    private static final int SETUP_STEPS = 1 + 2 + 5 * 5;

    private Command setup(final Command c, final int step) {
        if (step == 0) {
            c.type = CommandType.ADD_ASSET;
            c.assetId = 1;
            return c;
        }
        if (step <= 2) {
            c.type = CommandType.ADD_INSTRUMENT;
            c.instrumentId = step;
            c.symbol = step == 1 ? "H100-80G.1H.2026-12-01T00Z" : "LLM-DATA-X";
            c.instrumentClass = step == 1 ? InstrumentClass.COMPUTE_BLOCK : InstrumentClass.DATASET;
            c.assetId = 1;
            c.tickValueQuoteUnits = step;
            c.lotSizeUnits = 1;
            c.minQuantityLots = 1;
            c.maxQuantityLots = 10;
            c.minPriceTicks = 90;
            c.maxPriceTicks = 110;
            c.makerFeeBps = step == 1 ? 10 : 15;
            c.takerFeeBps = step == 1 ? 25 : 40;
            // one instrument of each fee model
            c.feeModel = step == 1 ? FeeModel.MAKER_TAKER : FeeModel.SELLER_PAYS;
            c.timeoutNs = step == 1 ? 700 : 0;
            return c;
        }
        final int i = step - 3;
        final long account = 1 + i / 5;
        switch (i % 5) {
            case 0 -> {
                c.type = CommandType.ADD_ACCOUNT;
                c.accountId = account;
            }
            case 1 -> {
                c.type = CommandType.CREDIT_DEPOSIT;
                c.transferIdHi = 7;
                c.transferIdLo = nextTransfer++;
                c.chainId = 1;
                c.accountId = account;
                c.assetId = 1;
                c.amount = 20_000 + random.nextInt(20_000);
            }
            case 2, 3 -> {
                c.type = CommandType.REGISTER_LISTING;
                c.accountId = account;
                c.instrumentId = i % 5 - 1;
                c.quantityLots = 100 + random.nextInt(200);
            }
            default -> {
                c.type = CommandType.SET_EXPOSURE_LIMIT;
                c.accountId = account;
                c.amount = 20_000 + random.nextInt(60_000);
            }
        }
        return c;
    }

    private void place(final Command c) {
        c.type = CommandType.PLACE_ORDER;
        c.accountId = account();
        c.instrumentId = random.nextInt(30) == 0 ? 3 : 1 + random.nextInt(2);
        c.orderId = random.nextInt(40) == 0 && nextOrderId > 1 ? someOrderId() : nextOrderId++;
        orderIds.add(c.orderId);
        c.side = random.nextBoolean() ? Side.BUY : Side.SELL;
        c.orderType = random.nextInt(8) == 0 ? OrderType.MARKET : OrderType.LIMIT;
        final TimeInForce[] tifs = TimeInForce.values();
        c.timeInForce = c.orderType == OrderType.MARKET ? (random.nextBoolean() ? TimeInForce.IOC : TimeInForce.FOK)
                : random.nextInt(3) == 0 ? tifs[random.nextInt(tifs.length)] : TimeInForce.GTC;
        if (c.orderType == OrderType.MARKET) {
            c.protectionPriceTicks = price();
        } else {
            c.priceTicks = price();
        }
        c.quantityLots = random.nextInt(25) == 0 ? 11 : 1 + random.nextInt(10);
        if (c.timeInForce == TimeInForce.GTD) {
            c.expireAtNs = ts + 1 + random.nextInt(600);
        }
        final StpMode[] modes = StpMode.values();
        c.stpMode = random.nextInt(2) == 0 ? StpMode.NONE : modes[random.nextInt(modes.length)];
        if (random.nextInt(4) == 0) {
            c.clientOrderId = 1 + random.nextInt(40);
        }
    }

    private long account() {
        return random.nextInt(40) == 0 ? 6 : 1 + random.nextInt(5);
    }

    private long price() {
        return random.nextInt(50) == 0 ? 200 : 95 + random.nextInt(11);
    }

    private long someOrderId() {
        if (orderIds.isEmpty()) {
            return 1;
        }
        return orderIds.get(orderIds.size() - 1 - random.nextInt(Math.min(orderIds.size(), 60)));
    }
}
