package space.tokenta.chain.devchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import space.tokenta.chain.config.ChainProfile;
import space.tokenta.chain.rpc.JsonRpcCodec;
import space.tokenta.chain.rpc.UpstreamPool;

class DevChainsTest {
    @Test
    void threeChainsWithDistinctIdsReachableThroughEveryEndpointAndStoppedOnClose() throws Exception {
        final List<ProcessHandle> children = new ArrayList<>();
        try (DevChains dev = DevChains.start(DevChains.DEFAULT_PROFILES, 2, null, 0, space.tokenta.chain.config.RpcPolicy.defaults(), true)) {
            final Set<Long> ids = new HashSet<>();
            for (final DevChain chain : dev.chains()) {
                children.add(ProcessHandle.of(chain.anvil().pid()).orElseThrow());
                final UpstreamPool pool = dev.pools().get(chain.profile().name());
                assertEquals(3, pool.status().online(), pool.status().toString());
                for (final var u : pool.upstreams()) {
                    final long id = JsonRpcCodec.quantity(u.call("eth_chainId", JsonRpcCodec.params(), 2_000, System.currentTimeMillis())
                            .get(5, TimeUnit.SECONDS));
                    assertEquals(chain.profile().chainId(), id, u.id());
                }
                ids.add(chain.profile().chainId());
                // no artifacts on this class path: deployment is a logged no-op
                assertEquals(ContractArtifact.load("TokentaEscrow").isPresent(), !dev.deployed(chain.profile().name()).isEmpty());
            }
            assertEquals(Set.of(31337L, 31338L, 31339L), ids);
            children.forEach(c -> assertTrue(c.isAlive()));
        }
        for (final ProcessHandle c : children) {
            c.onExit().get(5, TimeUnit.SECONDS);
            assertFalse(c.isAlive());
        }
    }

    @Test
    void deployStepDeploysArtifactsThroughTheDeployer() throws Exception {
        // the deploy step against a throwaway artifact: a contract whose creation code emits a log
        try (DevChain chain = DevChain.start(ChainProfile.ETH_DEV, 1, List.of());
             UpstreamPool pool = new UpstreamPool(chain.chainConfig(space.tokenta.chain.config.RpcPolicy.defaults(), true)).start()) {
            final String address = PoolDeployer.withAnvilKey(pool).deploy("LogEmitter", "0x60006000a0").get(20, TimeUnit.SECONDS);
            assertTrue(address.matches("0x[0-9a-f]{40}"), address);
        }
    }
}
