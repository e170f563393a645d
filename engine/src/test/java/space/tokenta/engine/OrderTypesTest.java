package space.tokenta.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static space.tokenta.engine.Market.INSTRUMENT;
import static space.tokenta.engine.Market.of;

import java.util.List;
import org.junit.jupiter.api.Test;
import space.tokenta.engine.event.CancelReason;
import space.tokenta.engine.event.Event;
import space.tokenta.engine.event.RejectReason;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;

class OrderTypesTest {

    @Test
    void limitOrdersRestAndTradeAtTheMakerPriceInPriceTimePriority() {
        final Market m = new Market();
        m.sell(1, 10, 101, 5);
        m.sell(2, 11, 100, 5);
        m.sell(3, 12, 100, 5);
        assertEquals(100, m.engine.bestPrice(INSTRUMENT, Side.SELL));
        assertArrayEquals(new long[] {11, 12}, m.engine.queueAt(INSTRUMENT, Side.SELL, 100));

        final List<Event> events = m.buy(4, 20, 101, 12);
        final List<Event.Trade> trades = of(events, Event.Trade.class);
        assertEquals(3, trades.size());
        assertEquals(List.of(11L, 12L, 10L), trades.stream().map(Event.Trade::makerOrderId).toList());
        assertEquals(List.of(100L, 100L, 101L), trades.stream().map(Event.Trade::priceTicks).toList());
        assertEquals(List.of(5L, 5L, 2L), trades.stream().map(Event.Trade::quantityLots).toList());
        assertEquals(3, m.engine.openQuantity(10));
        assertEquals(-1, m.engine.openQuantity(20), "fully filled taker is gone");
    }

    @Test
    void marketOrderTradesUpToItsProtectionPriceAndCancelsTheRest() {
        final Market m = new Market();
        m.sell(1, 10, 100, 5);
        m.sell(1, 11, 105, 5);
        final List<Event> events = m.apply(Commands.market(m.next(), 2, INSTRUMENT, 20, Side.BUY, 102, 8,
                TimeInForce.IOC));
        assertEquals(1, of(events, Event.Trade.class).size());
        final Event.OrderCancelled cancelled = of(events, Event.OrderCancelled.class).get(0);
        assertEquals(3, cancelled.remainingLots());
        assertEquals(CancelReason.UNFILLED, cancelled.reason());
        assertEquals(105, m.engine.bestPrice(INSTRUMENT, Side.SELL));
    }

    @Test
    void marketOrderNeedsAProtectionPriceAndAnImmediateTimeInForce() {
        final Market m = new Market();
        assertRejected(m.apply(Commands.market(m.next(), 2, INSTRUMENT, 20, Side.BUY, 0, 8, TimeInForce.IOC)),
                RejectReason.MISSING_PROTECTION_PRICE);
        assertRejected(m.apply(Commands.market(m.next(), 2, INSTRUMENT, 21, Side.BUY, 100, 8, TimeInForce.GTC)),
                RejectReason.INVALID_ORDER_PARAMETERS);
    }

    @Test
    void iocTradesWhatItCanAndNeverRests() {
        final Market m = new Market();
        m.sell(1, 10, 100, 2);
        final List<Event> events = m.order(2, 20, Side.BUY, 100, 5, TimeInForce.IOC, StpMode.NONE);
        assertEquals(2, of(events, Event.Trade.class).get(0).quantityLots());
        assertEquals(CancelReason.UNFILLED, of(events, Event.OrderCancelled.class).get(0).reason());
        assertEquals(0, m.engine.bestPrice(INSTRUMENT, Side.BUY));
        assertEquals(0, m.engine.openOrderCount());
    }

    @Test
    void fokFillsCompletelyOrIsRejectedWithoutTrading() {
        final Market m = new Market();
        m.sell(1, 10, 100, 2);
        m.sell(1, 11, 101, 2);
        assertRejected(m.order(2, 20, Side.BUY, 101, 5, TimeInForce.FOK, StpMode.NONE), RejectReason.FOK_NOT_FILLABLE);
        assertEquals(2, m.engine.openQuantity(10));
        final List<Event> events = m.order(2, 21, Side.BUY, 101, 4, TimeInForce.FOK, StpMode.NONE);
        assertEquals(2, of(events, Event.Trade.class).size());
        assertEquals(0, m.engine.openOrderCount());
    }

    @Test
    void fokCountsOnlyWhatSelfTradePreventionLetsItTrade() {
        final Market m = new Market();
        m.sell(2, 10, 100, 2);
        m.sell(1, 11, 100, 2);
        assertRejected(m.order(2, 20, Side.BUY, 100, 3, TimeInForce.FOK, StpMode.EXPIRE_MAKER),
                RejectReason.FOK_NOT_FILLABLE);
        assertRejected(m.order(2, 21, Side.BUY, 100, 1, TimeInForce.FOK, StpMode.EXPIRE_TAKER),
                RejectReason.FOK_NOT_FILLABLE);
        final List<Event> events = m.order(2, 22, Side.BUY, 100, 2, TimeInForce.FOK, StpMode.EXPIRE_MAKER);
        assertEquals(1, of(events, Event.Trade.class).size());
        assertEquals(-1, m.engine.openQuantity(10), "own maker expired");
    }

    @Test
    void postOnlyIsRejectedIfItWouldTakeAndRestsOtherwise() {
        final Market m = new Market();
        m.sell(1, 10, 100, 2);
        assertRejected(m.order(2, 20, Side.BUY, 100, 1, TimeInForce.ALO, StpMode.NONE),
                RejectReason.POST_ONLY_WOULD_TAKE);
        m.order(2, 21, Side.BUY, 99, 1, TimeInForce.ALO, StpMode.NONE);
        assertEquals(99, m.engine.bestPrice(INSTRUMENT, Side.BUY));
        assertRejected(m.apply(Commands.amend(m.next(), 2, 21, 100, 1)), RejectReason.POST_ONLY_WOULD_TAKE);
    }

    @Test
    void gtdOrdersExpireOnTheSequencedClock() {
        final Market m = new Market();
        final var place = Commands.limit(m.next(), 2, INSTRUMENT, 20, Side.BUY, 90, 3, TimeInForce.GTD, StpMode.NONE);
        place.expireAtNs = m.ts + 500;
        m.apply(place);
        final long before = m.engine.availableBalance(2, Commands.USDT, space.tokenta.engine.ledger.AccountPurpose.AVAILABLE);
        assertTrue(of(m.apply(Commands.tick(m.ts + 499)), Event.OrderExpired.class).isEmpty());
        m.ts += 499;
        final List<Event> events = m.apply(Commands.tick(m.ts + 1));
        assertEquals(List.of(20L), of(events, Event.OrderExpired.class).stream().map(Event.OrderExpired::orderId).toList());
        assertEquals(-1, m.engine.openQuantity(20));
        assertTrue(m.engine.availableBalance(2, Commands.USDT, space.tokenta.engine.ledger.AccountPurpose.AVAILABLE)
                > before, "hold released on expiry");
    }

    @Test
    void gtdNeedsAFutureExpiryAndOtherOrdersNone() {
        final Market m = new Market();
        final var past = Commands.limit(m.next(), 2, INSTRUMENT, 20, Side.BUY, 90, 3, TimeInForce.GTD, StpMode.NONE);
        past.expireAtNs = m.ts;
        assertRejected(m.apply(past), RejectReason.INVALID_EXPIRY);
        final var gtc = Commands.limit(m.next(), 2, INSTRUMENT, 21, Side.BUY, 90, 3, TimeInForce.GTC, StpMode.NONE);
        gtc.expireAtNs = m.ts + 10;
        assertRejected(m.apply(gtc), RejectReason.INVALID_EXPIRY);
    }

    static void assertRejected(final List<Event> events, final RejectReason reason) {
        final List<Event.OrderRejected> rejected = of(events, Event.OrderRejected.class);
        assertEquals(1, rejected.size(), () -> "expected one rejection in " + events);
        assertEquals(reason, rejected.get(0).reason());
        assertEquals(1, events.size(), () -> "a rejection changes nothing: " + events);
    }
}
