package space.tokenta.chain.rpc;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;

/**
 * An upstream's request budget on a Resilience4j {@link RateLimiter}, tuned AIMD-style: a 429 halves
 * it (and honours Retry-After as a cool-down), each quiet second grows it by 10 % up to the maximum.
 */
public final class RateBudget {
    private static final long REFRESH_MS = 100;
    private static final long GROW_EVERY_MS = 1_000;

    private final RateLimiter limiter;
    private final int minPerSecond;
    private final int maxPerSecond;
    private int perSecond;
    private long lastChangeMs;
    private long coolDownUntilMs;

    public RateBudget(final String name, final int minPerSecond, final int initialPerSecond, final int maxPerSecond) {
        this.minPerSecond = minPerSecond;
        this.maxPerSecond = maxPerSecond;
        this.perSecond = initialPerSecond;
        this.limiter = RateLimiter.of(name, RateLimiterConfig.custom()
                .limitRefreshPeriod(Duration.ofMillis(REFRESH_MS))
                .limitForPeriod(perPeriod(initialPerSecond))
                .timeoutDuration(Duration.ZERO)
                .build());
    }

    private static int perPeriod(final int perSecond) {
        return Math.max(1, (int) Math.ceil(perSecond * REFRESH_MS / 1000.0));
    }

    /** Non-blocking: true when a request may go now. */
    public boolean tryAcquire(final long nowMs) {
        synchronized (this) {
            if (nowMs < coolDownUntilMs) {
                return false;
            }
            if (perSecond < maxPerSecond && nowMs - lastChangeMs >= GROW_EVERY_MS) {
                perSecond = Math.min(maxPerSecond, perSecond + Math.max(1, perSecond / 10));
                lastChangeMs = nowMs;
                limiter.changeLimitForPeriod(perPeriod(perSecond));
            }
        }
        return limiter.acquirePermission();
    }

    public synchronized boolean coolingDown(final long nowMs) {
        return nowMs < coolDownUntilMs;
    }

    /** The upstream said 429: halve the budget and wait for Retry-After (bounded to 60 s) if given. */
    public synchronized void onThrottled(final long nowMs, final long retryAfterMs) {
        perSecond = Math.max(minPerSecond, perSecond / 2);
        lastChangeMs = nowMs;
        limiter.changeLimitForPeriod(perPeriod(perSecond));
        if (retryAfterMs > 0) {
            coolDownUntilMs = nowMs + Math.min(60_000, retryAfterMs);
        }
    }

    public synchronized int perSecond() {
        return perSecond;
    }
}
