package space.tokenta.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static space.tokenta.engine.Market.of;

import java.util.List;
import org.junit.jupiter.api.Test;
import space.tokenta.engine.event.CancelReason;
import space.tokenta.engine.event.Event;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;

/** Account 1 rests a sell of 5 at 100 behind account 2's sell of 2 at 100; account 1 then buys 8 at 100. */
class SelfTradePreventionTest {

    private static Market book() {
        final Market m = new Market();
        m.sell(2, 10, 100, 2);
        m.sell(1, 11, 100, 5);
        m.sell(3, 12, 100, 4);
        return m;
    }

    private static List<Event> takerBuys(final Market m, final StpMode mode) {
        return m.order(1, 20, Side.BUY, 100, 8, TimeInForce.GTC, mode);
    }

    @Test
    void noneAllowsTheSelfTrade() {
        final Market m = book();
        final List<Event> events = takerBuys(m, StpMode.NONE);
        assertEquals(List.of(10L, 11L, 12L), of(events, Event.Trade.class).stream().map(Event.Trade::makerOrderId)
                .toList());
        assertTrue(of(events, Event.SelfTradePrevented.class).isEmpty());
    }

    @Test
    void expireTakerCancelsTheTakersRestAndKeepsTheMaker() {
        final Market m = book();
        final List<Event> events = takerBuys(m, StpMode.EXPIRE_TAKER);
        assertEquals(1, of(events, Event.Trade.class).size());
        final Event.OrderCancelled cancelled = of(events, Event.OrderCancelled.class).get(0);
        assertEquals(20, cancelled.orderId());
        assertEquals(6, cancelled.remainingLots());
        assertEquals(CancelReason.SELF_TRADE, cancelled.reason());
        assertEquals(5, m.engine.openQuantity(11));
        assertEquals(-1, m.engine.openQuantity(20));
    }

    @Test
    void expireMakerCancelsOwnMakersAndContinues() {
        final Market m = book();
        final List<Event> events = takerBuys(m, StpMode.EXPIRE_MAKER);
        assertEquals(List.of(10L, 12L), of(events, Event.Trade.class).stream().map(Event.Trade::makerOrderId)
                .toList());
        assertEquals(-1, m.engine.openQuantity(11));
        assertEquals(2, m.engine.openQuantity(20), "taker rests its rest");
    }

    @Test
    void expireBothCancelsMakerAndTaker() {
        final Market m = book();
        final List<Event> events = takerBuys(m, StpMode.EXPIRE_BOTH);
        assertEquals(List.of(11L, 20L), of(events, Event.OrderCancelled.class).stream()
                .map(Event.OrderCancelled::orderId).toList());
        assertEquals(-1, m.engine.openQuantity(11));
        assertEquals(-1, m.engine.openQuantity(20));
        assertEquals(4, m.engine.openQuantity(12));
    }

    @Test
    void decrementReducesBothWithoutTrading() {
        final Market m = book();
        final List<Event> events = takerBuys(m, StpMode.DECREMENT);
        final Event.SelfTradePrevented prevented = of(events, Event.SelfTradePrevented.class).get(0);
        assertEquals(5, prevented.quantityLots());
        assertEquals(-1, m.engine.openQuantity(11), "maker decremented to zero is cancelled");
        // 8 - 2 traded - 5 decremented = 1 left, trades with account 3
        assertEquals(List.of(10L, 12L), of(events, Event.Trade.class).stream().map(Event.Trade::makerOrderId)
                .toList());
        assertEquals(3, m.engine.openQuantity(12));
        assertEquals(-1, m.engine.openQuantity(20));
    }

    @Test
    void decrementOfTheTakerToZeroCancelsIt() {
        final Market m = new Market();
        m.sell(1, 11, 100, 5);
        final List<Event> events = m.order(1, 20, Side.BUY, 100, 3, TimeInForce.GTC, StpMode.DECREMENT);
        assertEquals(2, m.engine.openQuantity(11));
        assertEquals(-1, m.engine.openQuantity(20));
        assertEquals(CancelReason.SELF_TRADE, of(events, Event.OrderCancelled.class).get(0).reason());
        assertTrue(of(events, Event.Trade.class).isEmpty());
    }

    @Test
    void theTakersModeApplies() {
        final Market m = new Market();
        m.order(1, 11, Side.SELL, 100, 5, TimeInForce.GTC, StpMode.EXPIRE_TAKER);
        final List<Event> events = m.order(1, 20, Side.BUY, 100, 3, TimeInForce.GTC, StpMode.EXPIRE_MAKER);
        assertEquals(-1, m.engine.openQuantity(11), "the taker's EXPIRE_MAKER removed the maker");
        assertEquals(3, m.engine.openQuantity(20));
        assertEquals(StpMode.EXPIRE_MAKER, of(events, Event.SelfTradePrevented.class).get(0).mode());
    }
}
