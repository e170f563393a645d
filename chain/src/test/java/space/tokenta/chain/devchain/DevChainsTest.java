package space.tokenta.chain.devchain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import space.tokenta.chain.escrow.ContractCallException;
import space.tokenta.chain.escrow.DealTerms;
import space.tokenta.chain.escrow.DealView;
import space.tokenta.chain.escrow.DeliveryVerdict;
import space.tokenta.chain.escrow.EvmSender;
import space.tokenta.chain.escrow.MockStablecoinContract;
import space.tokenta.chain.escrow.PoolWeb3jService;
import space.tokenta.chain.escrow.QuorumSignatures;
import space.tokenta.chain.escrow.TokentaEscrowContract;
import space.tokenta.chain.rpc.JsonRpcCodec;
import space.tokenta.chain.rpc.Upstream;
import space.tokenta.chain.rpc.UpstreamPool;
import tools.jackson.databind.JsonNode;

/** {@link DevChains#startDefault} against real anvil children: deployment, reads through the pool, a release round trip, clean stop. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DevChainsTest {
    private static final long CALL_TIMEOUT_MS = 5_000;

    @TempDir
    static Path dataDir;
    static DevChains dev;
    static final List<ProcessHandle> children = new ArrayList<>();

    @BeforeAll
    static void start() {
        dev = DevChains.startDefault(dataDir, null);
        for (final DevChain chain : dev.chains()) {
            final ProcessHandle anvil = ProcessHandle.of(chain.anvil().pid()).orElseThrow();
            children.add(anvil);
            anvil.descendants().forEach(children::add);
        }
    }

    @AfterAll
    static void stop() {
        if (dev != null) {
            dev.close();
        }
    }

    @Test
    void everyChainHasTheContractsAndTheFileDescribesThem() throws Exception {
        final DevDeployment d = dev.deployment();
        assertEquals(Set.of(31337L, 31338L, 31339L), d.chains().keySet());
        assertEquals(d, DevDeployment.read(dataDir.resolve(DevDeployment.FILE_NAME)));
        assertEquals(dataDir.resolve(DevDeployment.FILE_NAME), dev.deploymentFile());
        for (final DevDeployment.Chain c : d.chains().values()) {
            final UpstreamPool pool = dev.pools().get(c.name());
            assertEquals(3, pool.upstreams().size());
            assertEquals(2, c.proxies().size());
            for (final String address : List.of(c.token(), c.escrow())) {
                final String code = pool.call("eth_getCode", JsonRpcCodec.params(address, "latest")).get(10, TimeUnit.SECONDS).asString();
                assertTrue(code.length() > 2 + 200, c.name() + " has code at " + address);
            }
            assertNotEquals(c.token(), c.escrow());
            assertEquals(5, c.attestors().size());
            assertEquals(5, c.attestors().stream().map(DevAccount::address).distinct().count());
            assertEquals(3, c.owners().size());
        }
    }

    @Test
    void configuredValuesReadBackThroughThePoolAndEachProxy() throws Exception {
        for (final DevDeployment.Chain c : dev.deployment().chains().values()) {
            final UpstreamPool pool = dev.pools().get(c.name());
            final List<Upstream> proxies = pool.upstreams().stream().filter(u -> !u.id().endsWith("-direct")).toList();
            assertEquals(2, proxies.size());
            for (final Upstream proxy : proxies) {
                assertEquals(BigInteger.valueOf(c.quorum()), word(proxy, c.escrow(), "quorum"));
                assertEquals(BigInteger.valueOf(3), word(proxy, c.escrow(), "quorum"));
                assertEquals(BigInteger.valueOf(5), word(proxy, c.escrow(), "attestorCount"));
                assertEquals(BigInteger.valueOf(6), word(proxy, c.token(), "decimals"));
                assertEquals(BigInteger.valueOf(c.feeBps()), word(proxy, c.escrow(), "feeBps"));
                assertEquals(new BigInteger(c.operator().address().substring(2), 16), word(proxy, c.escrow(), "operator"));
                for (final DevAccount a : c.attestors()) {
                    assertEquals(BigInteger.ONE, word(proxy, c.escrow(), "isAttestor", new Address(a.address())), a.address());
                }
                assertEquals(BigInteger.ZERO, word(proxy, c.escrow(), "isAttestor", new Address(c.operator().address())));
                for (final DevAccount t : c.traders()) {
                    assertEquals(new BigInteger(c.traderBalanceUnits()), word(proxy, c.token(), "balanceOf", new Address(t.address())));
                }
            }
            // and through the pool's own routing
            assertEquals(BigInteger.valueOf(3), poolWord(pool, c.escrow(), "quorum"));
            assertEquals(BigInteger.valueOf(6), poolWord(pool, c.token(), "decimals"));
        }
    }

    @Test
    void depositOpenAndThreeSignatureReleaseThroughAProxyWithTheDevKeys() throws Exception {
        final DevDeployment.Chain c = dev.deployment().chains().get(31338L);
        final Web3j web3j = Web3j.build(new HttpService(c.proxies().get(0).http()));
        try {
            roundTrip(web3j, c, "ESC-8821");
        } finally {
            web3j.shutdown();
        }
    }

    @Test
    void depositOpenAndThreeSignatureReleaseThroughThePoolItself() throws Exception {
        final DevDeployment.Chain c = dev.deployment().chains().get(31339L);
        final UpstreamPool pool = dev.pools().get(c.name());
        final long sendsBefore = pool.stats().sends.sum();
        final Web3j web3j = Web3j.build(new PoolWeb3jService(pool));
        try {
            roundTrip(web3j, c, "ESC-8822");
        } finally {
            web3j.shutdown();
        }
        assertTrue(pool.stats().sends.sum() >= sendsBefore + 4, "the transactions went through the pool");
    }

    private static void roundTrip(final Web3j web3j, final DevDeployment.Chain c, final String dealName) throws Exception {
        {
            final DevAccount buyer = c.traders().get(0);
            final DevAccount seller = c.traders().get(1);
            final EvmSender buyerSender = DevContractsDeployer.sender(web3j, buyer.credentials(), c.chainId());
            final EvmSender operatorSender = DevContractsDeployer.sender(web3j, c.operator().credentials(), c.chainId());
            final MockStablecoinContract token = new MockStablecoinContract(buyerSender, c.token());
            final TokentaEscrowContract escrow = new TokentaEscrowContract(buyerSender, c.escrow());
            final BigInteger amount = BigInteger.valueOf(42_800_000_000L);

            token.approve(c.escrow(), amount);
            escrow.deposit(c.token(), amount);
            assertEquals(amount, escrow.balanceOf(c.token(), buyer.address()));

            final long now = web3j.ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false).send()
                    .getBlock().getTimestamp().longValueExact();
            final byte[] dealId = Hash.sha3(dealName.getBytes(StandardCharsets.UTF_8));
            final DealTerms terms = new DealTerms(dealId, buyer.address(), seller.address(), c.token(), amount, now + 2, now + 3_600, now + 600);
            final byte[] buyerAuth = QuorumSignatures.sign(escrow.hashDealAuthorization(terms), buyer.credentials().getEcKeyPair()).rsv();
            escrow.as(operatorSender).open(terms, buyerAuth);
            assertEquals(DealView.State.OPEN, escrow.getDeal(dealId).state());

            // 1 s blocks move the chain's clock past the timelock
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (web3j.ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false).send().getBlock()
                    .getTimestamp().longValueExact() <= terms.releaseAfterSec()) {
                assertTrue(System.nanoTime() < deadlineNs, "chain clock did not pass the timelock");
                Thread.sleep(200);
            }
            final byte[] evidence = MessageDigest.getInstance("SHA-256").digest("evidence".getBytes(StandardCharsets.UTF_8));
            final DeliveryVerdict verdict = new DeliveryVerdict(dealId, evidence, DeliveryVerdict.ALL_STAGES, DeliveryVerdict.PASS, 9_960,
                    terms.releaseAfterSec(), terms.releaseAfterSec() + 3_600);
            final byte[] signatures = QuorumSignatures.signSorted(escrow.hashVerdict(verdict),
                    c.attestors().subList(1, 4).stream().map(a -> a.credentials().getEcKeyPair()).toList());
            escrow.as(operatorSender).release(verdict, signatures);

            // idempotent: a second release reverts before spending gas, as a typed error
            assertThrows(ContractCallException.class, () -> escrow.as(operatorSender).release(verdict, signatures));
            final DealView deal = escrow.getDeal(dealId);
            assertEquals(DealView.State.RELEASED, deal.state());
            assertArrayEquals(evidence, deal.evidenceDigest());
            final BigInteger fee = amount.multiply(BigInteger.valueOf(c.feeBps())).divide(BigInteger.valueOf(10_000));
            assertEquals(amount.subtract(fee), escrow.balanceOf(c.token(), seller.address()));
            assertEquals(fee, escrow.balanceOf(c.token(), c.feeRecipient().address()));
            assertEquals(BigInteger.ZERO, escrow.balanceOf(c.token(), buyer.address()));

            // finality tags work: finalized trails the head
            final UpstreamPool pool = dev.pools().get(c.name());
            final JsonNode head = pool.call("eth_getBlockByNumber", JsonRpcCodec.params("latest", false)).get(10, TimeUnit.SECONDS);
            final JsonNode finalized = pool.call("eth_getBlockByNumber", JsonRpcCodec.params("finalized", false)).get(10, TimeUnit.SECONDS);
            assertTrue(JsonRpcCodec.quantity(finalized.path("number")) < JsonRpcCodec.quantity(head.path("number")),
                    "finalized " + finalized.path("number") + " head " + head.path("number"));
        }
    }

    @Test
    void closingStopsEveryAnvilChildOfAnInstantMiningSet() throws Exception {
        // a second set with instant mining (what fast tests use) and no data dir, so the shared one stays up for the other tests
        final List<ProcessHandle> mine = new ArrayList<>();
        final DevChains.Options options = new DevChains.Options(List.of(space.tokenta.chain.config.ChainProfile.ETH_DEV), 1, null, 0,
                space.tokenta.chain.config.RpcPolicy.defaults(), 0, 2, true, null);
        try (DevChains other = DevChains.start(options)) {
            for (final DevChain chain : other.chains()) {
                final ProcessHandle anvil = ProcessHandle.of(chain.anvil().pid()).orElseThrow();
                mine.add(anvil);
                anvil.descendants().forEach(mine::add);
            }
            final DevDeployment.Chain c = other.deployment().chains().get(31337L);
            final Web3j web3j = Web3j.build(new PoolWeb3jService(other.pools().get("eth-dev")));
            try {
                final MockStablecoinContract token = new MockStablecoinContract(
                        DevContractsDeployer.sender(web3j, c.operator().credentials(), 31337), c.token());
                assertEquals(new BigInteger(c.traderBalanceUnits()), token.balanceOf(c.traders().get(3).address()));
            } finally {
                web3j.shutdown();
            }
            assertEquals(null, other.deploymentFile());
            mine.forEach(p -> assertTrue(p.isAlive()));
        }
        for (final ProcessHandle p : mine) {
            p.onExit().get(5, TimeUnit.SECONDS);
            assertFalse(p.isAlive(), "pid " + p.pid());
        }
        // the shared set of startDefault is checked the same way in childrenGoneAfterClose
        assertTrue(children.size() >= 3, "one anvil per chain at least");
    }

    @AfterAll
    static void childrenGoneAfterClose() throws Exception {
        stop();
        for (final ProcessHandle p : children) {
            p.onExit().get(5, TimeUnit.SECONDS);
            assertFalse(p.isAlive(), "pid " + p.pid());
        }
    }

    private static BigInteger word(final Upstream upstream, final String to, final String function, final Type<?>... args) throws Exception {
        final JsonNode result = upstream.call("eth_call", JsonRpcCodec.params(callObject(to, function, args), "latest"), CALL_TIMEOUT_MS,
                System.currentTimeMillis()).get(10, TimeUnit.SECONDS);
        return new BigInteger(result.asString().substring(2), 16);
    }

    private static BigInteger poolWord(final UpstreamPool pool, final String to, final String function) throws Exception {
        final JsonNode result = pool.call("eth_call", JsonRpcCodec.params(callObject(to, function), "latest")).get(10, TimeUnit.SECONDS);
        return new BigInteger(result.asString().substring(2), 16);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static JsonNode callObject(final String to, final String function, final Type<?>... args) {
        final String data = FunctionEncoder.encode(new Function(function, (List) List.of(args), List.of()));
        return JsonRpcCodec.MAPPER.createObjectNode().put("to", to).put("data", data);
    }
}
