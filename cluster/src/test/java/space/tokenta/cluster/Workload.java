package space.tokenta.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.instrument.InstrumentClass;
import space.tokenta.engine.order.OrderType;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;

/** A seeded market: setup commands, then random limit orders that rest, trade, expire (GTD) and get cancelled. */
final class Workload {
    static final int TRADERS = 6;
    private final Random random;
    private long clientOrderId = 1;

    Workload(final long seed) {
        random = new Random(seed);
    }

    static List<Command> setup() {
        final List<Command> list = new ArrayList<>();
        Command c = new Command();
        c.type = CommandType.ADD_ASSET;
        c.assetId = 1;
        list.add(c);
        c = new Command();
        c.type = CommandType.ADD_INSTRUMENT;
        c.instrumentId = 1;
        c.symbol = "GPT-FT-04";
        c.instrumentClass = InstrumentClass.API_QUOTA;
        c.assetId = 1;
        c.tickValueQuoteUnits = 10_000;
        c.lotSizeUnits = 1;
        c.minQuantityLots = 1;
        c.maxQuantityLots = 5_000;
        c.minPriceTicks = 1;
        c.maxPriceTicks = 1_000_000;
        c.makerFeeBps = 2;
        c.takerFeeBps = 5;
        c.timeoutNs = 1_000_000_000L;
        list.add(c);
        for (int account = 1; account <= TRADERS; account++) {
            c = new Command();
            c.type = CommandType.ADD_ACCOUNT;
            c.accountId = account;
            list.add(c);
            c = new Command();
            c.type = CommandType.CREDIT_DEPOSIT;
            c.transferIdHi = 7;
            c.transferIdLo = account;
            c.chainId = 1;
            c.accountId = account;
            c.assetId = 1;
            c.amount = 1_000_000_000_000_000L;
            list.add(c);
            c = new Command();
            c.type = CommandType.REGISTER_LISTING;
            c.accountId = account;
            c.instrumentId = 1;
            c.quantityLots = 1_000_000_000L;
            list.add(c);
            c = new Command();
            c.type = CommandType.SET_EXPOSURE_LIMIT;
            c.accountId = account;
            c.amount = 1_000_000_000_000_000L;
            list.add(c);
        }
        return list;
    }

    /** The next order; GTD ones expire {@code gtdNs} after {@code nowNs}. */
    Command next(final long nowNs, final long gtdNs) {
        final Command c = new Command();
        c.accountId = 1 + random.nextInt(TRADERS);
        if (random.nextInt(10) == 0) {
            c.type = CommandType.MASS_CANCEL;
            c.instrumentId = 1;
            return c;
        }
        c.type = CommandType.PLACE_ORDER;
        c.instrumentId = 1;
        c.clientOrderId = clientOrderId++;
        c.side = random.nextBoolean() ? Side.BUY : Side.SELL;
        c.orderType = OrderType.LIMIT;
        c.timeInForce = gtdNs > 0 && random.nextInt(4) == 0 ? TimeInForce.GTD : TimeInForce.GTC;
        c.expireAtNs = c.timeInForce == TimeInForce.GTD ? nowNs + gtdNs : 0;
        c.priceTicks = 1_000 + random.nextInt(21) - 10;
        c.quantityLots = 1 + random.nextInt(20);
        c.stpMode = StpMode.EXPIRE_TAKER;
        return c;
    }
}
