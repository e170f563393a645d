package space.tokenta.settlement;

import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.order.OrderType;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;

/** The placement the settlement tests trade with: a GTC limit order without self-trade prevention. */
public final class LimitOrders {
    private LimitOrders() {
    }

    /** Fills {@code c} as a PLACE_ORDER of {@code lots} at {@code priceTicks}; the order id is left as it is. */
    public static void place(final Command c, final long account, final int instrument, final Side side,
            final long priceTicks, final long lots) {
        c.type = CommandType.PLACE_ORDER;
        c.accountId = account;
        c.instrumentId = instrument;
        c.side = side;
        c.orderType = OrderType.LIMIT;
        c.timeInForce = TimeInForce.GTC;
        c.priceTicks = priceTicks;
        c.quantityLots = lots;
        c.stpMode = StpMode.NONE;
    }
}
