package space.tokenta.engine;

import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.instrument.InstrumentClass;
import space.tokenta.engine.order.OrderType;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;

/** Builders for commands used by the tests. */
final class Commands {
    static final int USDT = 1;
    static final int CHAIN = 728126428;

    private Commands() {
    }

    static Command addAsset(final long ts, final int assetId) {
        final Command c = new Command();
        c.type = CommandType.ADD_ASSET;
        c.timestampNs = ts;
        c.assetId = assetId;
        return c;
    }

    static Command addInstrument(final long ts, final int instrumentId, final String symbol, final int makerBps,
            final int takerBps, final long timeoutNs) {
        final Command c = new Command();
        c.type = CommandType.ADD_INSTRUMENT;
        c.timestampNs = ts;
        c.instrumentId = instrumentId;
        c.symbol = symbol;
        c.instrumentClass = InstrumentClass.API_QUOTA;
        c.assetId = USDT;
        c.tickValueQuoteUnits = 1;
        c.lotSizeUnits = 1;
        c.minQuantityLots = 1;
        c.maxQuantityLots = 1_000;
        c.minPriceTicks = 1;
        c.maxPriceTicks = 100_000;
        c.makerFeeBps = makerBps;
        c.takerFeeBps = takerBps;
        c.timeoutNs = timeoutNs;
        return c;
    }

    static Command addAccount(final long ts, final long accountId) {
        final Command c = new Command();
        c.type = CommandType.ADD_ACCOUNT;
        c.timestampNs = ts;
        c.accountId = accountId;
        return c;
    }

    static Command deposit(final long ts, final long eventId, final long accountId, final long amount) {
        final Command c = new Command();
        c.type = CommandType.CREDIT_DEPOSIT;
        c.timestampNs = ts;
        c.transferIdHi = 7;
        c.transferIdLo = eventId;
        c.chainId = CHAIN;
        c.accountId = accountId;
        c.assetId = USDT;
        c.amount = amount;
        return c;
    }

    static Command withdraw(final long ts, final long id, final long accountId, final long amount,
            final long timeoutNs) {
        final Command c = deposit(ts, id, accountId, amount);
        c.type = CommandType.REQUEST_WITHDRAWAL;
        c.transferIdHi = 9;
        c.timeoutNs = timeoutNs;
        return c;
    }

    static Command finish(final long ts, final CommandType type, final long idHi, final long idLo) {
        final Command c = new Command();
        c.type = type;
        c.timestampNs = ts;
        c.transferIdHi = idHi;
        c.transferIdLo = idLo;
        return c;
    }

    static Command listing(final long ts, final long accountId, final int instrumentId, final long capacityLots) {
        final Command c = new Command();
        c.type = CommandType.REGISTER_LISTING;
        c.timestampNs = ts;
        c.accountId = accountId;
        c.instrumentId = instrumentId;
        c.quantityLots = capacityLots;
        return c;
    }

    static Command exposure(final long ts, final long accountId, final long limit) {
        final Command c = new Command();
        c.type = CommandType.SET_EXPOSURE_LIMIT;
        c.timestampNs = ts;
        c.accountId = accountId;
        c.amount = limit;
        return c;
    }

    static Command limit(final long ts, final long accountId, final int instrumentId, final long orderId,
            final Side side, final long price, final long qty, final TimeInForce tif, final StpMode stp) {
        final Command c = new Command();
        c.type = CommandType.PLACE_ORDER;
        c.timestampNs = ts;
        c.accountId = accountId;
        c.instrumentId = instrumentId;
        c.orderId = orderId;
        c.side = side;
        c.orderType = OrderType.LIMIT;
        c.timeInForce = tif;
        c.priceTicks = price;
        c.quantityLots = qty;
        c.stpMode = stp;
        return c;
    }

    static Command market(final long ts, final long accountId, final int instrumentId, final long orderId,
            final Side side, final long protection, final long qty, final TimeInForce tif) {
        final Command c = limit(ts, accountId, instrumentId, orderId, side, 0, qty, tif, StpMode.NONE);
        c.orderType = OrderType.MARKET;
        c.protectionPriceTicks = protection;
        return c;
    }

    static Command amend(final long ts, final long accountId, final long orderId, final long price, final long qty) {
        final Command c = new Command();
        c.type = CommandType.AMEND_ORDER;
        c.timestampNs = ts;
        c.accountId = accountId;
        c.orderId = orderId;
        c.priceTicks = price;
        c.quantityLots = qty;
        return c;
    }

    static Command cancel(final long ts, final long accountId, final long orderId) {
        final Command c = new Command();
        c.type = CommandType.CANCEL_ORDER;
        c.timestampNs = ts;
        c.accountId = accountId;
        c.orderId = orderId;
        return c;
    }

    static Command replace(final long ts, final long accountId, final long orderId, final long newOrderId,
            final long price, final long qty) {
        final Command c = limit(ts, accountId, 0, orderId, null, price, qty, TimeInForce.GTC, StpMode.NONE);
        c.type = CommandType.CANCEL_REPLACE;
        c.newOrderId = newOrderId;
        return c;
    }

    static Command massCancel(final long ts, final long accountId, final int instrumentId) {
        final Command c = new Command();
        c.type = CommandType.MASS_CANCEL;
        c.timestampNs = ts;
        c.accountId = accountId;
        c.instrumentId = instrumentId;
        return c;
    }

    static Command tick(final long ts) {
        final Command c = new Command();
        c.type = CommandType.TIME_TICK;
        c.timestampNs = ts;
        return c;
    }
}
