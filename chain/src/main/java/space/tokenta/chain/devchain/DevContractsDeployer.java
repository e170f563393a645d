package space.tokenta.chain.devchain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import space.tokenta.chain.escrow.EvmSender;
import space.tokenta.chain.escrow.MockStablecoinContract;
import space.tokenta.chain.escrow.TokentaEscrowContract;

/**
 * Deploys the dev contracts on one dev chain with the typed bindings: a {@code MockStablecoin}
 * (6 decimals) and a {@code TokentaEscrow} (2-of-3 owner multisig, operator, fee recipient, 5
 * attestors, quorum 3), then mints demo balances to the trader accounts. All keys are {@link DevKeys}.
 */
public final class DevContractsDeployer {
    private static final Logger LOG = LoggerFactory.getLogger(DevContractsDeployer.class);
    public static final String TOKEN_NAME = "Mock Tether USD";
    public static final String TOKEN_SYMBOL = "mUSDT";
    public static final int FEE_BPS = 50;
    /** 1,000,000 tokens of 6 decimals per trader. */
    public static final BigInteger TRADER_BALANCE_UNITS = BigInteger.TEN.pow(MockStablecoinContract.DECIMALS).multiply(BigInteger.valueOf(1_000_000));
    public static final long RECEIPT_POLL_MS = 100;
    /** Receipt polls per transaction: 30 s at 100 ms, enough for block times up to ~20 s. */
    public static final int RECEIPT_POLL_ATTEMPTS = 300;

    private DevContractsDeployer() {
    }

    /** A sender for {@code credentials} over {@code web3j}, resolving the escrow's and token's custom errors. */
    public static EvmSender sender(final Web3j web3j, final Credentials credentials, final long chainId) {
        return new EvmSender(web3j, credentials, chainId, List.of(TokentaEscrowContract.ARTIFACT, MockStablecoinContract.ARTIFACT),
                RECEIPT_POLL_MS, RECEIPT_POLL_ATTEMPTS);
    }

    /** The chain's own anvil endpoint. */
    public static DevDeployment.Endpoint direct(final DevChain chain) {
        return new DevDeployment.Endpoint(chain.profile().name() + "-direct", chain.anvil().httpUrl(), chain.anvil().wsUrl());
    }

    /** The chain's fault proxies. */
    public static List<DevDeployment.Endpoint> proxies(final DevChain chain) {
        return chain.proxies().stream().map(p -> new DevDeployment.Endpoint(p.name(), p.httpUrl(), p.wsUrl())).toList();
    }

    /** Deploys on {@code chain} through its anvil endpoint (never through chaos proxies) and describes the result. */
    public static DevDeployment.Chain deploy(final DevChain chain) {
        final long chainId = chain.profile().chainId();
        final Web3j web3j = Web3j.build(new HttpService(chain.anvil().httpUrl()));
        try {
            final DevAccount operator = DevKeys.devAccount("operator", DevKeys.DEPLOYER_OPERATOR);
            final List<DevAccount> owners = accounts("owner", DevKeys.FIRST_OWNER, DevKeys.OWNER_COUNT);
            final DevAccount feeRecipient = DevKeys.devAccount("fee-recipient", DevKeys.FEE_RECIPIENT);
            final List<DevAccount> attestors = accounts("attestor", DevKeys.FIRST_ATTESTOR, DevKeys.ATTESTOR_COUNT);
            final List<DevAccount> traders = accounts("trader", DevKeys.FIRST_TRADER, DevKeys.TRADER_COUNT);

            final EvmSender deployer = sender(web3j, operator.credentials(), chainId);
            final MockStablecoinContract token = MockStablecoinContract.deploy(deployer, TOKEN_NAME, TOKEN_SYMBOL);
            final TokentaEscrowContract escrow = TokentaEscrowContract.deploy(deployer, new TokentaEscrowContract.Deployment(
                    owners.stream().map(DevAccount::address).toList(), DevKeys.OWNER_THRESHOLD, operator.address(),
                    feeRecipient.address(), FEE_BPS, attestors.stream().map(DevAccount::address).toList(), DevKeys.QUORUM));
            for (final DevAccount trader : traders) {
                token.mint(trader.address(), TRADER_BALANCE_UNITS);
            }
            LOG.info("{}: MockStablecoin {} at {}, TokentaEscrow at {}", chain.profile().name(), TOKEN_SYMBOL, token.address(), escrow.address());
            return new DevDeployment.Chain(chain.profile().name(), chainId, direct(chain), proxies(chain), token.address(), TOKEN_NAME, TOKEN_SYMBOL,
                    MockStablecoinContract.DECIMALS, escrow.address(), DevKeys.QUORUM, DevKeys.OWNER_THRESHOLD, FEE_BPS, operator, owners,
                    feeRecipient, attestors, traders, TRADER_BALANCE_UNITS.toString());
        } finally {
            web3j.shutdown();
        }
    }

    private static List<DevAccount> accounts(final String role, final int firstIndex, final int count) {
        final List<DevAccount> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(DevKeys.devAccount(role + "-" + (i + 1), firstIndex + i));
        }
        return out;
    }
}
