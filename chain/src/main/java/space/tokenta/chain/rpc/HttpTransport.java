package space.tokenta.chain.rpc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;

/**
 * JSON-RPC over HTTP with java.net.http. The JDK client keeps a keep-alive connection pool per
 * host that grows with concurrent requests and shrinks when idle; the per-upstream in-flight bound
 * (enforced by {@link Upstream}) caps how far it grows.
 */
public final class HttpTransport {
    private final HttpClient client;
    private final URI uri;
    private final int maxResponseBytes;

    public HttpTransport(final URI uri, final int maxResponseBytes, final Executor executor) {
        this.uri = uri;
        this.maxResponseBytes = maxResponseBytes;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .executor(executor)
                .build();
    }

    public CompletableFuture<HttpReply> post(final byte[] body, final long timeoutMs) {
        final HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMillis(timeoutMs))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return client.sendAsync(request, info -> new BoundedBody(maxResponseBytes))
                .thenApply(response -> new HttpReply(response.statusCode(), response.body(),
                        retryAfterMs(response.headers().firstValue("Retry-After").orElse(null))));
    }

    public void close() {
        client.shutdownNow();
    }

    static long retryAfterMs(final String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Math.min(60_000, Math.max(0, Long.parseLong(header.trim()) * 1000));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Collects a body up to a bound; a larger body fails the request instead of filling memory. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int maxBytes;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final List<ByteBuffer> parts = new ArrayList<>();
        private int size;
        private Flow.Subscription subscription;

        BoundedBody(final int maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(final Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(final List<ByteBuffer> items) {
            for (final ByteBuffer b : items) {
                size += b.remaining();
                if (size > maxBytes) {
                    subscription.cancel();
                    result.completeExceptionally(new RpcException(RpcErrorKind.BAD_RESPONSE,
                            "response larger than " + maxBytes + " bytes"));
                    return;
                }
                parts.add(b);
            }
        }

        @Override
        public void onError(final Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            final byte[] out = new byte[size];
            int at = 0;
            for (final ByteBuffer b : parts) {
                final int n = b.remaining();
                b.get(out, at, n);
                at += n;
            }
            result.complete(out);
        }
    }
}
