package space.tokenta.chain.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A newHeads subscription over an upstream's WebSocket. Each notification triggers a probe round
 * at once (so heads, lag and rotation follow new blocks without waiting for the probe interval);
 * a dropped connection is re-established with exponential backoff (100 ms doubling to 5 s).
 * Periodic HTTP probes keep working while the socket is down.
 */
public final class HeadSubscription {
    private static final Logger LOG = LoggerFactory.getLogger(HeadSubscription.class);
    public static final long BACKOFF_MIN_MS = 100;
    public static final long BACKOFF_MAX_MS = 5_000;
    public static final int MAX_MESSAGE_CHARS = 1 << 20;

    public enum State { CONNECTING, SUBSCRIBED, BACKING_OFF, CLOSED }

    private final String upstreamId;
    private final URI wsUrl;
    private final ScheduledExecutorService scheduler;
    private final Runnable onHead;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong notifications = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private volatile State state = State.CONNECTING;
    private volatile WebSocket socket;
    private long backoffMs = BACKOFF_MIN_MS;

    public HeadSubscription(final String upstreamId, final URI wsUrl, final ScheduledExecutorService scheduler, final Runnable onHead) {
        this.upstreamId = upstreamId;
        this.wsUrl = wsUrl;
        this.scheduler = scheduler;
        this.onHead = onHead;
    }

    public HeadSubscription start() {
        connect();
        return this;
    }

    private void connect() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CONNECTING;
        client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(2)).buildAsync(wsUrl, new Listener())
                .whenComplete((ws, failure) -> {
                    if (failure != null) {
                        retryLater("connect failed: " + failure.getMessage());
                        return;
                    }
                    socket = ws;
                    ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"newHeads\"]}", true);
                });
    }

    private synchronized void retryLater(final String why) {
        if (state == State.CLOSED || state == State.BACKING_OFF) {
            return;
        }
        state = State.BACKING_OFF;
        reconnects.incrementAndGet();
        final long delay = backoffMs;
        backoffMs = Math.min(BACKOFF_MAX_MS, backoffMs * 2);
        LOG.debug("{}: head subscription down ({}); reconnecting in {} ms", upstreamId, why, delay);
        try {
            scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            state = State.CLOSED;
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(final WebSocket ws, final CharSequence data, final boolean last) {
            if (partial.length() + data.length() > MAX_MESSAGE_CHARS) {
                partial.setLength(0);
                ws.abort();
                retryLater("message larger than " + MAX_MESSAGE_CHARS);
                return null;
            }
            partial.append(data);
            if (last) {
                final String message = partial.toString();
                partial.setLength(0);
                if (message.contains("\"eth_subscription\"")) {
                    notifications.incrementAndGet();
                    onHead.run();
                } else if (message.contains("\"result\"")) {
                    synchronized (HeadSubscription.this) {
                        state = State.SUBSCRIBED;
                        backoffMs = BACKOFF_MIN_MS;
                    }
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(final WebSocket ws, final int statusCode, final String reason) {
            retryLater("closed " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(final WebSocket ws, final Throwable error) {
            retryLater("error " + error);
        }
    }

    public State state() {
        return state;
    }

    public long notifications() {
        return notifications.get();
    }

    public long reconnects() {
        return reconnects.get();
    }

    public void close() {
        state = State.CLOSED;
        final WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
        client.shutdownNow();
    }
}
