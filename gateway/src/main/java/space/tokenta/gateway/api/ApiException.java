package space.tokenta.gateway.api;

import io.vertx.core.json.JsonObject;

/** A typed API error: becomes {@code {code, message, details}} with the code's HTTP status. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;
    private final transient JsonObject details;

    public ApiException(final ErrorCode code, final String message) {
        this(code, message, new JsonObject());
    }

    public ApiException(final ErrorCode code, final String message, final JsonObject details) {
        super(message, null, false, false);
        this.code = code;
        this.details = details;
    }

    public ErrorCode code() {
        return code;
    }

    public JsonObject toJson() {
        return new JsonObject().put("code", code.name()).put("message", getMessage()).put("details", details);
    }
}
