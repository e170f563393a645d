package space.tokenta.chain.devchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import space.tokenta.chain.config.ChainProfile;
import space.tokenta.chain.config.RpcPolicy;
import space.tokenta.chain.rpc.JsonRpcCodec;
import space.tokenta.chain.rpc.UpstreamPool;
import tools.jackson.databind.JsonNode;

/** A dev chain with a state directory comes back after a stop with its blocks, hashes and contracts. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DevChainsResumeTest {
    @TempDir
    Path dataDir;

    private DevChains.Options options() {
        return new DevChains.Options(List.of(ChainProfile.ETH_DEV), 0, null, 0, RpcPolicy.defaults(), 0, 2, true, dataDir,
                dataDir.resolve("chains"));
    }

    private static JsonNode call(final UpstreamPool pool, final String method, final JsonNode params) throws Exception {
        return pool.call(method, params).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRestartedChainKeepsItsHistoryAndItsContracts() throws Exception {
        final String escrow;
        final long head;
        final String hashAtHead;
        try (DevChains first = DevChains.start(options())) {
            escrow = first.deployment().chains().get(ChainProfile.ETH_DEV.chainId()).escrow();
            final UpstreamPool pool = first.pools().get(ChainProfile.ETH_DEV.name());
            call(pool, "anvil_mine", JsonRpcCodec.params(JsonRpcCodec.hex(3)));
            head = JsonRpcCodec.quantity(call(pool, "eth_blockNumber", JsonRpcCodec.params()));
            hashAtHead = call(pool, "eth_getBlockByNumber", JsonRpcCodec.params(JsonRpcCodec.hex(head), false))
                    .path("hash").asString();
        }
        assertTrue(Files.exists(dataDir.resolve("chains").resolve(ChainProfile.ETH_DEV.name() + ".anvil.json")),
                "the chain wrote its state on stop");
        try (DevChains second = DevChains.start(options())) {
            assertEquals(escrow, second.deployment().chains().get(ChainProfile.ETH_DEV.chainId()).escrow(),
                    "the contracts are not deployed again");
            final UpstreamPool pool = second.pools().get(ChainProfile.ETH_DEV.name());
            assertTrue(JsonRpcCodec.quantity(call(pool, "eth_blockNumber", JsonRpcCodec.params())) >= head);
            assertEquals(hashAtHead, call(pool, "eth_getBlockByNumber", JsonRpcCodec.params(JsonRpcCodec.hex(head), false))
                    .path("hash").asString(), "the same block at the same height");
            final JsonNode code = call(pool, "eth_getCode", JsonRpcCodec.params(escrow, "latest"));
            assertNotEquals("0x", code.asString(), "the escrow's code is still there");
        }
    }
}
