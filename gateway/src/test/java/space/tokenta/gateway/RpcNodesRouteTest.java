package space.tokenta.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import space.tokenta.gateway.inprocess.InProcessExchange;
import space.tokenta.gateway.port.RpcNodes;

/**
 * {@code GET /v1/rpc/nodes}: the field names the terminal's RPC Nodes panel reads, the values the port
 * gives, and 404 NOT_FOUND on a node without chains. (The port over real upstream pools is exercised by
 * the app's {@code up} test.)
 */
class RpcNodesRouteTest {

    @Test
    void nodeWithoutChainsAnswersNotFound() throws Exception {
        try (TestExchange x = new TestExchange()) {
            final HttpResponse<String> r = x.get("/v1/rpc/nodes");
            assertEquals(404, r.statusCode(), r.body());
            assertEquals("NOT_FOUND", new JsonObject(r.body()).getString("code"), r.body());
        }
    }

    @Test
    void chainsAndUpstreamsCarryThePanelsFields() throws Exception {
        final RpcNodes.ChainNodes eth = new RpcNodes.ChainNodes(31337, "eth-dev", 2, 3, 123, 111, 0, 1.5, List.of(
                new RpcNodes.UpstreamNode("eth-dev-direct", true, "ACTIVE", 1.2, 4.0, 123, 0),
                new RpcNodes.UpstreamNode("eth-dev-proxy-1", true, "ACTIVE", 2.5, 9.75, 123, 0),
                new RpcNodes.UpstreamNode("eth-dev-proxy-2", false, "QUARANTINED", -1, -1, 97, 26)));
        final InProcessExchange exchange = new InProcessExchange(InProcessExchange.DEFAULT_TIME_TICK_INTERVAL_MS);
        final GatewayServer server = GatewayServer.start(new Ports(exchange, exchange, exchange.readModels(),
                () -> Optional.of(List.of(eth))), GatewayConfig.defaults().withPort(0));
        try {
            final HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/v1/rpc/nodes")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            final JsonObject body = new JsonObject(r.body());
            assertEquals(2, body.getInteger("online"));
            assertEquals(3, body.getInteger("total"));
            final JsonArray chains = body.getJsonArray("chains");
            assertEquals(1, chains.size());
            final JsonObject chain = chains.getJsonObject(0);
            assertEquals(Set.of("chainId", "name", "online", "total", "headBlock", "finalizedBlock", "lagBlocks",
                    "latencyP50Ms", "upstreams"), chain.fieldNames());
            assertEquals(31337L, chain.getLong("chainId"));
            assertEquals("eth-dev", chain.getString("name"));
            assertEquals(2, chain.getInteger("online"));
            assertEquals(3, chain.getInteger("total"));
            assertEquals(123L, chain.getLong("headBlock"));
            assertEquals(111L, chain.getLong("finalizedBlock"));
            assertEquals(0L, chain.getLong("lagBlocks"));
            final JsonArray upstreams = chain.getJsonArray("upstreams");
            assertEquals(3, upstreams.size());
            for (int i = 0; i < upstreams.size(); i++) {
                final JsonObject u = upstreams.getJsonObject(i);
                final RpcNodes.UpstreamNode want = eth.upstreams().get(i);
                assertEquals(Set.of("name", "healthy", "state", "latencyP50Ms", "latencyP99Ms", "headBlock", "lagBlocks"),
                        u.fieldNames());
                assertEquals(want.name(), u.getString("name"));
                assertEquals(want.healthy(), u.getBoolean("healthy"));
                assertEquals(want.latencyP50Ms(), u.getDouble("latencyP50Ms"));
                assertEquals(want.latencyP99Ms(), u.getDouble("latencyP99Ms"));
                assertEquals(want.headBlock(), u.getLong("headBlock"));
            }
        } finally {
            server.close();
            exchange.close();
        }
    }
}
