package space.tokenta.settlement.indexer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.web3j.protocol.core.methods.response.Log;
import space.tokenta.chain.config.FinalityRule;
import space.tokenta.chain.rpc.JsonRpcCodec;
import space.tokenta.chain.rpc.UpstreamPool;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A {@link BlockSource} over the chain module's {@link UpstreamPool}, for one escrow contract. */
public final class PoolBlockSource implements BlockSource {
    /** Above the pool's own request deadline: the pool always completes first. */
    public static final long WAIT_MS = 120_000;

    private final UpstreamPool pool;
    private final String contract;
    private final FinalityRule finality;

    public PoolBlockSource(final UpstreamPool pool, final String contract, final FinalityRule finality) {
        this.pool = pool;
        this.contract = contract.toLowerCase(java.util.Locale.ROOT);
        this.finality = finality;
    }

    @Override
    public long headNumber() {
        return JsonRpcCodec.quantity(await("eth_blockNumber", pool.call("eth_blockNumber")));
    }

    @Override
    public long finalizedNumber(final long headNumber) {
        if (!finality.usesFinalizedTag()) {
            return finality.finalizedForHead(headNumber);
        }
        final JsonNode block = await("eth_getBlockByNumber", pool.call("eth_getBlockByNumber", "finalized", false));
        return block == null || block.isNull() ? -1 : JsonRpcCodec.quantity(block.path("number"));
    }

    @Override
    public Optional<BlockHeader> blockByNumber(final long number) {
        final JsonNode block = await("eth_getBlockByNumber",
                pool.call("eth_getBlockByNumber", JsonRpcCodec.hex(number), false));
        if (block == null || block.isNull()) {
            return Optional.empty();
        }
        return Optional.of(new BlockHeader(JsonRpcCodec.quantity(block.path("number")), block.path("hash").asString(),
                block.path("parentHash").asString()));
    }

    @Override
    public List<Log> logsByBlockHash(final String blockHash) {
        final ObjectNode filter = JsonRpcCodec.NODES.objectNode();
        filter.put("blockHash", blockHash);
        filter.put("address", contract);
        return logs(await("eth_getLogs", pool.call("eth_getLogs", JsonRpcCodec.params(filter))));
    }

    @Override
    public List<Log> logsInRange(final long fromBlock, final long toBlock) {
        if (fromBlock < 0 || toBlock < fromBlock) {
            throw new IllegalArgumentException("bad range " + fromBlock + ".." + toBlock);
        }
        final ObjectNode filter = JsonRpcCodec.NODES.objectNode();
        filter.put("fromBlock", JsonRpcCodec.hex(fromBlock));
        filter.put("toBlock", JsonRpcCodec.hex(toBlock));
        filter.put("address", contract);
        return logs(await("eth_getLogs", pool.getLogs(filter)));
    }

    static List<Log> logs(final JsonNode array) {
        final List<Log> out = new ArrayList<>(array == null ? 0 : array.size());
        if (array == null) {
            return out;
        }
        for (final JsonNode node : array) {
            out.add(log(node));
        }
        return out;
    }

    /** A JSON-RPC log object as web3j's {@link Log} (what the escrow decoder reads). */
    public static Log log(final JsonNode node) {
        final Log log = new Log();
        log.setRemoved(node.path("removed").asBoolean(false));
        log.setLogIndex(node.path("logIndex").asString());
        log.setTransactionIndex(node.path("transactionIndex").asString());
        log.setTransactionHash(node.path("transactionHash").asString());
        log.setBlockHash(node.path("blockHash").asString());
        log.setBlockNumber(node.path("blockNumber").asString());
        log.setAddress(node.path("address").asString());
        log.setData(node.path("data").asString());
        final List<String> topics = new ArrayList<>();
        for (final JsonNode topic : node.path("topics")) {
            topics.add(topic.asString());
        }
        log.setTopics(topics);
        return log;
    }

    private static JsonNode await(final String method, final java.util.concurrent.CompletableFuture<JsonNode> call) {
        try {
            return call.get(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            final Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(method + " failed", cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException(method + " did not complete within " + WAIT_MS + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", e);
        }
    }
}
