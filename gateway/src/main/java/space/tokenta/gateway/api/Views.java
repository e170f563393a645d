package space.tokenta.gateway.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import space.tokenta.gateway.port.ReadModels.ActivityView;
import space.tokenta.gateway.port.ReadModels.BalanceView;
import space.tokenta.gateway.port.ReadModels.EscrowView;
import space.tokenta.gateway.port.ReadModels.FillView;
import space.tokenta.gateway.port.ReadModels.InstrumentView;
import space.tokenta.gateway.port.ReadModels.Level;
import space.tokenta.gateway.port.ReadModels.OrderView;

/** JSON shapes of the read-model records, with decimal strings for prices and quantities. */
public final class Views {
    private Views() {
    }

    public static String price(final InstrumentView i, final long ticks) {
        return Decimals.toDecimal(ticks, i.priceDecimals());
    }

    public static String qty(final InstrumentView i, final long lots) {
        return Decimals.toDecimal(lots, i.quantityDecimals());
    }

    /** A candle as REST {@code /v1/candles} and the {@code candles.SYM.INTERVAL} channel show it. */
    public static JsonObject candle(final InstrumentView i, final space.tokenta.gateway.port.ReadModels.CandleView k) {
        return new JsonObject().put("openTimeMs", k.openTimeMs()).put("open", price(i, k.openTicks()))
                .put("high", price(i, k.highTicks())).put("low", price(i, k.lowTicks()))
                .put("close", price(i, k.closeTicks())).put("volume", qty(i, k.volumeLots()))
                .put("trades", k.tradeCount());
    }

    public static JsonObject instrument(final InstrumentView i) {
        return new JsonObject().put("symbol", i.symbol()).put("instrumentId", i.instrumentId())
                .put("class", i.instrumentClass().name()).put("quoteAssetId", i.quoteAssetId())
                .put("tickSize", Decimals.toDecimal(1, i.priceDecimals()))
                .put("lotSize", Decimals.toDecimal(1, i.quantityDecimals()))
                .put("minQuantity", qty(i, i.minQuantityLots())).put("maxQuantity", qty(i, i.maxQuantityLots()))
                .put("minPrice", price(i, i.minPriceTicks())).put("maxPrice", price(i, i.maxPriceTicks()))
                .put("makerFeeBps", i.makerFeeBps()).put("takerFeeBps", i.takerFeeBps())
                .put("feeModel", i.feeModel().name());
    }

    public static JsonArray levels(final InstrumentView i, final java.util.List<Level> levels) {
        final JsonArray out = new JsonArray();
        for (final Level l : levels) {
            out.add(new JsonArray().add(price(i, l.priceTicks())).add(qty(i, l.quantityLots())));
        }
        return out;
    }

    public static JsonObject order(final InstrumentView i, final OrderView o) {
        return new JsonObject().put("orderId", Long.toString(o.orderId()))
                .put("clientOrderId", Long.toUnsignedString(o.clientOrderId())).put("symbol", i == null ? null : i.symbol())
                .put("side", o.side() == null ? null : o.side().name())
                .put("type", o.orderType() == null ? null : o.orderType().name())
                .put("timeInForce", o.timeInForce() == null ? null : o.timeInForce().name())
                // a rejected order known only by its rejection has no recorded terms: null, not "0"
                .put("price", i == null || o.side() == null ? null : price(i, o.priceTicks()))
                .put("quantity", i == null || o.side() == null ? null : qty(i, o.quantityLots()))
                .put("filled", i == null ? null : qty(i, o.filledLots()))
                .put("remaining", i == null ? null : qty(i, o.remainingLots())).put("status", o.status().name())
                .put("reason", o.reason()).put("createdNs", o.createdNs()).put("updatedNs", o.updatedNs());
    }

    public static JsonObject fill(final InstrumentView i, final FillView f) {
        return new JsonObject().put("tradeId", Long.toString(f.tradeId())).put("orderId", Long.toString(f.orderId()))
                .put("symbol", i == null ? null : i.symbol()).put("side", f.side().name())
                .put("price", i == null ? null : price(i, f.priceTicks()))
                .put("quantity", i == null ? null : qty(i, f.quantityLots())).put("fee", f.fee())
                .put("liquidity", f.liquidity().name()).put("timestampNs", f.timestampNs());
    }

    public static JsonObject balance(final BalanceView b) {
        return new JsonObject().put("assetId", b.assetId()).put("available", Long.toString(b.available()))
                .put("held", Long.toString(b.held()));
    }

    /** An escrow as {@code /v1/escrows} and the {@code escrows} channel show it (amount in the quote asset's minor units). */
    public static JsonObject escrow(final EscrowView e) {
        return new JsonObject().put("escrowId", e.escrowId()).put("instrumentId", e.instrumentId())
                .put("tradeId", Long.toString(e.tradeId())).put("chainId", e.chainId())
                .put("buyerAccountId", e.buyerAccountId()).put("sellerAccountId", e.sellerAccountId())
                .put("assetId", e.assetId()).put("amount", Long.toString(e.amount())).put("state", e.state())
                .put("openTxHash", e.openTxHash()).put("lastTxHash", e.lastTxHash())
                .put("openedMs", e.openedNs() / 1_000_000).put("updatedMs", e.updatedNs() / 1_000_000)
                .put("releaseAfterSec", e.releaseAfterSec()).put("expiresAtSec", e.expiresAtSec());
    }

    /** A settlement activity line as {@code /v1/settlement/activity} and the {@code settlement} channel show it. */
    public static JsonObject activity(final ActivityView a) {
        return new JsonObject().put("id", Long.toString(a.id())).put("atMs", a.atMs()).put("code", a.code())
                .put("subject", a.subject()).put("message", a.message());
    }

    /** A verification run as {@code /v1/verifications/runs} and the {@code verifications} channel show it. */
    public static JsonObject verificationRun(final space.tokenta.gateway.port.ReadModels.VerificationRunView v) {
        return new JsonObject().put("runId", v.runId()).put("escrowId", v.escrowId()).put("chainId", v.chainId())
                .put("symbol", v.symbol()).put("assetClass", v.assetClass()).put("seller", v.sellerAccount())
                .put("buyer", v.buyerAccount()).put("outcome", v.outcome()).put("failedStage", v.failedStage())
                .put("stages", new JsonArray(v.stagesJson())).put("evidenceCid", v.evidenceCid())
                .put("signatures", v.signatures()).put("quorum", v.quorum()).put("startedAt", iso(v.startedAtMs()))
                .put("finishedAt", v.finishedAtMs() == null ? null : iso(v.finishedAtMs()));
    }

    /** A seller's reputation as {@code /v1/reputation/sellers} and the {@code reputation} channel show it. */
    public static JsonObject sellerReputation(final space.tokenta.gateway.port.ReadModels.SellerReputationView s) {
        return new JsonObject().put("account", s.account()).put("score", s.score())
                .put("lowerBound", s.lowerBound()).put("deals", s.deals()).put("passes", s.passes())
                .put("fails", s.fails()).put("exposureLimitLots", s.exposureLimitLots())
                .put("history", new JsonArray(s.historyJson())).put("updatedAt", iso(s.updatedAtMs()));
    }

    public static String iso(final long epochMs) {
        return java.time.Instant.ofEpochMilli(epochMs).toString();
    }

    /** A record's components as a JSON object (enums by name, other values as they are). */
    public static JsonObject record(final Record value) {
        final JsonObject out = new JsonObject();
        for (final java.lang.reflect.RecordComponent c : value.getClass().getRecordComponents()) {
            try {
                final Object v = c.getAccessor().invoke(value);
                out.put(c.getName(), v instanceof Enum<?> e ? e.name() : v);
            } catch (final ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** A client order id string (1..36 of [A-Za-z0-9_-]) to the engine's 64-bit id: itself if numeric, else a hash. */
    public static long clientOrderId(final String text) {
        if (text == null) {
            return 0;
        }
        if (!text.matches("[A-Za-z0-9_-]{1,36}")) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "clientOrderId must be 1..36 of [A-Za-z0-9_-]",
                    new JsonObject().put("field", "clientOrderId"));
        }
        if (text.matches("[1-9][0-9]{0,17}")) {
            return Long.parseLong(text);
        }
        try {
            final byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int k = 0; k < 8; k++) {
                v = (v << 8) | (d[k] & 0xff);
            }
            return v == 0 ? 1 : v;
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
