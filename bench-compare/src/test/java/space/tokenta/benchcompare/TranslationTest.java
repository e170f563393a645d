package space.tokenta.benchcompare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exchange.core2.core.common.IOrder;
import exchange.core2.core.common.OrderAction;
import exchange.core2.core.orderbook.IOrderBook;
import exchange.core2.core.common.cmd.OrderCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import space.tokenta.bench.EngineReplay;
import space.tokenta.bench.Scenario;
import space.tokenta.bench.Workload;
import space.tokenta.bench.WorkloadGenerator;
import space.tokenta.engine.Engine;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.event.NoOpEventSink;
import space.tokenta.engine.order.Side;

/**
 * The translation is right when exchange-core's books, fed the translated stream, end in the same
 * state as our engine fed the original: the same best bid and ask, the same resting orders with the
 * same open quantities and prices, in the same queue order at every level. Streams without STP (the
 * one thing exchange-core's book cannot express) so the two must agree exactly.
 */
class TranslationTest {
    // the one-book mix with IOC folded into GTC (IOC places carry STP in the generator); 10% of
    // GTC places still cross the spread, so the stream trades, moves across and reduces
    private static final Scenario ONE_BOOK_NO_STP = new Scenario("cmp-one-book", 1, 300, 300, 200, 4_000,
            15, 0, 0, 7, 71, 7);
    private static final Scenario FIVE_BOOKS_NO_STP = new Scenario("cmp-five-books", 5, 300, 40, 60, 4_000,
            15, 0, 0, 7, 71, 7);

    @Test
    void oneBookEndsInTheSameStateAsOurEngine() {
        for (long seed = 1; seed <= 3; seed++) {
            assertSameEndState(WorkloadGenerator.generate(ONE_BOOK_NO_STP, seed, 4_000));
        }
    }

    @Test
    void severalBooksEndInTheSameStateAsOurEngine() {
        assertSameEndState(WorkloadGenerator.generate(FIVE_BOOKS_NO_STP, 11, 4_000));
    }

    @Test
    void directAndNaiveBooksTradeIdentically() {
        final ExchangeCoreStream stream = ExchangeCoreStream.translate(WorkloadGenerator.generate(ONE_BOOK_NO_STP, 5, 3_000));
        final ExchangeCoreBooks direct = replay(stream, ExchangeCoreBooks.Impl.DIRECT);
        final ExchangeCoreBooks naive = replay(stream, ExchangeCoreBooks.Impl.NAIVE);
        assertTrue(direct.eventCount() > 0, "the stream trades");
        assertEquals(direct.tradeHash(), naive.tradeHash());
        assertEquals(direct.eventCount(), naive.eventCount());
    }

    private static ExchangeCoreBooks replay(final ExchangeCoreStream stream, final ExchangeCoreBooks.Impl impl) {
        final ExchangeCoreBooks books = ExchangeCoreReplay.prepared(stream, impl);
        for (final OrderCommand cmd : stream.commands()) {
            books.apply(cmd);
        }
        return books;
    }

    private static void assertSameEndState(final Workload workload) {
        final ExchangeCoreStream stream = ExchangeCoreStream.translate(workload);
        assertEquals(0, stream.stpOrders());
        assertEquals(0, stream.divergedAmends());
        assertEquals(0, stream.skipped(), "every measured record has an exchange-core command");
        final ExchangeCoreBooks books = replay(stream, ExchangeCoreBooks.Impl.DIRECT);
        assertTrue(books.eventCount() > 0, "the stream trades");
        final Engine engine = EngineReplay.prepared(workload);
        for (final Command command : workload.commands()) {
            engine.apply(command, NoOpEventSink.INSTANCE);
        }
        long restingOrders = 0;
        for (int instrument = 1; instrument <= books.maxInstrumentId(); instrument++) {
            final IOrderBook book = books.book(instrument);
            for (final Side side : Side.values()) {
                final OrderAction action = side == Side.BUY ? OrderAction.BID : OrderAction.ASK;
                final List<IOrder> orders = (side == Side.BUY ? book.bidOrdersStream(true) : book.askOrdersStream(true))
                        .collect(Collectors.toList());
                assertEquals(orders.size(), book.getOrdersNum(action));
                restingOrders += orders.size();
                final long best = orders.isEmpty() ? 0 : orders.get(0).getPrice();
                assertEquals(engine.bestPrice(instrument, side), best, "best " + side + " of book " + instrument);
                final Map<Long, List<Long>> queues = new LinkedHashMap<>();
                long volume = 0;
                for (final IOrder order : orders) {
                    queues.computeIfAbsent(order.getPrice(), p -> new ArrayList<>()).add(order.getOrderId());
                    final long open = order.getSize() - order.getFilled();
                    volume += open;
                    assertEquals(engine.openQuantity(order.getOrderId()), open, "open quantity of " + order.getOrderId());
                    assertEquals(engine.openPrice(order.getOrderId()), order.getPrice());
                }
                assertEquals(book.getTotalOrdersVolume(action), volume);
                for (final Map.Entry<Long, List<Long>> level : queues.entrySet()) {
                    assertArrayEquals(engine.queueAt(instrument, side, level.getKey()),
                            level.getValue().stream().mapToLong(Long::longValue).toArray(),
                            "queue of book " + instrument + " " + side + " at " + level.getKey());
                }
            }
        }
        assertEquals(engine.openOrderCount(), restingOrders, "resting orders on both sides");
    }
}
