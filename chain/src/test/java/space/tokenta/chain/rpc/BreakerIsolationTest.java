package space.tokenta.chain.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import space.tokenta.chain.config.RpcPolicy;
import space.tokenta.chain.fault.Fault;
import space.tokenta.chain.fault.FaultKind;
import space.tokenta.chain.fault.FaultPlan;

/** A method that keeps failing on one upstream opens that method's breaker only. */
class BreakerIsolationTest {
    @Test
    void perMethodBreakerOpensWhileTheUpstreamStaysInService() throws Exception {
        final ExecutorService executor = Executors.newFixedThreadPool(2);
        try (AnvilFixture fixture = new AnvilFixture(1)) {
            fixture.plans(FaultPlan.always(Fault.typical(FaultKind.HTTP_5XX), "eth_getLogs"));
            final RpcPolicy policy = AnvilFixture.testPolicy().breaker(50, 10, 3, 60_000).build();
            final Upstream u = new Upstream(fixture.chain.upstreams(false).get(0), policy, executor);
            for (int i = 0; i < 10; i++) {
                u.call("eth_chainId", JsonRpcCodec.params(), 2_000, System.currentTimeMillis()).get(5, TimeUnit.SECONDS);
            }
            for (int i = 0; i < 3; i++) {
                final ExecutionException e = assertThrows(ExecutionException.class, () -> u.call("eth_getLogs",
                        JsonRpcCodec.params(fixture.logFilter(0, 1)), 2_000, System.currentTimeMillis()).get(5, TimeUnit.SECONDS));
                assertEquals(RpcErrorKind.HTTP_STATUS, ((RpcException) e.getCause()).kind());
            }
            assertEquals(CircuitBreaker.State.OPEN, u.methodBreaker("eth_getLogs").getState());
            assertEquals(CircuitBreaker.State.CLOSED, u.breaker().getState());
            // the open method breaker refuses at once, without a network call
            final ExecutionException refused = assertThrows(ExecutionException.class, () -> u.call("eth_getLogs",
                    JsonRpcCodec.params(fixture.logFilter(0, 1)), 2_000, System.currentTimeMillis()).get(5, TimeUnit.SECONDS));
            assertEquals(RpcErrorKind.CIRCUIT_OPEN, ((RpcException) refused.getCause()).kind());
            // other methods still go through
            assertEquals("0x7a69", u.call("eth_chainId", JsonRpcCodec.params(), 2_000, System.currentTimeMillis()).get(5, TimeUnit.SECONDS).asString());
            u.close();
        } finally {
            executor.shutdownNow();
        }
    }
}
