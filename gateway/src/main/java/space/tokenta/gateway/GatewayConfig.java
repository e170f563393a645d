package space.tokenta.gateway;

/** Gateway limits and settings; every limit explicit. */
public record GatewayConfig(String host, int port, int maxBodyBytes, long hmacWindowMs, long jwtTtlMs,
        long engineTimeoutMs, int idempotencyCapacity, long idempotencyTtlMs, long rateCapacity, long ratePerSecond,
        int wsMaxQueueBytes, long wsIdleTimeoutMs, int bookChecksumDepth, int webhookMaxAttempts,
        long webhookBaseDelayMs, java.nio.file.Path webRoot, boolean webhookAllowPrivateTargets) {

    public static GatewayConfig defaults() {
        return new GatewayConfig("127.0.0.1", portFromEnv(), 64 * 1024, 5_000, 15 * 60_000, 5_000, 100_000,
                24 * 3_600_000L, 1_200, 600, 1 << 20, 30_000, 10, 8, 500, webRootFromEnv(), webhookAllowPrivateFromEnv());
    }

    public GatewayConfig withPort(final int newPort) {
        return new GatewayConfig(host, newPort, maxBodyBytes, hmacWindowMs, jwtTtlMs, engineTimeoutMs,
                idempotencyCapacity, idempotencyTtlMs, rateCapacity, ratePerSecond, wsMaxQueueBytes, wsIdleTimeoutMs,
                bookChecksumDepth, webhookMaxAttempts, webhookBaseDelayMs, webRoot, webhookAllowPrivateTargets);
    }

    public GatewayConfig withRate(final long capacity, final long perSecond) {
        return new GatewayConfig(host, port, maxBodyBytes, hmacWindowMs, jwtTtlMs, engineTimeoutMs,
                idempotencyCapacity, idempotencyTtlMs, capacity, perSecond, wsMaxQueueBytes, wsIdleTimeoutMs,
                bookChecksumDepth, webhookMaxAttempts, webhookBaseDelayMs, webRoot, webhookAllowPrivateTargets);
    }

    public GatewayConfig withWebhooks(final int maxAttempts, final long baseDelayMs) {
        return new GatewayConfig(host, port, maxBodyBytes, hmacWindowMs, jwtTtlMs, engineTimeoutMs,
                idempotencyCapacity, idempotencyTtlMs, rateCapacity, ratePerSecond, wsMaxQueueBytes, wsIdleTimeoutMs,
                bookChecksumDepth, maxAttempts, baseDelayMs, webRoot, webhookAllowPrivateTargets);
    }

    /** WebSocket outbound queue per session (bytes; full → close 4001) and idle timeout (ms; → close 4002). */
    public GatewayConfig withWebSocket(final int maxQueueBytes, final long idleTimeoutMs) {
        if (maxQueueBytes < 1_024 || idleTimeoutMs < 1) {
            throw new IllegalArgumentException("maxQueueBytes must be >= 1024 and idleTimeoutMs >= 1");
        }
        return new GatewayConfig(host, port, maxBodyBytes, hmacWindowMs, jwtTtlMs, engineTimeoutMs,
                idempotencyCapacity, idempotencyTtlMs, rateCapacity, ratePerSecond, maxQueueBytes, idleTimeoutMs,
                bookChecksumDepth, webhookMaxAttempts, webhookBaseDelayMs, webRoot, webhookAllowPrivateTargets);
    }

    /** Serve the web terminal's files from {@code root} (null: serve no files). */
    public GatewayConfig withWebRoot(final java.nio.file.Path root) {
        return new GatewayConfig(host, port, maxBodyBytes, hmacWindowMs, jwtTtlMs, engineTimeoutMs,
                idempotencyCapacity, idempotencyTtlMs, rateCapacity, ratePerSecond, wsMaxQueueBytes, wsIdleTimeoutMs,
                bookChecksumDepth, webhookMaxAttempts, webhookBaseDelayMs, root, webhookAllowPrivateTargets);
    }

    /**
     * Allow webhook URLs on loopback, private and link-local addresses (default: refused, as a guard
     * against server-side request forgery). Dev nodes and tests that deliver to 127.0.0.1 set it.
     */
    public GatewayConfig withWebhookPrivateTargets(final boolean allow) {
        return new GatewayConfig(host, port, maxBodyBytes, hmacWindowMs, jwtTtlMs, engineTimeoutMs,
                idempotencyCapacity, idempotencyTtlMs, rateCapacity, ratePerSecond, wsMaxQueueBytes, wsIdleTimeoutMs,
                bookChecksumDepth, webhookMaxAttempts, webhookBaseDelayMs, webRoot, allow);
    }

    /** {@code TOKENTA_WEBHOOK_ALLOW_PRIVATE=true} allows private webhook targets; anything else refuses them. */
    static boolean webhookAllowPrivateFromEnv() {
        return "true".equalsIgnoreCase(String.valueOf(System.getenv("TOKENTA_WEBHOOK_ALLOW_PRIVATE")).trim());
    }

    static java.nio.file.Path webRootFromEnv() {
        final String env = System.getenv("TOKENTA_WEB_ROOT");
        return env == null || env.isBlank() ? null : java.nio.file.Path.of(env.trim());
    }

    static int portFromEnv() {
        final String env = System.getenv("TOKENTA_HTTP_PORT");
        return env == null || env.isBlank() ? 8080 : Integer.parseInt(env.trim());
    }
}
