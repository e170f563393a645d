package space.tokenta.gateway.api;

/** Stable error codes of the API ({@code {code, message, details}}); add new codes at the end. */
public enum ErrorCode {
    MALFORMED_JSON(400),
    INVALID_FIELD(400),
    UNKNOWN_FIELD(400),
    MISSING_FIELD(400),
    INVALID_DECIMAL(400),
    NOT_TICK_MULTIPLE(400),
    NOT_LOT_MULTIPLE(400),
    UNKNOWN_SYMBOL(404),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    BODY_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    UNAUTHENTICATED(401),
    BAD_SIGNATURE(401),
    TIMESTAMP_OUTSIDE_WINDOW(401),
    NONCE_REUSED(401),
    TOKEN_EXPIRED(401),
    FORBIDDEN_SCOPE(403),
    IDEMPOTENCY_KEY_MISSING(400),
    IDEMPOTENCY_KEY_REUSED(422),
    IDEMPOTENCY_IN_PROGRESS(409),
    RATE_LIMITED(429),
    ENGINE_BUSY(429),
    ORDER_REJECTED(422),
    COMMAND_REJECTED(422),
    STATUS_UNKNOWN(503),
    SERVER_BUSY(429),
    READ_MODELS_UNAVAILABLE(503),
    WEBHOOK_TARGET_FORBIDDEN(422),
    NOT_ESCROW_BUYER(403),
    ESCROW_NOT_DISPUTABLE(409);

    private final int httpStatus;

    ErrorCode(final int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
