package space.tokenta.gateway.auth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers nonces seen inside the timestamp window so a replayed request is refused. Bounded: the
 * oldest entries go first; a nonce older than the window is refused by the timestamp check anyway.
 */
public final class NonceWindow {
    private final int capacity;
    private final long windowMs;
    private final LinkedHashMap<String, Long> seen;

    public NonceWindow(final int capacity, final long windowMs) {
        if (capacity <= 0 || windowMs <= 0) {
            throw new IllegalArgumentException("capacity and window must be positive");
        }
        this.capacity = capacity;
        this.windowMs = windowMs;
        this.seen = new LinkedHashMap<>(Math.min(capacity, 1 << 16));
    }

    /** @return true when the nonce is new (and records it), false on a replay. */
    public synchronized boolean firstUse(final String scopeKey, final String nonce, final long nowMs) {
        final String key = scopeKey + '\u0000' + nonce;
        final Long at = seen.get(key);
        if (at != null && nowMs - at <= 2 * windowMs) {
            return false;
        }
        seen.put(key, nowMs);
        while (seen.size() > capacity) {
            final Map.Entry<String, Long> eldest = seen.entrySet().iterator().next();
            seen.remove(eldest.getKey());
        }
        return true;
    }
}
