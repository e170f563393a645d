package space.tokenta.gateway.webhook;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import space.tokenta.gateway.auth.HmacSigner;
import space.tokenta.gateway.port.EventBatch;
import space.tokenta.gateway.port.EventFeed;
import space.tokenta.engine.event.Event;

/**
 * Webhooks: a subscriber (an account) registers a URL for event types; each matching event of that
 * account is POSTed as JSON with header {@code Tokenta-Signature: t=<unix ms>,v1=<hex HMAC-SHA256(secret,
 * t + "." + body)>}. Failures (non-2xx, timeout) are retried with exponential backoff and full jitter
 * up to {@code maxAttempts}; then the delivery is parked in a bounded dead-letter list that can be
 * listed and replayed.
 */
public final class WebhookDispatcher implements AutoCloseable {
    public static final Set<String> EVENT_TYPES = Set.of("order.accepted", "order.cancelled", "order.expired",
            "order.rejected", "fill", "transfer");
    public static final int MAX_SUBSCRIPTIONS = 10_000;
    public static final int MAX_IN_FLIGHT = 10_000;
    public static final int MAX_DEAD_LETTERS = 10_000;
    static final long MAX_DELAY_MS = 60_000;

    public record Subscription(String id, long accountId, String url, Set<String> eventTypes, String secret) {
    }

    public record DeadLetter(String id, String subscriptionId, String url, String eventType, String body, int attempts,
            String lastError) {
    }

    private final ConcurrentHashMap<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final ArrayDeque<DeadLetter> deadLetters = new ArrayDeque<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread t = new Thread(r, "tokenta-webhooks");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final SecureRandom random = new SecureRandom();
    private final int maxAttempts;
    private final long baseDelayMs;
    private final AutoCloseable feed;

    private final space.tokenta.gateway.persist.CredentialStore store;

    private final WebhookTargetPolicy targets;

    /** In memory, public targets only. */
    public WebhookDispatcher(final EventFeed eventFeed, final int maxAttempts, final long baseDelayMs) {
        this(eventFeed, maxAttempts, baseDelayMs, space.tokenta.gateway.persist.CredentialStore.inMemory(), List.of(),
                new WebhookTargetPolicy(false, WebhookTargetPolicy.SYSTEM_RESOLVER));
    }

    /**
     * Subscriptions loaded from {@code stored}, written through to {@code store} when registered;
     * {@code targets} decides which URLs may be registered and delivered to.
     */
    public WebhookDispatcher(final EventFeed eventFeed, final int maxAttempts, final long baseDelayMs,
            final space.tokenta.gateway.persist.CredentialStore store, final List<Subscription> stored,
            final WebhookTargetPolicy targets) {
        this.store = store;
        this.targets = targets;
        for (final Subscription s : stored) {
            if (subscriptions.size() < MAX_SUBSCRIPTIONS) {
                subscriptions.put(s.id(), s);
                // ids continue after the highest stored one
                final String n = s.id().startsWith("wh_") ? s.id().substring(3) : "";
                if (n.matches("[0-9]{1,18}")) {
                    ids.accumulateAndGet(Long.parseLong(n), Math::max);
                }
            }
        }
        if (maxAttempts < 1 || maxAttempts > 20 || baseDelayMs < 1) {
            throw new IllegalArgumentException("maxAttempts 1..20, baseDelayMs >= 1");
        }
        this.maxAttempts = maxAttempts;
        this.baseDelayMs = baseDelayMs;
        this.feed = eventFeed.subscribe(this::onBatch);
    }

    /**
     * @throws WebhookTargetPolicy.RejectedTarget when the URL may not be delivered to
     * @throws IllegalArgumentException when the event types are not among {@link #EVENT_TYPES}
     */
    public Subscription register(final long accountId, final String url, final Set<String> eventTypes) {
        if (eventTypes.isEmpty() || !EVENT_TYPES.containsAll(eventTypes)) {
            throw new IllegalArgumentException("events must be among " + EVENT_TYPES);
        }
        targets.check(url);
        if (subscriptions.size() >= MAX_SUBSCRIPTIONS) {
            throw new IllegalStateException("webhook table full");
        }
        final byte[] secret = new byte[32];
        random.nextBytes(secret);
        final Subscription s = new Subscription("wh_" + ids.incrementAndGet(), accountId, url, Set.copyOf(eventTypes),
                HexFormat.of().formatHex(secret));
        store.saveWebhook(s);
        subscriptions.put(s.id(), s);
        return s;
    }

    public List<Subscription> subscriptions(final long accountId) {
        return subscriptions.values().stream().filter(s -> s.accountId() == accountId).toList();
    }

    public synchronized List<DeadLetter> deadLetters(final long accountId) {
        return deadLetters.stream().filter(d -> {
            final Subscription s = subscriptions.get(d.subscriptionId());
            return s != null && s.accountId() == accountId;
        }).toList();
    }

    /** Re-sends a dead letter (fresh attempts); @return false when there is no such letter for this account. */
    public boolean replay(final long accountId, final String deadLetterId) {
        final DeadLetter letter;
        synchronized (this) {
            letter = deadLetters.stream().filter(d -> d.id().equals(deadLetterId)).findFirst().orElse(null);
            final Subscription s = letter == null ? null : subscriptions.get(letter.subscriptionId());
            if (s == null || s.accountId() != accountId) {
                return false;
            }
            deadLetters.remove(letter);
        }
        enqueue(subscriptions.get(letter.subscriptionId()), letter.eventType(), letter.body());
        return true;
    }

    public static String signature(final String secret, final long timestampMs, final String body) {
        return "t=" + timestampMs + ",v1=" + HexFormat.of().formatHex(HmacSigner.hmacSha256(
                secret.getBytes(StandardCharsets.UTF_8), (timestampMs + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    private void onBatch(final EventBatch batch) {
        if (subscriptions.isEmpty()) {
            return;
        }
        for (final Event event : batch.events()) {
            switch (event) {
                case Event.OrderAccepted e -> emit(e.accountId(), "order.accepted", batch.sequence(), event);
                case Event.OrderCancelled e -> emit(e.accountId(), "order.cancelled", batch.sequence(), event);
                case Event.OrderExpired e -> emit(e.accountId(), "order.expired", batch.sequence(), event);
                case Event.OrderRejected e -> emit(e.accountId(), "order.rejected", batch.sequence(), event);
                case Event.Trade e -> {
                    emit(e.makerAccountId(), "fill", batch.sequence(), event);
                    if (e.takerAccountId() != e.makerAccountId()) {
                        emit(e.takerAccountId(), "fill", batch.sequence(), event);
                    }
                }
                case Event.Transfer e -> {
                    emit(e.debitOwner(), "transfer", batch.sequence(), event);
                    emit(e.creditOwner(), "transfer", batch.sequence(), event);
                }
                default -> {
                }
            }
        }
    }

    private void emit(final long accountId, final String type, final long sequence, final Event event) {
        for (final Subscription s : subscriptions.values()) {
            if (s.accountId() == accountId && s.eventTypes().contains(type)) {
                final String body = new JsonObject().put("type", type).put("seq", sequence)
                        .put("event", space.tokenta.gateway.api.Views.record((Record) event)).encode();
                enqueue(s, type, body);
            }
        }
    }

    private void enqueue(final Subscription s, final String type, final String body) {
        if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
            inFlight.decrementAndGet();
            park(s, type, body, 0, "dropped: too many deliveries in flight");
            dropped.incrementAndGet();
            return;
        }
        scheduler.execute(() -> attempt(s, type, body, 1));
    }

    private void attempt(final Subscription s, final String type, final String body, final int attempt) {
        final long now = System.currentTimeMillis();
        final URI uri = URI.create(s.url());
        try {
            // again at delivery: the name may resolve elsewhere now (DNS rebinding)
            targets.checkAddresses(uri.getHost());
        } catch (final WebhookTargetPolicy.RejectedTarget e) {
            failed(s, type, body, attempt, "target refused: " + e.reason());
            return;
        }
        final HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").header("Tokenta-Signature", signature(s.secret(), now, body))
                .header("Tokenta-Event", type).header("Tokenta-Attempt", Integer.toString(attempt))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            final boolean ok = failure == null && response.statusCode() / 100 == 2;
            if (ok) {
                inFlight.decrementAndGet();
                return;
            }
            failed(s, type, body, attempt, failure != null ? failure.getClass().getSimpleName() : "HTTP " + response.statusCode());
        });
    }

    private void failed(final Subscription s, final String type, final String body, final int attempt, final String error) {
        if (attempt >= maxAttempts) {
            inFlight.decrementAndGet();
            park(s, type, body, attempt, error);
            return;
        }
        final long cap = Math.min(MAX_DELAY_MS, baseDelayMs << Math.min(attempt - 1, 20));
        final long delay = cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1); // "equal jitter"
        try {
            scheduler.schedule(() -> attempt(s, type, body, attempt + 1), delay, TimeUnit.MILLISECONDS);
        } catch (final java.util.concurrent.RejectedExecutionException closed) {
            inFlight.decrementAndGet();
        }
    }

    private synchronized void park(final Subscription s, final String type, final String body, final int attempts,
            final String error) {
        deadLetters.addLast(new DeadLetter("dl_" + ids.incrementAndGet(), s.id(), s.url(), type, body, attempts,
                error.toLowerCase(Locale.ROOT)));
        while (deadLetters.size() > MAX_DEAD_LETTERS) {
            deadLetters.removeFirst();
        }
    }

    @Override
    public void close() {
        try {
            feed.close();
        } catch (final Exception e) {
            Thread.currentThread().interrupt();
        }
        scheduler.shutdownNow();
    }
}
