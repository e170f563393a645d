package space.tokenta.chain.devchain;

import java.math.BigInteger;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.web3j.crypto.Credentials;
import space.tokenta.chain.rpc.EvmTxSender;
import space.tokenta.chain.rpc.JsonRpcCodec;
import space.tokenta.chain.rpc.RpcErrorKind;
import space.tokenta.chain.rpc.RpcException;
import space.tokenta.chain.rpc.UpstreamPool;
import tools.jackson.databind.JsonNode;

/** Deploys through a pool with a signing key and waits (bounded) for the receipt. */
public final class PoolDeployer implements ContractDeployer {
    /** anvil's first well-known development key (public knowledge; dev chains only). */
    public static final String ANVIL_DEV_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    public static final long RECEIPT_TIMEOUT_MS = 15_000;
    public static final long RECEIPT_POLL_MS = 100;

    private final UpstreamPool pool;
    private final EvmTxSender sender;
    private final Credentials credentials;

    public PoolDeployer(final UpstreamPool pool, final Credentials credentials) {
        this.pool = pool;
        this.sender = new EvmTxSender(pool);
        this.credentials = credentials;
    }

    public static PoolDeployer withAnvilKey(final UpstreamPool pool) {
        return new PoolDeployer(pool, Credentials.create(ANVIL_DEV_KEY));
    }

    @Override
    public CompletableFuture<String> deploy(final String contractName, final String creationBytecodeHex) {
        return sender.send(credentials, null, BigInteger.ZERO, creationBytecodeHex, BigInteger.valueOf(15_000_000L),
                        BigInteger.valueOf(2_000_000_000L))
                .thenCompose(txHash -> receipt(txHash, System.nanoTime() + RECEIPT_TIMEOUT_MS * 1_000_000L))
                .thenApply(receipt -> {
                    if (!"0x1".equals(receipt.path("status").asString(""))) {
                        throw new RpcException(RpcErrorKind.SEND_REJECTED, contractName + " deployment reverted");
                    }
                    return receipt.path("contractAddress").asString();
                });
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
