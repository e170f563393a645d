package space.tokenta.chain.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import space.tokenta.chain.config.ChainProfile;
import space.tokenta.chain.devchain.DevChain;

/** newHeads subscriptions through the proxy: passed through, or dropped when the plan says WS_DROP. */
class FaultProxyWebSocketTest {

    static final class Listener implements WebSocket.Listener {
        final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CountDownLatch closed = new CountDownLatch(1);
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(final WebSocket ws, final CharSequence data, final boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(final WebSocket ws, final int status, final String reason) {
            closed.countDown();
            return null;
        }

        @Override
        public void onError(final WebSocket ws, final Throwable error) {
            closed.countDown();
        }
    }

    private static void mine(final DevChain chain) throws Exception {
        final HttpClient http = HttpClient.newHttpClient();
        http.send(java.net.http.HttpRequest.newBuilder(URI.create(chain.anvil().httpUrl())).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"evm_mine\",\"params\":[]}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        http.shutdownNow();
    }

    @Test
    void subscriptionsPassThroughAndAreDroppedOnCue() throws Exception {
        try (DevChain chain = DevChain.start(ChainProfile.ETH_DEV, 1, List.of())) {
            final FaultProxy proxy = chain.proxies().get(0);
            final HttpClient client = HttpClient.newHttpClient();
            // 1. no faults: a head notification arrives
            final Listener clean = new Listener();
            final WebSocket ws = client.newWebSocketBuilder().buildAsync(URI.create(proxy.wsUrl()), clean).get(5, TimeUnit.SECONDS);
            ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"newHeads\"]}", true).get(5, TimeUnit.SECONDS);
            assertTrue(clean.messages.poll(5, TimeUnit.SECONDS).contains("\"result\""));
            mine(chain);
            final String head = clean.messages.poll(5, TimeUnit.SECONDS);
            assertTrue(head != null && head.contains("eth_subscription"), String.valueOf(head));
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");

            // 2. the second notification drops the connection
            proxy.plan(FaultPlan.scripted("eth_subscription", List.of(Fault.NONE, Fault.typical(FaultKind.WS_DROP))));
            proxy.clearTrace();
            final Listener dropped = new Listener();
            final WebSocket ws2 = client.newWebSocketBuilder().buildAsync(URI.create(proxy.wsUrl()), dropped).get(5, TimeUnit.SECONDS);
            ws2.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"newHeads\"]}", true).get(5, TimeUnit.SECONDS);
            assertTrue(dropped.messages.poll(5, TimeUnit.SECONDS).contains("\"result\""));
            mine(chain);
            assertTrue(dropped.messages.poll(5, TimeUnit.SECONDS).contains("eth_subscription"));
            mine(chain);
            assertTrue(dropped.closed.await(5, TimeUnit.SECONDS), "connection must be closed by the proxy");
            assertEquals(List.of("eth_subscription#0 NONE", "eth_subscription#1 WS_DROP"), proxy.trace());
            client.shutdownNow();
        }
    }

    private static void awaitHead(final space.tokenta.chain.rpc.UpstreamPool pool, final long head) throws InterruptedException {
        final long deadline = System.nanoTime() + 5_000_000_000L;
        while (pool.bestHead() < head && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(head, pool.bestHead());
    }

    @Test
    void poolFollowsHeadsOverWebSocketAndResubscribesAfterADrop() throws Exception {
        try (DevChain chain = DevChain.start(ChainProfile.ETH_DEV, 1, List.of())) {
            final FaultProxy proxy = chain.proxies().get(0);
            // no periodic probes: only the subscription can move the head
            final var policy = space.tokenta.chain.config.RpcPolicy.builder().probeIntervalMs(0).build();
            try (var pool = new space.tokenta.chain.rpc.UpstreamPool(chain.chainConfig(policy, false)).start()) {
                final var subscription = pool.subscription(proxy.name());
                final long deadline = System.nanoTime() + 5_000_000_000L;
                while (subscription.state() != space.tokenta.chain.health.HeadSubscription.State.SUBSCRIBED && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                mine(chain);
                awaitHead(pool, 1);
                proxy.plan(FaultPlan.always(Fault.typical(FaultKind.WS_DROP), "eth_subscription"));
                mine(chain);
                final long dropDeadline = System.nanoTime() + 5_000_000_000L;
                while (subscription.reconnects() == 0 && System.nanoTime() < dropDeadline) {
                    Thread.sleep(10);
                }
                assertTrue(subscription.reconnects() >= 1, "dropped subscription must be re-established");
                proxy.plan(FaultPlan.none());
                final long upDeadline = System.nanoTime() + 5_000_000_000L;
                while (subscription.state() != space.tokenta.chain.health.HeadSubscription.State.SUBSCRIBED && System.nanoTime() < upDeadline) {
                    Thread.sleep(10);
                }
                mine(chain);
                awaitHead(pool, 3);
                assertTrue(pool.status().counters().get("ws_head_notifications") >= 2);
            }
        }
    }

    @Test
    void seededPlanDecisionsAreTracedInOrder() {
        final FaultPlan plan = FaultPlan.scripted("eth_call", List.of(Fault.typical(FaultKind.HTTP_5XX)));
        assertEquals(FaultKind.HTTP_5XX, plan.decide("eth_call", 0).kind());
        assertEquals(FaultKind.NONE, plan.decide("eth_call", 1).kind());
        assertEquals(FaultKind.NONE, plan.decide("eth_getLogs", 0).kind());
        assertEquals("eth_getBlockByNumber:latest",
                FaultProxy.key("eth_getBlockByNumber", space.tokenta.chain.rpc.JsonRpcCodec.params("latest", false)));
        assertEquals("eth_getBlockByNumber", FaultProxy.key("eth_getBlockByNumber", space.tokenta.chain.rpc.JsonRpcCodec.params("0x1", false)));
    }
}
