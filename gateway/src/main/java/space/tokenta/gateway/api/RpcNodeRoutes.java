package space.tokenta.gateway.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import space.tokenta.gateway.auth.Scope;
import space.tokenta.gateway.port.RpcNodes;

/**
 * {@code GET /v1/rpc/nodes}: per chain, its JSON-RPC upstreams online of total, heads, lag and
 * latencies (the terminal's RPC Nodes panel); 404 NOT_FOUND on a node that runs no chains.
 */
public final class RpcNodeRoutes {
    public static final String PATH = "/v1/rpc/nodes";
    /** Bound on the chains and upstreams one answer lists. */
    public static final int MAX_CHAINS = 64;
    public static final int MAX_UPSTREAMS_PER_CHAIN = 64;

    private RpcNodeRoutes() {
    }

    public static Route nodes(final RpcNodes rpcNodes) {
        // on the worker pool: the pools' health is read under their locks
        return new Route(HttpMethod.GET, PATH, Scope.PUBLIC, 1, c -> {
            final List<RpcNodes.ChainNodes> chains = rpcNodes.chains()
                    .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "this node runs no chains", new JsonObject()));
            return CompletableFuture.completedFuture(new Reply(200, json(chains).encode(), "application/json"));
        });
    }

    static JsonObject json(final List<RpcNodes.ChainNodes> chains) {
        final JsonArray out = new JsonArray();
        int online = 0;
        int total = 0;
        for (final RpcNodes.ChainNodes c : chains.subList(0, Math.min(chains.size(), MAX_CHAINS))) {
            final JsonArray upstreams = new JsonArray();
            for (final RpcNodes.UpstreamNode u : c.upstreams().subList(0, Math.min(c.upstreams().size(),
                    MAX_UPSTREAMS_PER_CHAIN))) {
                upstreams.add(new JsonObject().put("name", u.name()).put("healthy", u.healthy()).put("state", u.state())
                        .put("latencyP50Ms", u.latencyP50Ms()).put("latencyP99Ms", u.latencyP99Ms())
                        .put("headBlock", u.headBlock()).put("lagBlocks", u.lagBlocks()));
            }
            out.add(new JsonObject().put("chainId", c.chainId()).put("name", c.name()).put("online", c.online())
                    .put("total", c.total()).put("headBlock", c.headBlock()).put("finalizedBlock", c.finalizedBlock())
                    .put("lagBlocks", c.lagBlocks()).put("latencyP50Ms", c.latencyP50Ms()).put("upstreams", upstreams));
            online += c.online();
            total += c.total();
        }
        return new JsonObject().put("chains", out).put("online", online).put("total", total);
    }
}
