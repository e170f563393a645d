package space.tokenta.gateway.api;

/** A response: status, body text and content type. */
public record Reply(int status, String body, String contentType) {
    public static Reply json(final int status, final Object jsonValue) {
        return new Reply(status, io.vertx.core.json.Json.encode(jsonValue), "application/json");
    }
}
