package space.tokenta.gateway.api;

/** The candle intervals the read models keep and the gateway serves (REST and WebSocket). */
public final class CandleIntervals {
    public static final long[] SECONDS = {60, 300, 3_600, 86_400};
    public static final String DESCRIPTION = "60, 300, 3600 or 86400";

    private CandleIntervals() {
    }

    public static boolean supported(final long intervalSeconds) {
        for (final long s : SECONDS) {
            if (s == intervalSeconds) {
                return true;
            }
        }
        return false;
    }

    /** Start of the bucket holding {@code timestampNs}, in ms, as the read models key candles. */
    public static long openTimeMs(final long timestampNs, final long intervalSeconds) {
        final long intervalMs = intervalSeconds * 1_000;
        return timestampNs / 1_000_000 / intervalMs * intervalMs;
    }
}
