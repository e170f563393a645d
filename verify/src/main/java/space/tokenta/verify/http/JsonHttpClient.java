package space.tokenta.verify.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import space.tokenta.verify.evidence.CanonicalJson;
import tools.jackson.databind.JsonNode;

/** Small HTTP client for probes: bounded timeouts and response sizes, typed failures. */
public final class JsonHttpClient
{
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** A response: status, body bytes and how long the exchange took. */
    public record Response(int status, byte[] body, long elapsedNanos)
    {
        public JsonNode json()
        {
            return CanonicalJson.parse(body);
        }
    }

    /** The seller could not be reached or answered unreadably. */
    public static final class ProbeFailure extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        public ProbeFailure(final String message, final Throwable cause)
        {
            super(message, cause);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public Response get(final URI uri)
    {
        return send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build());
    }

    public Response postJson(final URI uri, final String bearer, final JsonNode body)
    {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(CanonicalJson.MAPPER.writeValueAsString(body), StandardCharsets.UTF_8));
        if (bearer != null)
        {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return send(builder.build());
    }

    public Response send(final HttpRequest request)
    {
        final long start = System.nanoTime();
        try
        {
            final HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.body().length > LocalHttpServer.MAX_BODY_BYTES)
            {
                throw new ProbeFailure("response over " + LocalHttpServer.MAX_BODY_BYTES + " bytes", null);
            }
            return new Response(response.statusCode(), response.body(), System.nanoTime() - start);
        }
        catch (final IOException ex)
        {
            throw new ProbeFailure("unreachable: " + request.uri() + ": " + ex.getMessage(), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new ProbeFailure("interrupted", ex);
        }
    }
}
