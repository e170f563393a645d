package space.tokenta.chain.escrow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.web3j.protocol.Service;

import space.tokenta.chain.rpc.JsonRpcCodec;
import space.tokenta.chain.rpc.RpcErrorKind;
import space.tokenta.chain.rpc.RpcException;
import space.tokenta.chain.rpc.UpstreamPool;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lets web3j (and so {@link EvmSender} and the typed bindings) talk to a chain through an
 * {@link UpstreamPool}: every request gets the pool's fail-over, hedging, breakers and answer
 * checks; {@code eth_sendRawTransaction} goes to the pool's send upstream. A node's JSON-RPC error
 * (revert, invalid params) comes back as a JSON-RPC error; a transport failure of every upstream
 * as an {@link IOException}. Single requests only (no batches, no subscriptions).
 */
public final class PoolWeb3jService extends Service {
    private final UpstreamPool pool;

    public PoolWeb3jService(UpstreamPool pool) {
        super(false);
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    @Override
    protected InputStream performIO(String payload) throws IOException {
        JsonNode request = JsonRpcCodec.parse(payload.getBytes(StandardCharsets.UTF_8));
        if (!request.isObject() || !request.path("method").isString()) {
            throw new IOException("only single JSON-RPC requests go through the pool");
        }
        ObjectNode response = JsonRpcCodec.MAPPER.createObjectNode().put("jsonrpc", "2.0");
        response.set("id", request.path("id"));
        // one bound for the whole request: the pool's own deadline plus a margin for its timers
        long waitMs = pool.policy().requestDeadlineMs() + 1_000;
        try {
            JsonNode result = pool.call(request.path("method").asString(), request.path("params")).get(waitMs, TimeUnit.MILLISECONDS);
            response.set("result", result == null ? JsonRpcCodec.NODES.nullNode() : result);
        } catch (ExecutionException e) {
            RpcException failure = RpcException.of(e.getCause());
            if (failure.kind() != RpcErrorKind.RPC_ERROR && failure.kind() != RpcErrorKind.SEND_REJECTED
                    && failure.kind() != RpcErrorKind.BAD_REQUEST) {
                throw new IOException(failure.kind() + ": " + failure.getMessage(), failure);
            }
            ObjectNode error = response.putObject("error");
            error.put("code", failure.rpcCode() == 0 ? -32603 : failure.rpcCode());
            error.put("message", String.valueOf(failure.getMessage()));
        } catch (TimeoutException e) {
            throw new IOException("no answer through the pool within " + waitMs + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return new ByteArrayInputStream(JsonRpcCodec.MAPPER.writeValueAsBytes(response));
    }

    @Override
    public void close() {
        // the pool belongs to its owner
    }
}
