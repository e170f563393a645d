package space.tokenta.benchcompare;

import exchange.core2.collections.objpool.ObjectsPool;
import exchange.core2.core.common.CoreSymbolSpecification;
import exchange.core2.core.common.MatcherEventType;
import exchange.core2.core.common.MatcherTradeEvent;
import exchange.core2.core.common.SymbolType;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.config.LoggingConfiguration;
import exchange.core2.core.orderbook.IOrderBook;
import exchange.core2.core.orderbook.OrderBookDirectImpl;
import exchange.core2.core.orderbook.OrderBookEventsHelper;
import exchange.core2.core.orderbook.OrderBookNaiveImpl;
import java.util.HashMap;
import java.util.Map;

/**
 * exchange-core 0.5.3's order books alone (one {@code IOrderBook} per instrument id), driven the way
 * its own order-book tests drive them: {@code IOrderBook.processCommand(book, cmd)}. Matcher events
 * are consumed after every command (folded into a hash) and returned to a free list, as exchange-core's
 * pipeline recycles its event chains, so the replay does not allocate per trade.
 */
public final class ExchangeCoreBooks {
    /** Which exchange-core order book implementation to use. */
    public enum Impl { DIRECT, NAIVE }

    private static final int MAX_POOLED_EVENTS = 1 << 16;

    private final IOrderBook[] books;
    private final MatcherTradeEvent[] freeEvents = new MatcherTradeEvent[MAX_POOLED_EVENTS];
    private int freeEventCount;
    private long eventHash = 0x9E3779B97F4A7C15L;
    private long eventCount;
    private long rejectedCount;

    /**
     * @param maxInstrumentId the largest instrument id the stream uses (books 1..maxInstrumentId)
     */
    public ExchangeCoreBooks(final int maxInstrumentId, final Impl impl) {
        if (maxInstrumentId < 1 || maxInstrumentId > 1_000_000) {
            throw new IllegalArgumentException("maxInstrumentId must be 1..1000000: " + maxInstrumentId);
        }
        books = new IOrderBook[maxInstrumentId + 1];
        // the pool sizes exchange-core's matching engine router uses in its pipeline (the test pool
        // is small, so a book of 1,000+ orders would allocate orders and tree nodes)
        final Map<Integer, Integer> poolSizes = new HashMap<>();
        poolSizes.put(ObjectsPool.DIRECT_ORDER, 1024 * 1024);
        poolSizes.put(ObjectsPool.DIRECT_BUCKET, 1024 * 64);
        poolSizes.put(ObjectsPool.ART_NODE_4, 1024 * 32);
        poolSizes.put(ObjectsPool.ART_NODE_16, 1024 * 16);
        poolSizes.put(ObjectsPool.ART_NODE_48, 1024 * 8);
        poolSizes.put(ObjectsPool.ART_NODE_256, 1024 * 4);
        final ObjectsPool objectsPool = new ObjectsPool(poolSizes);
        final OrderBookEventsHelper events = new OrderBookEventsHelper(this::takeEvent);
        for (int id = 1; id <= maxInstrumentId; id++) {
            // futures type: exchange-core checks a bid's reserve price only for currency pairs, and
            // our risk lives in the ledger, which this side does not model
            final CoreSymbolSpecification spec = CoreSymbolSpecification.builder().symbolId(id)
                    .type(SymbolType.FUTURES_CONTRACT).baseCurrency(1).quoteCurrency(2).baseScaleK(1).quoteScaleK(1)
                    .takerFee(0).makerFee(0).marginBuy(0).marginSell(0).build();
            books[id] = impl == Impl.DIRECT
                    ? new OrderBookDirectImpl(spec, objectsPool, events, LoggingConfiguration.DEFAULT)
                    : new OrderBookNaiveImpl(spec, objectsPool, events, LoggingConfiguration.DEFAULT);
        }
    }

    private MatcherTradeEvent takeEvent() {
        return freeEventCount > 0 ? freeEvents[--freeEventCount] : new MatcherTradeEvent();
    }

    /** Applies one command and consumes (hashes, recycles) its matcher events. */
    public CommandResultCode apply(final OrderCommand cmd) {
        cmd.matcherEvent = null;
        cmd.resultCode = CommandResultCode.VALID_FOR_MATCHING_ENGINE;
        final CommandResultCode result = IOrderBook.processCommand(books[cmd.symbol], cmd);
        if (result != CommandResultCode.SUCCESS) {
            rejectedCount++;
        }
        MatcherTradeEvent event = cmd.matcherEvent;
        int bound = MAX_POOLED_EVENTS;
        while (event != null && bound-- > 0) {
            final MatcherTradeEvent next = event.nextEvent;
            if (event.eventType == MatcherEventType.TRADE) {
                eventHash = mix(eventHash, event.matchedOrderId, event.price, event.size);
            }
            eventCount++;
            event.nextEvent = null;
            if (freeEventCount < MAX_POOLED_EVENTS) {
                freeEvents[freeEventCount++] = event;
            }
            event = next;
        }
        cmd.matcherEvent = null;
        return result;
    }

    private static long mix(final long h, final long a, final long b, final long c) {
        long x = h ^ (a * 0xBF58476D1CE4E5B9L) ^ Long.rotateLeft(b * 0x94D049BB133111EBL, 17) ^ Long.rotateLeft(c, 41);
        x = (x ^ (x >>> 31)) * 0x9E3779B97F4A7C15L;
        return x ^ (x >>> 29);
    }

    public IOrderBook book(final int instrumentId) {
        return books[instrumentId];
    }

    public int maxInstrumentId() {
        return books.length - 1;
    }

    /** Hash over every trade (maker order id, price, size) in order. */
    public long tradeHash() {
        return eventHash;
    }

    /** Matcher events seen (trades, reduces, rejects). */
    public long eventCount() {
        return eventCount;
    }

    /** Commands whose result was not SUCCESS (e.g. an order id unknown to this side). */
    public long rejectedCount() {
        return rejectedCount;
    }
}
