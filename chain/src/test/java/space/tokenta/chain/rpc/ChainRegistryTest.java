package space.tokenta.chain.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import space.tokenta.chain.config.ChainConfig;
import space.tokenta.chain.config.UpstreamConfig;
import space.tokenta.chain.health.UpstreamState;
import space.tokenta.chain.status.ChainStatus;

/** Dynamic membership through config reload, against a real anvil behind proxies. */
class ChainRegistryTest {
    @Test
    void reloadAddsAndRemovesUpstreamsInPlace() throws Exception {
        try (AnvilFixture fixture = new AnvilFixture(2); ChainRegistry registry = new ChainRegistry()) {
            final List<UpstreamConfig> all = fixture.chain.upstreams(true);
            final ChainConfig one = new ChainConfig(fixture.chain.profile(), all.subList(0, 1), AnvilFixture.testPolicy().build());
            assertEquals(List.of("chain eth-dev added"), registry.apply(List.of(one)));
            final UpstreamPool pool = registry.pool("eth-dev").orElseThrow();
            assertEquals(1, pool.status().online());

            final ChainConfig three = new ChainConfig(fixture.chain.profile(), all, AnvilFixture.testPolicy().build());
            final List<String> changes = registry.apply(List.of(three));
            assertEquals(2, changes.size(), changes.toString());
            assertTrue(registry.pool("eth-dev").orElseThrow() == pool, "same pool, upstreams added in place");
            // new upstreams join at the next clean probe (a loaded machine may time out the first one)
            final long deadline = System.nanoTime() + 10_000_000_000L;
            do {
                pool.probeNow().get(5, TimeUnit.SECONDS);
            } while (pool.status().online() < 3 && System.nanoTime() < deadline);
            final ChainStatus status = registry.status().get(0);
            assertEquals(3, status.online(), status.toString());
            assertEquals(fixture.head, status.headBlock());
            assertTrue(status.p50LatencyMicros() > 0);

            final ChainConfig two = new ChainConfig(fixture.chain.profile(), all.subList(1, 3), AnvilFixture.testPolicy().build());
            registry.apply(List.of(two));
            assertEquals(2, pool.upstreams().size());
            pool.upstreams().forEach(u -> assertEquals(UpstreamState.ACTIVE, u.health().state()));
            assertEquals(JsonRpcCodec.hex(fixture.head), pool.call("eth_blockNumber").get(5, TimeUnit.SECONDS).asString());

            registry.apply(List.of());
            assertTrue(registry.pool("eth-dev").isEmpty());
        }
    }
}
