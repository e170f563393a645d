package space.tokenta.gateway.ws;

import io.vertx.core.json.JsonObject;
import space.tokenta.gateway.api.CandleIntervals;
import space.tokenta.gateway.api.Views;
import space.tokenta.engine.event.Event;
import space.tokenta.gateway.port.ReadModels.CandleView;
import space.tokenta.gateway.port.ReadModels.InstrumentView;

/**
 * The current candle of one {@code candles.SYM.INTERVAL} channel, folded from the event stream's
 * trades on the hub's context. It starts from the read model's newest candle and the read model's
 * newest trade id ({@link #seed}); trades with a higher id are folded on top (engine trade ids grow
 * by one per trade), so a trade is counted once whether the read model or the stream saw it first.
 *
 * <p>Messages: {@code {"channel", "type": snapshot|update, "candle": {openTimeMs, open, high, low,
 * close, volume, trades} | null}} with the fields of REST {@code /v1/candles}; {@code null} before
 * the first trade.
 */
final class CandleSeries {
    enum State { SEEDING, LIVE }

    final String channel;
    final InstrumentView instrument;
    final long intervalSeconds;
    private State state = State.SEEDING;
    private long lastTradeId;
    private long openTimeMs = -1;
    private long openTicks;
    private long highTicks;
    private long lowTicks;
    private long closeTicks;
    private long volumeLots;
    private int tradeCount;

    CandleSeries(final InstrumentView instrument, final long intervalSeconds) {
        if (!CandleIntervals.supported(intervalSeconds)) {
            throw new IllegalArgumentException("unsupported candle interval " + intervalSeconds);
        }
        this.instrument = instrument;
        this.intervalSeconds = intervalSeconds;
        this.channel = channelName(instrument.symbol(), intervalSeconds);
    }

    static String channelName(final String symbol, final long intervalSeconds) {
        return "candles." + symbol + "." + intervalSeconds;
    }

    State state() {
        return state;
    }

    /** The read model's newest candle (or null) and newest trade id (0 without trades); then LIVE. */
    void seed(final CandleView newest, final long readModelLastTradeId) {
        if (state != State.SEEDING) {
            throw new IllegalStateException("seeded twice: " + channel);
        }
        if (newest != null) {
            openTimeMs = newest.openTimeMs();
            openTicks = newest.openTicks();
            highTicks = newest.highTicks();
            lowTicks = newest.lowTicks();
            closeTicks = newest.closeTicks();
            volumeLots = newest.volumeLots();
            tradeCount = newest.tradeCount();
        }
        lastTradeId = readModelLastTradeId;
        state = State.LIVE;
    }

    /** Folds a trade of this instrument; false when it was already counted (or is older than the candle). */
    boolean onTrade(final Event.Trade t) {
        if (state != State.LIVE || t.instrumentId() != instrument.instrumentId() || t.tradeId() <= lastTradeId) {
            return false;
        }
        lastTradeId = t.tradeId();
        final long bucketMs = CandleIntervals.openTimeMs(t.timestampNs(), intervalSeconds);
        if (bucketMs < openTimeMs) {
            return false;
        }
        if (bucketMs > openTimeMs) {
            openTimeMs = bucketMs;
            openTicks = t.priceTicks();
            highTicks = t.priceTicks();
            lowTicks = t.priceTicks();
            volumeLots = 0;
            tradeCount = 0;
        }
        highTicks = Math.max(highTicks, t.priceTicks());
        lowTicks = Math.min(lowTicks, t.priceTicks());
        closeTicks = t.priceTicks();
        volumeLots += t.quantityLots();
        tradeCount++;
        return true;
    }

    JsonObject message(final String type) {
        final JsonObject msg = new JsonObject().put("channel", channel).put("type", type);
        if (openTimeMs < 0) {
            return msg.putNull("candle");
        }
        return msg.put("candle", Views.candle(instrument, new CandleView(instrument.instrumentId(), intervalSeconds,
                openTimeMs, openTicks, highTicks, lowTicks, closeTicks, volumeLots, tradeCount)));
    }
}
