package space.tokenta.verify.api;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

import space.tokenta.verify.evidence.CanonicalJson;
import space.tokenta.verify.evidence.Hex;
import space.tokenta.verify.evidence.MerkleTree;
import space.tokenta.verify.evidence.Sha256;
import space.tokenta.verify.http.JsonHttpClient;
import space.tokenta.verify.http.LocalHttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tokenta's metering proxy for one API-quota deal, on 127.0.0.1: the buyer calls
 * {@code /v1/chat/completions} with the key the proxy issued; the proxy forwards with the seller's
 * key and records a transcript entry (hashes of request and response, status, latency, tokens)
 * whose Merkle root becomes S4 evidence.
 */
public final class MeteringProxy implements AutoCloseable
{
    public static final int MAX_ENTRIES = 100_000;

    private final LocalHttpServer server;
    private final JsonHttpClient http = new JsonHttpClient();
    private final List<ObjectNode> transcript = new ArrayList<>();
    private final String proxyKey;

    public MeteringProxy(final URI upstream, final String upstreamKey, final String proxyKey)
    {
        this.proxyKey = proxyKey;
        this.server = new LocalHttpServer().route("/v1/chat/completions", exchange ->
        {
            final String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (!("Bearer " + proxyKey).equals(auth))
            {
                LocalHttpServer.respond(exchange, 401, "{\"error\":{\"message\":\"invalid proxy key\"}}");
                return;
            }
            final byte[] body = LocalHttpServer.readBody(exchange);
            final HttpRequest forward = HttpRequest.newBuilder(upstream.resolve("/v1/chat/completions"))
                .timeout(JsonHttpClient.TIMEOUT).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + upstreamKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            JsonHttpClient.Response response;
            try
            {
                response = http.send(forward);
            }
            catch (final JsonHttpClient.ProbeFailure ex)
            {
                response = new JsonHttpClient.Response(502, "{\"error\":{\"message\":\"upstream unreachable\"}}".getBytes(), 0);
            }
            record(body, response);
            LocalHttpServer.respond(exchange, response.status(), response.body(), "application/json");
        }).start();
    }

    private void record(final byte[] request, final JsonHttpClient.Response response)
    {
        long promptTokens = 0;
        long completionTokens = 0;
        if (response.status() == 200)
        {
            try
            {
                final JsonNode usage = response.json().path("usage");
                promptTokens = Math.max(0, Math.min(CanonicalJson.MAX_SAFE_INTEGER, usage.path("prompt_tokens").asLong(0)));
                completionTokens = Math.max(0, Math.min(CanonicalJson.MAX_SAFE_INTEGER, usage.path("completion_tokens").asLong(0)));
            }
            catch (final RuntimeException ignored)
            {
                // unreadable usage counts as zero tokens; the hashes still commit to the bytes
            }
        }
        synchronized (transcript)
        {
            if (transcript.size() >= MAX_ENTRIES)
            {
                throw new IllegalStateException("transcript full: " + MAX_ENTRIES);
            }
            transcript.add(CanonicalJson.object()
                .put("seq", transcript.size())
                .put("requestSha256", Hex.encode(Sha256.hash(request)))
                .put("responseSha256", Hex.encode(Sha256.hash(response.body())))
                .put("status", response.status())
                .put("latencyMicros", response.elapsedNanos() / 1000)
                .put("promptTokens", promptTokens)
                .put("completionTokens", completionTokens));
        }
    }

    public URI baseUri()
    {
        return server.baseUri();
    }

    public String proxyKey()
    {
        return proxyKey;
    }

    public ArrayNode transcript()
    {
        final ArrayNode array = CanonicalJson.MAPPER.createArrayNode();
        synchronized (transcript)
        {
            transcript.forEach(e -> array.add(e.deepCopy()));
        }
        return array;
    }

    public static byte[] merkleRoot(final JsonNode transcript)
    {
        final List<byte[]> leaves = new ArrayList<>(transcript.size());
        transcript.forEach(e -> leaves.add(CanonicalJson.canonicalize(e)));
        return MerkleTree.rootOf(leaves);
    }

    @Override
    public void close()
    {
        server.close();
    }
}
