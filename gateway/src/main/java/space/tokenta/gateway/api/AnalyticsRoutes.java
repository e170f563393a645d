package space.tokenta.gateway.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import space.tokenta.gateway.Ports;
import space.tokenta.gateway.auth.Scope;
import space.tokenta.gateway.port.ReadModels.EscrowStats;
import space.tokenta.gateway.port.ReadModels.InstrumentView;
import space.tokenta.gateway.port.ReadModels.TradeStats;
import space.tokenta.gateway.port.ReadModels.VerificationStats;
import space.tokenta.gateway.store.StoreReadModels;

/**
 * Market analytics over the read models: {@code GET /v1/analytics/summary?symbol=&windowSec=} — trades,
 * volume, notional and VWAP of one market over a trailing window, with the escrow notional, settlement
 * latency and verification pass rate of that market (null where the node keeps no such read model).
 */
public final class AnalyticsRoutes {
    public static final long MIN_WINDOW_SEC = 60;
    public static final long MAX_WINDOW_SEC = 604_800;
    public static final long DEFAULT_WINDOW_SEC = 86_400;
    /** VWAP carries two decimals more than the market's price. */
    public static final int VWAP_EXTRA_DECIMALS = 2;
    static final int LATENCY_MS_DECIMALS = 3;
    static final int RATE_DECIMALS = 4;

    private final Ports ports;
    private final LongSupplier clockMs;

    public AnalyticsRoutes(final Ports ports, final LongSupplier clockMs) {
        this.ports = ports;
        this.clockMs = clockMs;
    }

    public List<Route> routes() {
        return List.of(new Route(HttpMethod.GET, "/v1/analytics/summary", Scope.PUBLIC, 5, c -> {
            final String symbol = c.query().get("symbol");
            if (symbol == null || symbol.isEmpty()) {
                throw new ApiException(ErrorCode.MISSING_FIELD, "symbol is required", new JsonObject().put("field", "symbol"));
            }
            if (symbol.length() > 64) {
                throw new ApiException(ErrorCode.UNKNOWN_SYMBOL, "unknown symbol");
            }
            final InstrumentView i = ports.readModels().instrument(symbol).orElseThrow(() -> new ApiException(
                    ErrorCode.UNKNOWN_SYMBOL, "unknown symbol", new JsonObject().put("symbol", symbol)));
            final long windowSec = c.queryLong("windowSec", DEFAULT_WINDOW_SEC, MIN_WINDOW_SEC, MAX_WINDOW_SEC);
            final long nowMs = clockMs.getAsLong();
            // the window is (now - windowSec, now], in whole milliseconds
            final long fromMs = nowMs - windowSec * 1_000 + 1;
            final long toMs = nowMs + 1;
            final TradeStats trades = ports.readModels().tradeStats(i.instrumentId(), fromMs * 1_000_000, toMs * 1_000_000);
            final Optional<EscrowStats> escrows = ports.readModels().escrowStats(i.instrumentId(), fromMs * 1_000_000,
                    toMs * 1_000_000);
            final Optional<VerificationStats> runs = ports.readModels().verificationStats(i.instrumentId(), i.symbol(),
                    fromMs, toMs);
            return ExchangeRoutes.done(200, summary(i, windowSec, trades, escrows, runs));
        }));
    }

    /** The summary document from the read models' figures (pure: the unit tests check it against a reference). */
    public static JsonObject summary(final InstrumentView i, final long windowSec, final TradeStats trades,
            final Optional<EscrowStats> escrows, final Optional<VerificationStats> runs) {
        final JsonObject out = new JsonObject().put("symbol", i.symbol()).put("windowSec", windowSec)
                .put("trades", trades.trades()).put("volumeLots", trades.volumeLots())
                .put("notional", notional(i, trades.priceTimesLots())).put("vwap", vwap(i, trades));
        final EscrowStats e = escrows.orElse(null);
        out.put("escrowNotionalOpen", e == null ? null : quote(e.openAmount()));
        out.put("escrowNotionalReleased", e == null ? null : quote(e.releasedAmount()));
        out.put("settlementLatencyP50Ms", e == null ? null : millis(e.latencyP50Ns()));
        out.put("settlementLatencyP99Ms", e == null ? null : millis(e.latencyP99Ns()));
        final VerificationStats v = runs.orElse(null);
        out.put("verificationPassRate", v == null ? null : passRate(v));
        out.put("verificationRuns", v == null ? null : v.runs());
        return out;
    }

    /** Σ price × quantity in display units, with the price's plus the quantity's decimals. */
    static String notional(final InstrumentView i, final BigInteger priceTimesLots) {
        return new BigDecimal(priceTimesLots, i.priceDecimals() + i.quantityDecimals()).toPlainString();
    }

    /** Σ(price × quantity) / Σ quantity, half-even to the price's decimals plus {@link #VWAP_EXTRA_DECIMALS}; null without trades. */
    static String vwap(final InstrumentView i, final TradeStats t) {
        if (t.volumeLots() == 0) {
            return null;
        }
        // rounded in ticks to VWAP_EXTRA_DECIMALS, i.e. to priceDecimals + VWAP_EXTRA_DECIMALS in display units
        final BigDecimal ticks = new BigDecimal(t.priceTimesLots()).divide(BigDecimal.valueOf(t.volumeLots()),
                VWAP_EXTRA_DECIMALS, RoundingMode.HALF_EVEN);
        return ticks.movePointLeft(i.priceDecimals()).toPlainString();
    }

    /** Quote-asset minor units as a decimal string (USDT/USDC count millionths). */
    static String quote(final BigInteger minorUnits) {
        return new BigDecimal(minorUnits, StoreReadModels.QUOTE_DECIMALS).toPlainString();
    }

    static Double millis(final Long nanos) {
        return nanos == null ? null
                : BigDecimal.valueOf(nanos).movePointLeft(6).setScale(LATENCY_MS_DECIMALS, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** PASS / (PASS + FAIL) of the finished runs; null when none finished. */
    static Double passRate(final VerificationStats v) {
        final long finished = v.passes() + v.fails();
        return finished == 0 ? null : BigDecimal.valueOf(v.passes()).divide(BigDecimal.valueOf(finished), RATE_DECIMALS,
                RoundingMode.HALF_EVEN).doubleValue();
    }
}
