package space.tokenta.gateway.api;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stripe-style idempotency: per (principal, key) the request hash and the first response. A replay
 * with the same hash gets the stored response; a different hash is refused (422); entries expire
 * after {@code ttlMs}; at most {@code capacity} entries (oldest evicted first).
 */
public final class IdempotencyStore {
    public record Stored(String requestHash, int status, String body, long createdMs, boolean complete) {
    }

    public enum Outcome { NEW, REPLAY, MISMATCH, IN_PROGRESS }

    public record Lookup(Outcome outcome, Stored stored) {
    }

    private final LinkedHashMap<String, Stored> entries = new LinkedHashMap<>();
    private final int capacity;
    private final long ttlMs;

    public IdempotencyStore(final int capacity, final long ttlMs) {
        if (capacity <= 0 || ttlMs <= 0) {
            throw new IllegalArgumentException("capacity and ttl must be positive");
        }
        this.capacity = capacity;
        this.ttlMs = ttlMs;
    }

    /** Looks the key up; when NEW, reserves it (in progress) so a concurrent duplicate is refused. */
    public synchronized Lookup begin(final String key, final String requestHash, final long nowMs) {
        expire(nowMs);
        final Stored stored = entries.get(key);
        if (stored == null) {
            entries.put(key, new Stored(requestHash, 0, null, nowMs, false));
            while (entries.size() > capacity) {
                entries.remove(entries.keySet().iterator().next());
            }
            return new Lookup(Outcome.NEW, null);
        }
        if (!stored.requestHash().equals(requestHash)) {
            return new Lookup(Outcome.MISMATCH, stored);
        }
        return new Lookup(stored.complete() ? Outcome.REPLAY : Outcome.IN_PROGRESS, stored);
    }

    public synchronized void complete(final String key, final String requestHash, final int status, final String body) {
        final Stored stored = entries.get(key);
        if (stored != null && stored.requestHash().equals(requestHash)) {
            entries.put(key, new Stored(requestHash, status, body, stored.createdMs(), true));
        }
    }

    /** Forgets a reservation whose request failed before reaching the engine (so a retry may run). */
    public synchronized void abandon(final String key) {
        final Stored stored = entries.get(key);
        if (stored != null && !stored.complete()) {
            entries.remove(key);
        }
    }

    public synchronized int size() {
        return entries.size();
    }

    private void expire(final long nowMs) {
        final Iterator<Map.Entry<String, Stored>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            if (nowMs - it.next().getValue().createdMs() < ttlMs) {
                return;
            }
            it.remove();
        }
    }
}
