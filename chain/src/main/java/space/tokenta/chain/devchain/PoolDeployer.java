package space.tokenta.chain.devchain;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import space.tokenta.chain.rpc.JsonRpcCodec;
import space.tokenta.chain.rpc.RpcErrorKind;
import space.tokenta.chain.rpc.RpcException;
import space.tokenta.chain.rpc.UpstreamPool;
import tools.jackson.databind.JsonNode;

/**
 * Awaits transaction receipts through a pool (bounded polling). Contracts themselves are deployed
 * with the typed bindings ({@link DevContractsDeployer}).
 */
public final class PoolDeployer {
    public static final long RECEIPT_POLL_MS = 100;

    private final UpstreamPool pool;

    public PoolDeployer(final UpstreamPool pool) {
        this.pool = pool;
    }

    /** Kept for callers that poll receipts of transactions sent with anvil's first dev key. */
    public static PoolDeployer withAnvilKey(final UpstreamPool pool) {
        return new PoolDeployer(pool);
    }

    /** Polls for a receipt until it appears or the deadline passes. */
    public CompletableFuture<JsonNode> receipt(final String txHash, final long deadlineNs) {
        return pool.call("eth_getTransactionReceipt", JsonRpcCodec.params(txHash)).thenCompose(r -> {
            if (r != null && !r.isNull()) {
                return CompletableFuture.completedFuture(r);
            }
            if (System.nanoTime() > deadlineNs) {
                return CompletableFuture.failedFuture(new RpcException(RpcErrorKind.TIMEOUT, "no receipt for " + txHash));
            }
            final CompletableFuture<JsonNode> later = new CompletableFuture<>();
            CompletableFuture.delayedExecutor(RECEIPT_POLL_MS, TimeUnit.MILLISECONDS)
                    .execute(() -> receipt(txHash, deadlineNs).whenComplete((v, e) -> {
                        if (e != null) {
                            later.completeExceptionally(e);
                        } else {
                            later.complete(v);
                        }
                    }));
            return later;
        });
    }
}
