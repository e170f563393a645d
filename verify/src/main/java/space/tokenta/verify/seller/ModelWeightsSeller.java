package space.tokenta.verify.seller;

import java.net.URI;

import space.tokenta.verify.evidence.CanonicalJson;
import space.tokenta.verify.http.LocalHttpServer;
import space.tokenta.verify.model.TinyClassifier;
import tools.jackson.databind.JsonNode;

/**
 * A reference model seller on 127.0.0.1: {@code GET /v1/weights} and {@code POST /v1/infer}.
 * TAMPERED_WEIGHTS serves and runs altered weights; SWAPPED_INFERENCE serves the genuine weights
 * but answers inference with another model.
 */
public final class ModelWeightsSeller implements AutoCloseable
{
    public enum Behaviour
    {
        HONEST, TAMPERED_WEIGHTS, SWAPPED_INFERENCE
    }

    private final LocalHttpServer server;

    public ModelWeightsSeller(final TinyClassifier genuine, final Behaviour behaviour)
    {
        final byte[] altered = genuine.weights();
        for (int i = 0; i < altered.length; i += 3)
        {
            altered[i] = (byte)-altered[i];
        }
        final TinyClassifier other = new TinyClassifier(altered, genuine.features(), genuine.classes());
        final byte[] servedWeights = behaviour == Behaviour.TAMPERED_WEIGHTS ? other.weights() : genuine.weights();
        final TinyClassifier inference = behaviour == Behaviour.HONEST ? genuine : other;
        server = new LocalHttpServer()
            .route("/v1/weights", exchange -> LocalHttpServer.respond(exchange, 200, servedWeights, "application/octet-stream"))
            .route("/v1/infer", exchange ->
            {
                final JsonNode request = CanonicalJson.parse(LocalHttpServer.readBody(exchange));
                final int[] input = new int[request.path("input").size()];
                for (int i = 0; i < input.length; i++)
                {
                    input[i] = request.path("input").path(i).asInt();
                }
                LocalHttpServer.respond(exchange, 200, "{\"label\":" + inference.predict(input) + "}");
            })
            .start();
    }

    public URI baseUri()
    {
        return server.baseUri();
    }

    @Override
    public void close()
    {
        server.close();
    }
}
