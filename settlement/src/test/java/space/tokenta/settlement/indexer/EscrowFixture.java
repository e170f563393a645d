package space.tokenta.settlement.indexer;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import space.tokenta.chain.config.ChainConfig;
import space.tokenta.chain.config.ChainKind;
import space.tokenta.chain.config.ChainProfile;
import space.tokenta.chain.config.FinalityRule;
import space.tokenta.chain.config.RpcPolicy;
import space.tokenta.chain.config.UpstreamConfig;
import space.tokenta.chain.devchain.DevChain;
import space.tokenta.chain.escrow.MockStablecoinContract;
import space.tokenta.chain.escrow.TokentaEscrowContract;
import space.tokenta.chain.escrow.EvmSender;
import space.tokenta.chain.rpc.JsonRpcCodec;
import space.tokenta.chain.rpc.UpstreamPool;
import tools.jackson.databind.JsonNode;

/** A real anvil (one fault proxy in front), MockStablecoin + TokentaEscrow deployed, funded users. */
final class EscrowFixture implements AutoCloseable {
    static final long CHAIN_ID = 31_337;
    static final BigInteger FUNDS = BigInteger.valueOf(1_000_000_000_000L);

    final DevChain chain;
    final Web3j web3j;
    final ECKeyPair deployer = key("deployer");
    final ECKeyPair operator = key("operator");
    final List<ECKeyPair> users = List.of(key("user-1"), key("user-2"), key("user-3"));
    final List<ECKeyPair> attestors = List.of(key("a1"), key("a2"), key("a3"));
    private final HttpClient http = HttpClient.newHttpClient();
    MockStablecoinContract token;
    TokentaEscrowContract escrow;
    long deployBlock;

    EscrowFixture() {
        chain = DevChain.start(ChainProfile.ETH_DEV, 1, List.of());
        web3j = Web3j.build(new HttpService(chain.anvil().httpUrl()));
    }

    /** Deploys a fresh token and escrow, funds and approves the users. */
    void deploy() {
        for (ECKeyPair k : List.of(deployer, operator, users.get(0), users.get(1), users.get(2))) {
            rpc("anvil_setBalance", JsonRpcCodec.params(address(k), "0x" + BigInteger.TEN.pow(21).toString(16)));
        }
        token = MockStablecoinContract.deploy(sender(deployer), "Tether USD", "USDT");
        escrow = TokentaEscrowContract.deploy(sender(deployer), new TokentaEscrowContract.Deployment(
                List.of(address(deployer)), 1, address(operator), address(deployer), 100,
                attestors.stream().map(EscrowFixture::address).toList(), 3));
        for (ECKeyPair u : users) {
            token.mint(address(u), FUNDS);
            token.as(sender(u)).approve(escrow.address(), FUNDS);
        }
        deployBlock = head();
    }

    String deposit(int user, long amount) {
        return escrow.as(sender(users.get(user))).deposit(token.address(), BigInteger.valueOf(amount)).getBlockHash();
    }

    void withdraw(int user, long amount) {
        escrow.as(sender(users.get(user))).withdraw(token.address(), BigInteger.valueOf(amount));
    }

    void mine(long blocks) {
        rpc("anvil_mine", JsonRpcCodec.params(JsonRpcCodec.hex(blocks)));
    }

    String snapshot() {
        return rpc("evm_snapshot", JsonRpcCodec.params()).asString();
    }

    void revert(String snapshot) {
        if (!rpc("evm_revert", JsonRpcCodec.params(snapshot)).asBoolean()) {
            throw new IllegalStateException("evm_revert refused " + snapshot);
        }
    }

    /** Replaces the last {@code depth} blocks by empty ones (their transactions vanish). */
    void reorgEmpty(long depth) {
        rpc("anvil_reorg", JsonRpcCodec.params(depth, JsonRpcCodec.NODES.arrayNode()));
    }

    void rollback(long depth) {
        rpc("anvil_rollback", JsonRpcCodec.params(depth));
    }

    long head() {
        return JsonRpcCodec.quantity(rpc("eth_blockNumber", JsonRpcCodec.params()));
    }

    /** The pool the indexer reads through: via the fault proxy (and anvil directly when {@code direct}). */
    UpstreamPool pool(boolean direct) {
        // The pool's own cache treats everything as unfinalized here: reorg tests go deeper than eth-dev's depth.
        ChainProfile profile = new ChainProfile("eth-dev", CHAIN_ID, ChainKind.EVM, FinalityRule.depth(10_000), 1_000);
        RpcPolicy policy = RpcPolicy.builder().requestDeadlineMs(3_000).attemptTimeoutMs(800).maxAttempts(4)
                // a lenient breaker: these tests are about the indexer riding out faults, and with one faulty
                // upstream a breaker that opens often only turns faults into NO_UPSTREAM waits on a loaded machine
                .breaker(90, 20, 10, 300)
                .backoff(5, 50).hedge(false).probeIntervalMs(100).quarantineAfterFailures(3).consensus(1, 1)
                .unfinalizedTtlMs(0).cacheMaxEntries(0).lag(1_000, 1_000).build();
        List<UpstreamConfig> upstreams = chain.upstreams(direct);
        return new UpstreamPool(new ChainConfig(profile, upstreams, policy)).start();
    }

    EvmSender sender(ECKeyPair key) {
        return new EvmSender(web3j, Credentials.create(key), CHAIN_ID,
                List.of(TokentaEscrowContract.ARTIFACT, MockStablecoinContract.ARTIFACT), 10, 3_000);
    }

    JsonNode rpc(String method, JsonNode params) {
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(chain.anvil().httpUrl()))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JsonRpcCodec.encodeRequest(1, method, params))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return JsonRpcCodec.decodeResponse(r.body(), method, "direct");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(method, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static ECKeyPair key(String name) {
        return ECKeyPair.create(new BigInteger(1, Hash.sha256(("tokenta-idx-" + name).getBytes(StandardCharsets.UTF_8))));
    }

    static String address(ECKeyPair key) {
        return "0x" + Keys.getAddress(key);
    }

    @Override
    public void close() {
        web3j.shutdown();
        chain.close();
    }
}
