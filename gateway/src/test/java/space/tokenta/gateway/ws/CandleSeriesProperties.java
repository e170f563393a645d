package space.tokenta.gateway.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import space.tokenta.engine.instrument.FeeModel;
import space.tokenta.engine.instrument.InstrumentClass;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.event.Event;
import space.tokenta.gateway.port.ReadModels.CandleView;
import space.tokenta.gateway.port.ReadModels.InstrumentView;

/** A series seeded at any point of a trade stream, then fed the stream again, equals the candle of all trades. */
class CandleSeriesProperties {
    static final InstrumentView INSTRUMENT = new InstrumentView(1, "T", InstrumentClass.values()[0], 1, 2, 0, 1,
            1_000_000, 1, 1_000_000, 0, 0, FeeModel.MAKER_TAKER);

    @Property(tries = 200)
    void seededAnywhereCountsEveryTradeOnce(@ForAll("seedLong") final long seed, @ForAll @IntRange(min = 1, max = 60) final int count,
            @ForAll @IntRange(min = 0, max = 60) final int seedAfter, @ForAll @LongRange(min = 0, max = 3) final long intervalIndex) {
        final long interval = space.tokenta.gateway.api.CandleIntervals.SECONDS[(int) intervalIndex];
        final java.util.Random random = new java.util.Random(seed);
        final List<Event.Trade> trades = new ArrayList<>();
        long ns = 1_700_000_000_000_000_000L;
        for (int n = 1; n <= count; n++) {
            ns += random.nextLong(1, 40_000_000_000L);
            trades.add(new Event.Trade(ns, 1, n, 0, 0, 0, 0, Side.BUY, random.nextLong(1, 500),
                    random.nextLong(1, 10), 0, 0, 0, 0, 0, 0, 0));
        }
        final int known = Math.min(seedAfter, count);
        final CandleSeries series = new CandleSeries(INSTRUMENT, interval);
        series.seed(reference(trades.subList(0, known), interval), known);
        // the stream repeats trades the read model already counted: they must not count twice
        trades.forEach(series::onTrade);
        final CandleView expected = reference(trades, interval);
        final JsonObject candle = series.message("update").getJsonObject("candle");
        assertEquals(expected.openTimeMs(), candle.getLong("openTimeMs"));
        assertEquals(expected.tradeCount(), candle.getInteger("trades"));
        assertEquals(space.tokenta.gateway.api.Views.candle(INSTRUMENT, expected), candle);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Long> seedLong() {
        return net.jqwik.api.Arbitraries.longs();
    }

    /** The newest bucket's candle computed from scratch; null without trades. */
    static CandleView reference(final List<Event.Trade> trades, final long interval) {
        if (trades.isEmpty()) {
            return null;
        }
        final long bucket = space.tokenta.gateway.api.CandleIntervals.openTimeMs(trades.get(trades.size() - 1).timestampNs(), interval);
        final List<Event.Trade> in = trades.stream()
                .filter(t -> space.tokenta.gateway.api.CandleIntervals.openTimeMs(t.timestampNs(), interval) == bucket).toList();
        return new CandleView(1, interval, bucket, in.get(0).priceTicks(),
                in.stream().mapToLong(Event.Trade::priceTicks).max().orElseThrow(),
                in.stream().mapToLong(Event.Trade::priceTicks).min().orElseThrow(), in.get(in.size() - 1).priceTicks(),
                in.stream().mapToLong(Event.Trade::quantityLots).sum(), in.size());
    }
}
