package space.tokenta.store.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import space.tokenta.engine.event.Event;
import space.tokenta.engine.ledger.AccountPurpose;
import space.tokenta.store.PostgresPerClass;
import space.tokenta.store.escrow.EscrowState;
import space.tokenta.store.escrow.EscrowStore;
import space.tokenta.store.projection.CandleInterval;
import space.tokenta.store.projection.CommitHook;
import space.tokenta.store.projection.Projector;
import space.tokenta.store.query.Views.Page;
import space.tokenta.store.source.InProcessEventSource;
import space.tokenta.store.source.LogEntry;
import space.tokenta.store.source.SeededWorkload;

class ReadModelQueriesTest {
    @RegisterExtension
    static final PostgresPerClass POSTGRES = new PostgresPerClass();
    private static DataSource ds;
    private static InProcessEventSource source;
    private static ReadModelQueries queries;
    private static List<Event> events;

    @BeforeAll
    static void start() throws Exception {
        ds = POSTGRES.server().migratedDatabase();
        source = new InProcessEventSource();
        final SeededWorkload workload = new SeededWorkload(source, 11, 2, 6);
        workload.setup();
        workload.run(2_000);
        new Projector(ds, source, 200, CommitHook.NONE).catchUp();
        queries = new ReadModelQueries(ds);
        events = new ArrayList<>();
        for (final LogEntry e : source.entries()) {
            events.addAll(e.events());
        }
    }

    private static <T> List<T> all(final Function<String, Page<T>> page) {
        final List<T> items = new ArrayList<>();
        String cursor = null;
        for (int i = 0; i < 10_000; i++) {
            final Page<T> p = page.apply(cursor);
            items.addAll(p.items());
            cursor = p.nextCursor();
            if (cursor == null) {
                return items;
            }
        }
        throw new AssertionError("unbounded paging");
    }

    private static <T> Function<String, Page<T>> unchecked(final SqlPage<T> page) {
        return cursor -> {
            try {
                return page.get(cursor);
            } catch (final java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @FunctionalInterface
    interface SqlPage<T> {
        Page<T> get(String cursor) throws java.sql.SQLException;
    }

    @Test
    void pagedAccountQueriesReturnEveryRowOnceInOrder() throws Exception {
        for (long account = 1; account <= 6; account++) {
            final long a = account;
            final List<Long> expectedOrders = events.stream()
                    .filter(e -> e instanceof Event.OrderAccepted o && o.accountId() == a)
                    .map(e -> ((Event.OrderAccepted) e).orderId()).distinct().sorted((x, y) -> Long.compare(y, x))
                    .toList();
            final List<Long> orders = all(unchecked(c -> queries.orderHistory(a, c, 7))).stream()
                    .map(Views.OrderView::orderId).toList();
            assertEquals(expectedOrders, orders, "orders of " + a);

            final List<Views.OrderView> open = all(unchecked(c -> queries.openOrders(a, c, 5)));
            for (final Views.OrderView o : open) {
                assertEquals((long) source.<Long>readEngine(e -> e.openQuantity(o.orderId())), o.remainingLots());
            }

            final long expectedFills = events.stream().filter(e -> e instanceof Event.Trade)
                    .mapToLong(e -> (((Event.Trade) e).makerAccountId() == a ? 1 : 0)
                            + (((Event.Trade) e).takerAccountId() == a ? 1 : 0)).sum();
            final List<Views.FillView> fills = all(unchecked(c -> queries.fills(a, c, 9)));
            assertEquals(expectedFills, fills.size(), "fills of " + a);
            assertEquals(fills.size(), new HashSet<>(fills).size());
            for (int i = 1; i < fills.size(); i++) {
                assertTrue(fills.get(i - 1).logPosition() >= fills.get(i).logPosition());
            }

            final long expectedTransfers = events.stream().filter(e -> e instanceof Event.Transfer t
                    && ((t.debitOwner() == a && trader(t.debitPurpose())) || (t.creditOwner() == a
                            && trader(t.creditPurpose())))).count();
            final List<Views.TransferView> transfers = all(unchecked(c -> queries.transfers(a, c, 11)));
            assertEquals(expectedTransfers, transfers.size(), "transfers of " + a);

            for (final Views.BalanceView b : queries.balances(a)) {
                final AccountPurpose purpose = AccountPurpose.valueOf(b.purpose());
                assertEquals((long) source.<Long>readEngine(e -> e.balance(a, b.assetId(), purpose)), b.postedBalance());
                assertEquals((long) source.<Long>readEngine(e -> e.availableBalance(a, b.assetId(), purpose)),
                        b.available());
            }
        }
    }

    private static boolean trader(final AccountPurpose p) {
        return p == AccountPurpose.AVAILABLE || p == AccountPurpose.HOLD;
    }

    @Test
    void tradesAndCandlesOfAnInstrumentMatchAFoldOfTheTrades() throws Exception {
        final List<Event.Trade> trades = events.stream().filter(e -> e instanceof Event.Trade t && t.instrumentId() == 1)
                .map(e -> (Event.Trade) e).toList();
        assertTrue(trades.size() > 20, "trades: " + trades.size());
        final long from = trades.get(0).timestampNs();
        final long to = trades.get(trades.size() - 1).timestampNs() + 1;
        final List<Views.TradeView> newest = queries.trades(1, from, to, 10);
        assertEquals(10, newest.size());
        assertEquals(trades.get(trades.size() - 1).tradeId(), newest.get(0).tradeId());

        final Map<Long, long[]> expected = new TreeMap<>();
        for (final Event.Trade t : trades) {
            final long bucket = CandleInterval.M1.bucketStartNs(t.timestampNs());
            final long[] c = expected.computeIfAbsent(bucket, b -> new long[] {t.priceTicks(), t.priceTicks(),
                t.priceTicks(), 0, 0, 0, 0});
            c[1] = Math.max(c[1], t.priceTicks());
            c[2] = Math.min(c[2], t.priceTicks());
            c[3] = t.priceTicks();
            c[4] += t.quantityLots();
            c[5]++;
            c[6] += t.notional();
        }
        final List<Views.CandleView> candles = queries.candles(1, CandleInterval.M1, 0, Long.MAX_VALUE, 500);
        assertEquals(expected.size(), candles.size());
        for (final Views.CandleView c : candles) {
            final long[] e = expected.get(c.bucketStartNs());
            assertEquals(List.of(e[0], e[1], e[2], e[3], e[4], e[5], e[6]), List.of(c.openTicks(), c.highTicks(),
                    c.lowTicks(), c.closeTicks(), c.volumeLots(), c.tradeCount(), c.notional()));
        }
        final long dayTrades = queries.candles(1, CandleInterval.D1, 0, Long.MAX_VALUE, 500).stream()
                .mapToLong(Views.CandleView::tradeCount).sum();
        assertEquals(trades.size(), dayTrades);
    }

    @Test
    void escrowsMoveOnlyAlongTheirLifecycleAndWritesAreIdempotent() throws Exception {
        final EscrowStore escrows = new EscrowStore(ds);
        assertTrue(escrows.insert("ESC-1", 1, 2, 1, 10, 1, 3, 4, 1, 500, 100));
        assertFalse(escrows.insert("ESC-1", 1, 2, 1, 10, 1, 3, 4, 1, 500, 100));
        assertTrue(escrows.insert("ESC-2", 1, 4, 1, 11, 1, 3, 4, 1, 700, 100));
        assertTrue(escrows.transition("ESC-1", EscrowState.OPEN, "0xae", 200));
        assertFalse(escrows.transition("ESC-1", EscrowState.OPEN, "0xae", 200));
        assertThrows(IllegalStateException.class, () -> escrows.transition("ESC-1", EscrowState.OPENING, null, 300));
        assertThrows(IllegalStateException.class, () -> escrows.transition("ESC-9", EscrowState.OPEN, null, 300));
        assertEquals(List.of("ESC-1", "ESC-2"), all(unchecked(c -> queries.openEscrows(c, 1))).stream()
                .map(Views.EscrowView::escrowId).toList());
        assertTrue(escrows.transition("ESC-1", EscrowState.RELEASED, "0xc2", 400));
        final List<Views.EscrowView> open = queries.openEscrows(null, 10).items();
        assertEquals(List.of("ESC-2"), open.stream().map(Views.EscrowView::escrowId).toList());
        assertNull(queries.openEscrows(null, 10).nextCursor());
    }

    @Test
    void badArgumentsAreTypedErrors() {
        assertThrows(InvalidQueryException.class, () -> queries.orderHistory(1, null, 0));
        assertThrows(InvalidQueryException.class, () -> queries.orderHistory(1, null, ReadModelQueries.MAX_PAGE_SIZE + 1));
        assertThrows(InvalidQueryException.class, () -> queries.fills(1, "1.2", 10));
        assertThrows(InvalidQueryException.class, () -> queries.transfers(1, "x.y", 10));
        assertThrows(InvalidQueryException.class, () -> queries.trades(1, 5, 5, 10));
    }
}
