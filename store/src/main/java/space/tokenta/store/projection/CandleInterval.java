package space.tokenta.store.projection;

/** The candle intervals the store keeps. */
public enum CandleInterval {
    S1(1),
    M1(60),
    M5(300),
    H1(3_600),
    D1(86_400);

    private final int seconds;

    CandleInterval(final int seconds) {
        this.seconds = seconds;
    }

    public int seconds() {
        return seconds;
    }

    /** The start of the bucket holding {@code timestampNs}. */
    public long bucketStartNs(final long timestampNs) {
        final long widthNs = seconds * 1_000_000_000L;
        return Math.floorDiv(timestampNs, widthNs) * widthNs;
    }

    public static CandleInterval ofSeconds(final int seconds) {
        for (final CandleInterval interval : values()) {
            if (interval.seconds == seconds) {
                return interval;
            }
        }
        throw new IllegalArgumentException("unknown candle interval: " + seconds + " s");
    }
}
