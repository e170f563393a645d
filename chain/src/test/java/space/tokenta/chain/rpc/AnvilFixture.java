package space.tokenta.chain.rpc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import space.tokenta.chain.config.ChainProfile;
import space.tokenta.chain.config.RpcPolicy;
import space.tokenta.chain.devchain.DevChain;
import space.tokenta.chain.fault.FaultPlan;
import space.tokenta.chain.fault.FaultProxy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real anvil with three fault proxies, seeded with value transfers and log-emitting contract
 * creations; canonical answers come from anvil directly.
 */
final class AnvilFixture implements AutoCloseable {
    /** Creation code that emits one LOG0 and deploys empty code. */
    static final String LOG_EMITTER = "0x60006000a0";

    final DevChain chain;
    final List<String> txHashes = new ArrayList<>();
    final List<String> accounts = new ArrayList<>();
    final long head;
    private final HttpClient http = HttpClient.newHttpClient();

    AnvilFixture(final int proxies) {
        chain = DevChain.start(ChainProfile.ETH_DEV, proxies, List.of());
        try {
            for (final JsonNode a : direct("eth_accounts", JsonRpcCodec.params())) {
                accounts.add(a.asString());
            }
            for (int i = 0; i < 12; i++) {
                final ObjectNode tx = JsonRpcCodec.NODES.objectNode();
                tx.put("from", accounts.get(0));
                if (i % 2 == 0) {
                    tx.put("to", accounts.get(1));
                    tx.put("value", JsonRpcCodec.hex(1_000_000_000L + i));
                } else {
                    tx.put("data", LOG_EMITTER);
                }
                txHashes.add(direct("eth_sendTransaction", JsonRpcCodec.params(tx)).asString());
            }
            awaitReceipts();
            head = JsonRpcCodec.quantity(direct("eth_blockNumber", JsonRpcCodec.params()));
        } catch (RuntimeException e) {
            chain.close();
            throw e;
        }
    }

    /**
     * anvil answers eth_sendTransaction before the auto-mined block exists; the canonical head is
     * read only once every receipt is there, or later reads would see a block the answers lack.
     */
    private void awaitReceipts() {
        final long deadlineNs = System.nanoTime() + 10_000_000_000L;
        for (final String hash : txHashes) {
            while (direct("eth_getTransactionReceipt", JsonRpcCodec.params(hash)).isNull()) {
                if (System.nanoTime() > deadlineNs) {
                    throw new IllegalStateException("anvil did not mine " + hash + " within 10 s");
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    List<FaultProxy> proxies() {
        return chain.proxies();
    }

    void plans(final FaultPlan... plans) {
        for (int i = 0; i < chain.proxies().size(); i++) {
            chain.proxies().get(i).plan(i < plans.length ? plans[i] : FaultPlan.none());
            chain.proxies().get(i).clearTrace();
        }
    }

    UpstreamPool pool(final RpcPolicy policy, final DecisionTrace trace) {
        return new UpstreamPool(chain.chainConfig(policy, false), trace);
    }

    /**
     * Two probe rounds: an upstream whose first probe timed out on a loaded machine gets a second,
     * clean chance; a faulty one stays out.
     */
    static void warm(final UpstreamPool pool) {
        pool.probeNow().join();
        pool.probeNow().join();
    }

    static RpcPolicy.Builder testPolicy() {
        return RpcPolicy.builder()
                .requestDeadlineMs(3_000)
                .attemptTimeoutMs(600)
                .maxAttempts(5)
                .backoff(5, 60)
                .hedgeDelayBoundsMs(20, 250)
                .breaker(50, 10, 5, 400)
                .probeIntervalMs(0)
                .quarantineAfterFailures(2)
                .lag(5, 2)
                .consensus(2, 3);
    }

    JsonNode direct(final String method, final JsonNode params) {
        try {
            final HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(chain.anvil().httpUrl()))
                    .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JsonRpcCodec.encodeRequest(1, method, params))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return JsonRpcCodec.decodeResponse(r.body(), method, "direct");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    ObjectNode logFilter(final long from, final long to) {
        final ObjectNode f = JsonRpcCodec.NODES.objectNode();
        f.put("fromBlock", JsonRpcCodec.hex(from));
        f.put("toBlock", JsonRpcCodec.hex(to));
        return f;
    }

    /** Reads with their canonical answers, in a fixed order. */
    Map<String, ReadCase> reads() {
        final Map<String, ReadCase> out = new LinkedHashMap<>();
        out.put("chainId", new ReadCase("eth_chainId", JsonRpcCodec.params(), false));
        out.put("blockNumber", new ReadCase("eth_blockNumber", JsonRpcCodec.params(), false));
        for (long n = 1; n <= head; n += 2) {
            out.put("block" + n, new ReadCase("eth_getBlockByNumber", JsonRpcCodec.params(JsonRpcCodec.hex(n), false), false));
        }
        for (int i = 0; i < txHashes.size(); i += 3) {
            out.put("receipt" + i, new ReadCase("eth_getTransactionReceipt", JsonRpcCodec.params(txHashes.get(i)), false));
            out.put("receiptQuorum" + i, new ReadCase("eth_getTransactionReceipt", JsonRpcCodec.params(txHashes.get(i)), true));
        }
        out.put("balanceQuorum", new ReadCase("eth_getBalance", JsonRpcCodec.params(accounts.get(1), JsonRpcCodec.hex(head)), true));
        out.put("balance", new ReadCase("eth_getBalance", JsonRpcCodec.params(accounts.get(1), JsonRpcCodec.hex(head)), false));
        final ArrayNode logParams = JsonRpcCodec.NODES.arrayNode().add(logFilter(0, head));
        out.put("logs", new ReadCase("eth_getLogs", logParams, false));
        for (final ReadCase c : out.values()) {
            c.canonical = c.method.equals("eth_blockNumber") ? JsonRpcCodec.NODES.stringNode(JsonRpcCodec.hex(head)) : direct(c.method, c.params);
        }
        return out;
    }

    static final class ReadCase {
        final String method;
        final JsonNode params;
        final boolean consensus;
        JsonNode canonical;

        ReadCase(final String method, final JsonNode params, final boolean consensus) {
            this.method = method;
            this.params = params;
            this.consensus = consensus;
        }
    }

    @Override
    public void close() {
        http.shutdownNow();
        chain.close();
    }
}
