package space.tokenta.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static space.tokenta.engine.Market.INSTRUMENT;
import static space.tokenta.engine.Market.of;
import static space.tokenta.engine.OrderTypesTest.assertRejected;

import java.util.List;
import org.junit.jupiter.api.Test;
import space.tokenta.engine.event.CancelReason;
import space.tokenta.engine.event.Event;
import space.tokenta.engine.event.RejectReason;
import space.tokenta.engine.order.Side;

class AmendCancelTest {

    @Test
    void quantityDownKeepsPriority() {
        final Market m = new Market();
        m.buy(1, 10, 100, 5);
        m.buy(2, 11, 100, 5);
        final List<Event> events = m.apply(Commands.amend(m.next(), 1, 10, 100, 3));
        assertTrue(of(events, Event.OrderAmended.class).get(0).priorityKept());
        assertArrayEquals(new long[] {10, 11}, m.engine.queueAt(INSTRUMENT, Side.BUY, 100));
        assertEquals(3, m.engine.openQuantity(10));
    }

    @Test
    void quantityUpLosesPriority() {
        final Market m = new Market();
        m.buy(1, 10, 100, 5);
        m.buy(2, 11, 100, 5);
        final List<Event> events = m.apply(Commands.amend(m.next(), 1, 10, 100, 6));
        assertFalse(of(events, Event.OrderAmended.class).get(0).priorityKept());
        assertArrayEquals(new long[] {11, 10}, m.engine.queueAt(INSTRUMENT, Side.BUY, 100));
    }

    @Test
    void priceChangeLosesPriorityAndMayTrade() {
        final Market m = new Market();
        m.buy(1, 10, 100, 5);
        m.buy(2, 11, 99, 5);
        m.apply(Commands.amend(m.next(), 1, 10, 99, 5));
        assertArrayEquals(new long[] {11, 10}, m.engine.queueAt(INSTRUMENT, Side.BUY, 99));
        m.sell(3, 20, 101, 2);
        final List<Event> events = m.apply(Commands.amend(m.next(), 2, 11, 101, 5));
        final Event.Trade trade = of(events, Event.Trade.class).get(0);
        assertEquals(11, trade.takerOrderId());
        assertEquals(101, trade.priceTicks());
        assertEquals(3, m.engine.openQuantity(11));
        assertEquals(101, m.engine.bestPrice(INSTRUMENT, Side.BUY));
    }

    @Test
    void amendRejections() {
        final Market m = new Market();
        m.buy(1, 10, 100, 5);
        assertRejected(m.apply(Commands.amend(m.next(), 1, 10, 100, 5)), RejectReason.AMEND_NO_CHANGE);
        assertRejected(m.apply(Commands.amend(m.next(), 1, 99, 100, 4)), RejectReason.UNKNOWN_ORDER);
        assertRejected(m.apply(Commands.amend(m.next(), 2, 10, 100, 4)), RejectReason.NOT_ORDER_OWNER);
        assertRejected(m.apply(Commands.amend(m.next(), 1, 10, 0, 4)), RejectReason.INVALID_PRICE_TICK);
        assertRejected(m.apply(Commands.amend(m.next(), 1, 10, 100_001, 4)), RejectReason.PRICE_OUT_OF_BAND);
        assertRejected(m.apply(Commands.amend(m.next(), 1, 10, 100, 0)), RejectReason.QUANTITY_BELOW_MIN);
        assertRejected(m.apply(Commands.amend(m.next(), 1, 10, 100, 1_001)), RejectReason.QUANTITY_ABOVE_MAX);
        assertRejected(m.apply(Commands.amend(m.next(), 1, 10, 100_000, 1_000)), RejectReason.INSUFFICIENT_FUNDS);
        m.sell(2, 20, 200, 5);
        m.apply(Commands.listing(m.next(), 2, INSTRUMENT, 5));
        assertRejected(m.apply(Commands.amend(m.next(), 2, 20, 200, 6)), RejectReason.INSUFFICIENT_CAPACITY);
        m.apply(Commands.exposure(m.next(), 2, 1_000));
        assertRejected(m.apply(Commands.amend(m.next(), 2, 20, 201, 5)), RejectReason.EXPOSURE_LIMIT);
    }

    @Test
    void cancelRemovesTheOrderAndReleasesItsHold() {
        final Market m = new Market();
        final long before = m.engine.availableBalance(1, Commands.USDT,
                space.tokenta.engine.ledger.AccountPurpose.AVAILABLE);
        m.buy(1, 10, 100, 5);
        assertTrue(m.engine.availableBalance(1, Commands.USDT, space.tokenta.engine.ledger.AccountPurpose.AVAILABLE)
                < before);
        final List<Event> events = m.apply(Commands.cancel(m.next(), 1, 10));
        assertEquals(CancelReason.USER, of(events, Event.OrderCancelled.class).get(0).reason());
        assertEquals(0, of(events, Event.BookLevel.class).get(0).orderCount());
        assertEquals(before, m.engine.availableBalance(1, Commands.USDT,
                space.tokenta.engine.ledger.AccountPurpose.AVAILABLE));
        assertRejected(m.apply(Commands.cancel(m.next(), 1, 10)), RejectReason.UNKNOWN_ORDER);
        m.buy(1, 11, 100, 5);
        assertRejected(m.apply(Commands.cancel(m.next(), 2, 11)), RejectReason.NOT_ORDER_OWNER);
    }

    @Test
    void cancelReplaceCancelsTheOldOrderAndPlacesTheNewOneOnTheSameBookAndSide() {
        final Market m = new Market();
        m.buy(1, 10, 100, 5);
        final List<Event> events = m.apply(Commands.replace(m.next(), 1, 10, 11, 98, 7));
        assertEquals(CancelReason.REPLACED, of(events, Event.OrderCancelled.class).get(0).reason());
        final Event.OrderAccepted accepted = of(events, Event.OrderAccepted.class).get(0);
        assertEquals(11, accepted.orderId());
        assertEquals(Side.BUY, accepted.side());
        assertEquals(-1, m.engine.openQuantity(10));
        assertEquals(7, m.engine.openQuantity(11));
        assertRejected(m.apply(Commands.replace(m.next(), 1, 10, 12, 98, 7)), RejectReason.UNKNOWN_ORDER);
    }

    @Test
    void massCancelPerInstrumentOrEverything() {
        final Market m = new Market();
        m.apply(Commands.addInstrument(m.next(), 2, "VISION-V2", 0, 0, 0));
        m.apply(Commands.listing(m.next(), 1, 2, 100));
        m.buy(1, 10, 100, 5);
        m.sell(1, 11, 200, 5);
        m.apply(Commands.limit(m.next(), 1, 2, 12, Side.SELL, 50, 5, space.tokenta.engine.order.TimeInForce.GTC,
                space.tokenta.engine.order.StpMode.NONE));
        m.buy(2, 13, 90, 5);
        List<Event> events = m.apply(Commands.massCancel(m.next(), 1, INSTRUMENT));
        assertEquals(List.of(10L, 11L), of(events, Event.OrderCancelled.class).stream()
                .map(Event.OrderCancelled::orderId).toList());
        assertEquals(5, m.engine.openQuantity(12));
        events = m.apply(Commands.massCancel(m.next(), 1, 0));
        assertEquals(List.of(12L), of(events, Event.OrderCancelled.class).stream()
                .map(Event.OrderCancelled::orderId).toList());
        assertEquals(5, m.engine.openQuantity(13));
        assertEquals(RejectReason.UNKNOWN_INSTRUMENT, of(m.apply(Commands.massCancel(m.next(), 1, 77)),
                Event.CommandRejected.class).get(0).reason());
        assertEquals(RejectReason.UNKNOWN_ACCOUNT, of(m.apply(Commands.massCancel(m.next(), 99, 0)),
                Event.CommandRejected.class).get(0).reason());
    }
}
