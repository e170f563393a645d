package space.tokenta.store.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.event.Event;
import space.tokenta.engine.event.RejectReason;
import space.tokenta.engine.order.OrderType;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;
import space.tokenta.store.PostgresPerClass;
import space.tokenta.store.query.ReadModelQueries;
import space.tokenta.store.query.Views;
import space.tokenta.store.source.InProcessEventSource;
import space.tokenta.store.source.LogEntry;
import space.tokenta.store.source.SeededWorkload;

/**
 * Refused placements become orders rows with status REJECTED carrying the placement's fields and the
 * reason (order history shows them); refusals of existing orders write none, and never change an order.
 */
class RejectedOrderProjectionTest {
    @RegisterExtension
    static final PostgresPerClass POSTGRES = new PostgresPerClass();

    private long timestampNs = 4_000_000_000_000_000_000L;
    private long nextOrderId = 1_000_000;

    private Command place(final long account, final int instrument, final long clientOrderId, final Side side,
            final long priceTicks, final long lots) {
        final Command c = new Command();
        c.type = CommandType.PLACE_ORDER;
        c.timestampNs = timestampNs += 1_000;
        c.orderId = nextOrderId++;
        c.accountId = account;
        c.instrumentId = instrument;
        c.clientOrderId = clientOrderId;
        c.side = side;
        c.orderType = OrderType.LIMIT;
        c.timeInForce = TimeInForce.GTC;
        c.stpMode = StpMode.NONE;
        c.priceTicks = priceTicks;
        c.quantityLots = lots;
        return c;
    }

    /** The orders row of {@code orderId} as "status side type tif price qty filled remaining client reason". */
    private static String row(final DataSource ds, final long orderId) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT status, side, order_type, time_in_force, price_ticks, quantity_lots,"
                        + " filled_lots, remaining_lots, client_order_id, reject_reason FROM orders WHERE order_id = "
                        + orderId)) {
            if (!rs.next()) {
                return null;
            }
            return rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + " "
                    + rs.getLong(5) + " " + rs.getLong(6) + " " + rs.getLong(7) + " " + rs.getLong(8) + " "
                    + rs.getLong(9) + " " + rs.getString(10);
        }
    }

    private static RejectReason rejection(final LogEntry entry) {
        for (final Event e : entry.events()) {
            if (e instanceof Event.OrderRejected r) {
                return r.reason();
            }
        }
        return null;
    }

    @Test
    void refusedPlacementsAreOrdersRowsWithTheirFieldsAndReason() throws Exception {
        final DataSource ds = POSTGRES.server().migratedDatabase();
        final InProcessEventSource source = new InProcessEventSource();
        new SeededWorkload(source, 3, 1, 2).setup();
        final Projector projector = new Projector(ds, source, 7, CommitHook.NONE);

        final Command tooLarge = place(1, 1, 77, Side.SELL, 123, 20_000);
        assertEquals(RejectReason.QUANTITY_ABOVE_MAX, rejection(source.append(tooLarge)));
        final Command unknownInstrument = place(2, 99, 0, Side.BUY, 50, 3);
        assertEquals(RejectReason.UNKNOWN_INSTRUMENT, rejection(source.append(unknownInstrument)));
        final Command resting = place(1, 1, 5, Side.BUY, 9_000, 4);
        assertNull(rejection(source.append(resting)));
        // same client order id, other parameters: refused; the first order stays what the id stands for
        final Command reusedClientId = place(1, 1, 5, Side.BUY, 9_001, 4);
        assertEquals(RejectReason.DUPLICATE_CLIENT_ORDER_ID, rejection(source.append(reusedClientId)));
        // an order id that is open already: refused, and the open order's row is not touched
        final Command sameOrderId = place(2, 1, 0, Side.SELL, 11_000, 2);
        sameOrderId.orderId = resting.orderId;
        assertEquals(RejectReason.DUPLICATE_ORDER_ID, rejection(source.append(sameOrderId)));
        // a cancel of an unknown order is no placement: no orders row
        final Command cancel = new Command();
        cancel.type = CommandType.CANCEL_ORDER;
        cancel.timestampNs = timestampNs += 1_000;
        cancel.accountId = 2;
        cancel.orderId = 424_242;
        assertEquals(RejectReason.UNKNOWN_ORDER, rejection(source.append(cancel)));
        // a replacement outside the price band: the original is cancelled, the replacement refused with its side
        final Command replace = place(1, 1, 0, null, 5_000_000, 2);
        replace.type = CommandType.CANCEL_REPLACE;
        replace.orderId = resting.orderId;
        replace.newOrderId = nextOrderId++;
        assertEquals(RejectReason.PRICE_OUT_OF_BAND, rejection(source.append(replace)));
        projector.catchUp();

        assertEquals("REJECTED SELL LIMIT GTC 123 20000 0 0 77 QUANTITY_ABOVE_MAX", row(ds, tooLarge.orderId));
        assertEquals("REJECTED BUY LIMIT GTC 50 3 0 0 0 UNKNOWN_INSTRUMENT", row(ds, unknownInstrument.orderId));
        assertEquals("REJECTED BUY LIMIT GTC 9001 4 0 0 5 DUPLICATE_CLIENT_ORDER_ID", row(ds, reusedClientId.orderId));
        assertEquals("CANCELLED BUY LIMIT GTC 9000 4 0 4 5 null", row(ds, resting.orderId));
        assertNull(row(ds, cancel.orderId));
        assertEquals("REJECTED BUY LIMIT GTC 5000000 2 0 0 0 PRICE_OUT_OF_BAND", row(ds, replace.newOrderId));

        // history lists them newest first with the others; open orders never show them
        final ReadModelQueries queries = new ReadModelQueries(ds);
        final List<Long> history = queries.orderHistory(1, null, 100).items().stream().map(Views.OrderView::orderId).toList();
        assertEquals(List.of(replace.newOrderId, reusedClientId.orderId, resting.orderId, tooLarge.orderId), history);
        final Views.OrderView refused = queries.orderHistory(2, null, 100).items().get(0);
        assertEquals("REJECTED", refused.status());
        assertEquals("UNKNOWN_INSTRUMENT", refused.rejectReason());
        assertEquals(99, refused.instrumentId());
        assertTrue(queries.openOrders(1, null, 100).items().isEmpty());

        // re-projecting the same log (a rebuild) writes the same rows
        final DataSource rebuilt = POSTGRES.server().migratedDatabase();
        new Projector(rebuilt, source, 3, CommitHook.NONE).catchUp();
        for (final long id : new long[] {tooLarge.orderId, unknownInstrument.orderId, reusedClientId.orderId,
            resting.orderId, replace.newOrderId}) {
            assertEquals(row(ds, id), row(rebuilt, id));
        }
    }

    @Test
    void seededPlacementsEachLeaveOneRowWithTheirFieldsAcceptedOrNot() throws Exception {
        final DataSource ds = POSTGRES.server().migratedDatabase();
        final InProcessEventSource source = new InProcessEventSource();
        new SeededWorkload(source, 5, 2, 3).setup();
        final SplittableRandom random = new SplittableRandom(2026);
        final Map<Long, Command> placed = new HashMap<>();
        final Map<Long, RejectReason> refused = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            // mostly valid orders far from each other (no trades), some with a field out of range
            final int fault = random.nextInt(6);
            final Command c = place(1 + random.nextInt(3), fault == 0 ? 7 : 1 + random.nextInt(2), 0,
                    random.nextBoolean() ? Side.BUY : Side.SELL, fault == 1 ? 0 : 10 + random.nextInt(100),
                    fault == 2 ? 50_000 : 1 + random.nextInt(20));
            if (c.side == Side.SELL) {
                c.priceTicks += 500_000;
            }
            placed.put(c.orderId, c);
            final RejectReason reason = rejection(source.append(c));
            if (reason != null) {
                refused.put(c.orderId, reason);
            }
        }
        new Projector(ds, source, 1 + random.nextInt(50), CommitHook.NONE).catchUp();
        assertTrue(refused.size() > 50 && refused.size() < 350, "refused " + refused.size());
        for (final Command c : placed.values()) {
            final RejectReason reason = refused.get(c.orderId);
            final String expected = (reason == null ? "OPEN" : "REJECTED") + " " + c.side + " LIMIT GTC " + c.priceTicks
                    + " " + c.quantityLots + " 0 " + (reason == null ? c.quantityLots : 0) + " 0 " + reason;
            assertEquals(expected, row(ds, c.orderId), "order " + c.orderId);
        }
    }
}
