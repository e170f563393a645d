package space.tokenta.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static space.tokenta.engine.Market.INSTRUMENT;
import static space.tokenta.engine.Market.of;
import static space.tokenta.engine.OrderTypesTest.assertRejected;

import java.util.List;
import org.junit.jupiter.api.Test;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.event.Event;
import space.tokenta.engine.event.RejectReason;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;

class ClientOrderIdTest {

    private static Command place(final Market m, final long orderId, final long clientOrderId, final long qty) {
        final Command c = Commands.limit(m.next(), 1, INSTRUMENT, orderId, Side.BUY, 100, qty, TimeInForce.GTC,
                StpMode.NONE);
        c.clientOrderId = clientOrderId;
        return c;
    }

    @Test
    void replayedPlaceReportsTheOriginalOutcomeAndChangesNothing() {
        final Market m = new Market();
        m.apply(place(m, 10, 555, 5));
        final long hash = m.engine.stateHash();
        final List<Event> events = m.apply(place(m, 11, 555, 5));
        assertEquals(List.of(new Event.DuplicateOrder(m.ts, INSTRUMENT, 10, 1, 555, RejectReason.NONE)), events);
        assertEquals(-1, m.engine.openQuantity(11));
        assertEquals(5, m.engine.openQuantity(10));
        // only the clock moved
        final Market twin = new Market();
        twin.apply(place(twin, 10, 555, 5));
        twin.apply(Commands.tick(m.ts));
        assertEquals(twin.engine.stateHash(), m.engine.stateHash(), "replay changed state");
        assertEquals(hash == m.engine.stateHash(), false, "clock advanced");
    }

    @Test
    void replayOfARejectedPlaceReportsTheRejection() {
        final Market m = new Market();
        assertRejected(m.apply(place(m, 10, 556, 5_000)), RejectReason.QUANTITY_ABOVE_MAX);
        final List<Event> events = m.apply(place(m, 11, 556, 5_000));
        assertEquals(RejectReason.QUANTITY_ABOVE_MAX, of(events, Event.DuplicateOrder.class).get(0).originalOutcome());
    }

    @Test
    void sameClientOrderIdWithOtherParametersIsRejected() {
        final Market m = new Market();
        m.apply(place(m, 10, 557, 5));
        assertRejected(m.apply(place(m, 11, 557, 6)), RejectReason.DUPLICATE_CLIENT_ORDER_ID);
        // another account may use the same client order id
        final Command other = place(m, 12, 557, 5);
        other.accountId = 2;
        assertEquals(1, of(m.apply(other), Event.OrderAccepted.class).size());
    }
}
