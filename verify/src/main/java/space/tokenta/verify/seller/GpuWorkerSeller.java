package space.tokenta.verify.seller;

import java.net.URI;
import java.util.Base64;
import java.util.List;

import space.tokenta.verify.evidence.CanonicalJson;
import space.tokenta.verify.evidence.Hex;
import space.tokenta.verify.evidence.Secp256k1Key;
import space.tokenta.verify.gpu.ComputeBlockVerifier;
import space.tokenta.verify.gpu.HeartbeatChain;
import space.tokenta.verify.gpu.MatrixChallenge;
import space.tokenta.verify.http.LocalHttpServer;
import tools.jackson.databind.JsonNode;

/**
 * A reference GPU worker on 127.0.0.1: answers matrix challenges and serves its signed heartbeat
 * chain for a delivery window. {@link Behaviour#SKIPS_LARGE_PRODUCTS} answers small (benchmark-size)
 * challenges honestly but skips the work on larger ones, returning a product with one wrong cell.
 */
public final class GpuWorkerSeller implements AutoCloseable
{
    public enum Behaviour
    {
        HONEST, SKIPS_LARGE_PRODUCTS
    }

    private final LocalHttpServer server;
    private final byte[] heartbeats;

    public GpuWorkerSeller(
        final Behaviour behaviour, final Secp256k1Key workerKey, final long startMs, final long intervalMs, final int heartbeatCount)
    {
        final List<HeartbeatChain.Heartbeat> chain = HeartbeatChain.produce(workerKey, startMs, intervalMs, heartbeatCount);
        this.heartbeats = CanonicalJson.canonicalize(HeartbeatChain.toJson(chain));
        this.server = new LocalHttpServer()
            .route("/v1/challenge", exchange ->
            {
                final JsonNode request = CanonicalJson.parse(LocalHttpServer.readBody(exchange));
                final byte[] nonce = Hex.decode(request.path("nonce").asString(""), 32);
                final int n = request.path("n").asInt(0);
                final long[] product = MatrixChallenge.multiply(
                    MatrixChallenge.expand(nonce, n, 0), MatrixChallenge.expand(nonce, n, 1), n);
                if (behaviour == Behaviour.SKIPS_LARGE_PRODUCTS && n > ComputeBlockVerifier.BENCHMARK_N)
                {
                    final int cell = (nonce[0] & 0xFF) % product.length;
                    product[cell] = (product[cell] + 1) % MatrixChallenge.P;
                }
                LocalHttpServer.respond(exchange, 200, CanonicalJson.object()
                    .put("product", Base64.getEncoder().encodeToString(MatrixChallenge.encode(product))).toString());
            })
            .route("/v1/heartbeats", exchange -> LocalHttpServer.respond(exchange, 200, heartbeats, "application/json"))
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
