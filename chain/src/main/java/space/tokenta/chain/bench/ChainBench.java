package space.tokenta.chain.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import space.tokenta.chain.config.ChainConfig;
import space.tokenta.chain.config.ChainProfile;
import space.tokenta.chain.config.RpcPolicy;
import space.tokenta.chain.config.UpstreamConfig;
import space.tokenta.chain.devchain.DevChain;
import space.tokenta.chain.fault.Fault;
import space.tokenta.chain.fault.FaultKind;
import space.tokenta.chain.fault.FaultPlan;
import space.tokenta.chain.fault.FaultProxy;
import space.tokenta.chain.health.UpstreamState;
import space.tokenta.chain.rpc.JsonRpcCodec;
import space.tokenta.chain.rpc.Upstream;
import space.tokenta.chain.rpc.UpstreamPool;

/**
 * Prints: latency added by the pool over a direct JSON-RPC call to anvil (p50/p99), requests/s
 * through the pool on loopback, and how long it takes to route around a dead upstream. Figures
 * only; nothing is asserted. The machine is shared, so numbers are noisy.
 */
public final class ChainBench {
    private final int samples;
    private final int concurrency;
    private final long throughputMs;
    private final PrintStream out;

    public ChainBench(final int samples, final int concurrency, final long throughputMs, final PrintStream out) {
        if (samples < 100 || samples > 10_000_000 || concurrency < 1 || concurrency > 1_024 || throughputMs < 100 || throughputMs > 600_000) {
            throw new IllegalArgumentException("samples in [100, 1e7], concurrency in [1, 1024], throughputMs in [100, 600000]");
        }
        this.samples = samples;
        this.concurrency = concurrency;
        this.throughputMs = throughputMs;
        this.out = out;
    }

    public static void main(final String[] args) throws Exception {
        final int samples = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        final int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        final long seconds = args.length > 2 ? Long.parseLong(args[2]) : 5;
        new ChainBench(samples, concurrency, seconds * 1_000, System.out).run();
    }

    private static RpcPolicy benchPolicy() {
        return RpcPolicy.builder().requestDeadlineMs(3_000).attemptTimeoutMs(500).probeIntervalMs(100).quarantineAfterFailures(2)
                .hedgeDelayBoundsMs(5, 100).maxInFlightPerUpstream(256).rate(5, 200_000, 1_000_000).build();
    }

    public void run() throws Exception {
        try (DevChain chain = DevChain.start(ChainProfile.ETH_DEV, 2, List.of())) {
            final String method = "eth_getBalance";
            final String account = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
            out.printf("chain bench: anvil %s, %d samples, concurrency %d, %d ms throughput window%n",
                    chain.anvil().httpUrl(), samples, concurrency, throughputMs);
            // same executor shape as a pool's transport (2 threads), so the comparison is like for like
            final java.util.concurrent.ExecutorService directExecutor = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
                final Thread t = new Thread(r, "bench-direct");
                t.setDaemon(true);
                return t;
            });
            final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(directExecutor).build();
            final byte[] body = JsonRpcCodec.encodeRequest(1, method, JsonRpcCodec.params(account, "latest"));
            final HttpRequest direct = HttpRequest.newBuilder(URI.create(chain.anvil().httpUrl())).timeout(Duration.ofSeconds(3))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            final ChainConfig single = new ChainConfig(ChainProfile.ETH_DEV,
                    List.of(UpstreamConfig.http("direct", chain.anvil().httpUrl())), benchPolicy());
            try (UpstreamPool pool = new UpstreamPool(single).start()) {
                // 1. added latency, sequential, interleaved so both sides see the same machine state
                final Histogram directUs = new Histogram(3_600_000_000L, 3);
                final Histogram poolUs = new Histogram(3_600_000_000L, 3);
                for (int i = 0; i < samples / 10; i++) {
                    http.send(direct, HttpResponse.BodyHandlers.ofByteArray());
                    pool.call(method, account, "latest").get(3, TimeUnit.SECONDS);
                }
                for (int i = 0; i < samples; i++) {
                    long t0 = System.nanoTime();
                    http.send(direct, HttpResponse.BodyHandlers.ofByteArray());
                    directUs.recordValue((System.nanoTime() - t0) / 1_000);
                    t0 = System.nanoTime();
                    pool.call(method, account, "latest").get(3, TimeUnit.SECONDS);
                    poolUs.recordValue((System.nanoTime() - t0) / 1_000);
                }
                out.printf("latency direct  p50 %6d us  p99 %6d us%n", directUs.getValueAtPercentile(50), directUs.getValueAtPercentile(99));
                out.printf("latency pool    p50 %6d us  p99 %6d us%n", poolUs.getValueAtPercentile(50), poolUs.getValueAtPercentile(99));
                out.printf("added by pool   p50 %6d us  p99 %6d us%n",
                        poolUs.getValueAtPercentile(50) - directUs.getValueAtPercentile(50),
                        poolUs.getValueAtPercentile(99) - directUs.getValueAtPercentile(99));
                // 2. throughput with a bounded number of requests in flight
                // distinct accounts per request, so de-duplication and the cache do not flatter the pool;
                // two rounds each, alternating, because the machine's load drifts
                for (int round = 1; round <= 2; round++) {
                    out.printf("throughput direct  %8.0f req/s (round %d)%n", throughput(() -> http.sendAsync(HttpRequest.newBuilder(URI.create(chain.anvil().httpUrl()))
                            .timeout(Duration.ofSeconds(3)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(JsonRpcCodec.encodeRequest(1, method,
                                    JsonRpcCodec.params(distinctAccount(), "latest")))).build(), HttpResponse.BodyHandlers.ofByteArray())), round);
                    out.printf("throughput pool    %8.0f req/s (1 upstream, round %d)%n",
                            throughput(() -> pool.call(method, distinctAccount(), "latest")), round);
                }
            }
            // 3. routing around a dead upstream: pool over the two fault proxies
            try (UpstreamPool pool = new UpstreamPool(chain.chainConfig(benchPolicy(), false)).start()) {
                out.printf("throughput pool    %8.0f req/s (2 upstreams, both through fault proxies)%n",
                        throughput(() -> pool.call(method, distinctAccount(), "latest")));
                routeAround(chain, pool, method, "black-holed (hangs)", true);
            }
            try (UpstreamPool pool = new UpstreamPool(chain.chainConfig(benchPolicy(), false)).start()) {
                routeAround(chain, pool, method, "killed (connection refused)", false);
            }
            http.shutdownNow();
            directExecutor.shutdownNow();
        }
    }

    private final AtomicLong accounts = new AtomicLong();

    private String distinctAccount() {
        return String.format("0x%040x", accounts.incrementAndGet());
    }

    private double throughput(final java.util.function.Supplier<CompletableFuture<?>> call) throws InterruptedException {
        final Semaphore inFlight = new Semaphore(concurrency);
        final AtomicLong done = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final long end = System.nanoTime() + throughputMs * 1_000_000L;
        final long start = System.nanoTime();
        while (System.nanoTime() < end) {
            if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                continue;
            }
            call.get().whenComplete((r, e) -> {
                if (e != null) {
                    if (failed.incrementAndGet() == 1) {
                        out.println("  first failure: " + e.getMessage());
                    }
                } else if (r instanceof HttpResponse<?> response && response.statusCode() != 200) {
                    failed.incrementAndGet();
                }
                done.incrementAndGet();
                inFlight.release();
            });
        }
        inFlight.acquire(concurrency);
        final double seconds = (System.nanoTime() - start) / 1e9;
        if (failed.get() > 0) {
            out.printf("  (%d of %d requests failed)%n", failed.get(), done.get());
        }
        return (done.get() - failed.get()) / seconds;
    }

    private void routeAround(final DevChain chain, final UpstreamPool pool, final String method, final String how,
                             final boolean hang) throws Exception {
        for (int i = 0; i < 200; i++) {
            pool.call(method, distinctAccount(), "latest").get(3, TimeUnit.SECONDS);
        }
        final Upstream victim = pool.ranked(method, Set.of()).stream()
                .filter(u -> !u.id().endsWith("-direct")).findFirst().orElseThrow();
        final FaultProxy proxy = chain.proxies().stream().filter(p -> p.name().equals(victim.id())).findFirst().orElseThrow();
        // the victim is the best-ranked upstream, so the next requests go to it first
        final long t0 = System.nanoTime();
        if (hang) {
            proxy.plan(FaultPlan.always(new Fault(FaultKind.HANG, 5_000)));
        } else {
            proxy.close();
        }
        final Histogram during = new Histogram(3_600_000_000L, 3);
        long failures = 0;
        long quarantinedAtMs = -1;
        while ((System.nanoTime() - t0) / 1_000_000 < 3_000) {
            final long s = System.nanoTime();
            try {
                pool.call(method, distinctAccount(), "latest").get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                failures++;
            }
            during.recordValue((System.nanoTime() - s) / 1_000);
            if (quarantinedAtMs < 0 && victim.health().state() == UpstreamState.QUARANTINED) {
                quarantinedAtMs = (System.nanoTime() - t0) / 1_000_000;
            }
        }
        if (hang) {
            proxy.plan(FaultPlan.none());
        }
        out.printf("dead upstream %-28s: requests p50 %5d us, p99 %6d us, max %6d us, failed %d; out of rotation after %d ms%n",
                how, during.getValueAtPercentile(50), during.getValueAtPercentile(99), during.getMaxValue(), failures, quarantinedAtMs);
    }
}
