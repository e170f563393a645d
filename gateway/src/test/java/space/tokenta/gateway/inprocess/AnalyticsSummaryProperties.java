package space.tokenta.gateway.inprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import space.tokenta.engine.instrument.FeeModel;
import space.tokenta.engine.instrument.InstrumentClass;
import space.tokenta.engine.order.Side;
import space.tokenta.gateway.api.AnalyticsRoutes;
import space.tokenta.engine.event.Event;
import space.tokenta.gateway.port.ReadModels.EscrowStats;
import space.tokenta.gateway.port.ReadModels.InstrumentView;
import space.tokenta.gateway.port.ReadModels.TradeStats;
import space.tokenta.gateway.port.ReadModels.VerificationStats;

/**
 * The analytics summary of the in-memory read models against a reference model: a plain list of
 * trades, filtered to the window and summed in display units with BigDecimal.
 */
class AnalyticsSummaryProperties {
    record RefTrade(long timestampNs, long priceTicks, long quantityLots) {
    }

    @Property(tries = 100)
    void tradeFiguresMatchTheReference(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE / 2) final long seed,
            @ForAll @IntRange(min = 0, max = 1_200) final int tradeCount, @ForAll @IntRange(min = 0, max = 6) final int priceDecimals,
            @ForAll @IntRange(min = 0, max = 3) final int quantityDecimals) {
        final Random random = new Random(seed);
        final InstrumentView i = new InstrumentView(1, "GPT-FT-04", InstrumentClass.API_QUOTA, 1, priceDecimals,
                quantityDecimals, 1, 1_000_000, 1, 1_000_000_000_000L, 0, 10, FeeModel.MAKER_TAKER);
        final MemoryReadModels models = new MemoryReadModels();
        models.addInstrument(i);
        final List<RefTrade> reference = new ArrayList<>();
        long timeNs = 1_700_000_000_000_000_000L;
        for (int k = 0; k < tradeCount; k++) {
            timeNs += random.nextInt(3) == 0 ? 0 : random.nextLong(1, 120_000_000_000L); // equal timestamps too
            final long price = random.nextBoolean() ? random.nextLong(1, 1_000) : random.nextLong(1, 1_000_000_000_000L);
            final long qty = random.nextLong(1, 1_000_000);
            reference.add(new RefTrade(timeNs, price, qty));
            models.apply(k + 1, null, List.of(new Event.Trade(timeNs, 1, k + 1, 1, 2, 2, 1,
                    random.nextBoolean() ? Side.BUY : Side.SELL, price, qty, 0, 0, 0, 0, 0, 0, 0)));
        }
        // a window that often cuts through the trades: both edges drawn around the tape
        final long fromNs = 1_700_000_000_000_000_000L + random.nextLong(0, Math.max(1, timeNs - 1_700_000_000_000_000_000L + 1));
        final long toNs = fromNs + random.nextLong(0, 3_600_000_000_000L);
        // the in-memory tape keeps the newest MAX_TRADES_PER_INSTRUMENT trades
        final List<RefTrade> inWindow = reference.subList(Math.max(0, reference.size()
                - MemoryReadModels.MAX_TRADES_PER_INSTRUMENT), reference.size()).stream()
                .filter(t -> t.timestampNs() >= fromNs && t.timestampNs() < toNs).toList();

        final TradeStats stats = models.tradeStats(1, fromNs, toNs);
        assertEquals(inWindow.size(), stats.trades());
        final long windowSec = 3_600;
        final JsonObject summary = AnalyticsRoutes.summary(i, windowSec, stats, Optional.empty(), Optional.empty());

        BigDecimal notional = BigDecimal.ZERO;
        BigDecimal volume = BigDecimal.ZERO;
        long lots = 0;
        for (final RefTrade t : inWindow) {
            final BigDecimal price = BigDecimal.valueOf(t.priceTicks(), priceDecimals);
            final BigDecimal qty = BigDecimal.valueOf(t.quantityLots(), quantityDecimals);
            notional = notional.add(price.multiply(qty));
            volume = volume.add(qty);
            lots += t.quantityLots();
        }
        assertEquals("GPT-FT-04", summary.getString("symbol"));
        assertEquals(windowSec, summary.getLong("windowSec"));
        assertEquals(inWindow.size(), summary.getLong("trades"));
        assertEquals(lots, summary.getLong("volumeLots"));
        assertEquals(0, notional.compareTo(new BigDecimal(summary.getString("notional"))), summary.encode());
        if (inWindow.isEmpty()) {
            assertNull(summary.getValue("vwap"));
        } else {
            final BigDecimal vwap = notional.divide(volume, priceDecimals + AnalyticsRoutes.VWAP_EXTRA_DECIMALS,
                    RoundingMode.HALF_EVEN);
            assertEquals(vwap.toPlainString(), summary.getString("vwap"), summary.encode());
        }
        for (final String absent : List.of("escrowNotionalOpen", "escrowNotionalReleased", "settlementLatencyP50Ms",
                "settlementLatencyP99Ms", "verificationPassRate", "verificationRuns")) {
            assertNull(summary.getValue(absent), absent + " without escrows or verification");
            assertEquals(true, summary.containsKey(absent), absent + " is present (null)");
        }
    }

    @Property(tries = 200)
    void escrowAndVerificationFiguresMatchTheReference(@ForAll @LongRange(min = 0, max = 1L << 60) final long open,
            @ForAll @LongRange(min = 0, max = 1L << 60) final long released,
            @ForAll @LongRange(min = 0, max = 10_000_000_000_000L) final long p50Ns,
            @ForAll @IntRange(min = 0, max = 10_000) final int passes, @ForAll @IntRange(min = 0, max = 10_000) final int fails,
            @ForAll @IntRange(min = 0, max = 100) final int running) {
        final InstrumentView i = new InstrumentView(1, "GPT-FT-04", InstrumentClass.API_QUOTA, 1, 2, 0, 1, 1, 1, 1, 0, 0,
                FeeModel.MAKER_TAKER);
        final JsonObject s = AnalyticsRoutes.summary(i, 60, new TradeStats(0, 0, java.math.BigInteger.ZERO),
                Optional.of(new EscrowStats(java.math.BigInteger.valueOf(open), java.math.BigInteger.valueOf(released), 1,
                        p50Ns, p50Ns + 1)),
                Optional.of(new VerificationStats(passes + fails + running, passes, fails)));
        assertEquals(BigDecimal.valueOf(open, 6).toPlainString(), s.getString("escrowNotionalOpen"));
        assertEquals(0, BigDecimal.valueOf(released, 6).compareTo(new BigDecimal(s.getString("escrowNotionalReleased"))));
        assertEquals(p50Ns / 1e6, s.getDouble("settlementLatencyP50Ms"), 0.0005 + p50Ns / 1e6 * 1e-15);
        assertEquals(passes + fails + running, s.getLong("verificationRuns"));
        if (passes + fails == 0) {
            assertNull(s.getValue("verificationPassRate"));
        } else {
            final double rate = s.getDouble("verificationPassRate");
            assertEquals((double) passes / (passes + fails), rate, 0.00005 + 1e-12);
            assertEquals(true, rate >= 0 && rate <= 1);
        }
        assertEquals(0, BigDecimal.ZERO.compareTo(new BigDecimal(s.getString("notional"))));
        assertNull(s.getValue("vwap"));
    }
}
