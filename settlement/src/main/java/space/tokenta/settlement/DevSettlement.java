package space.tokenta.settlement;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import space.tokenta.chain.config.FinalityRule;
import space.tokenta.chain.devchain.DevChains;
import space.tokenta.chain.devchain.DevDeployment;
import space.tokenta.chain.escrow.MockStablecoinContract;
import space.tokenta.chain.rpc.UpstreamPool;
import space.tokenta.cluster.client.TokentaClusterClient;
import space.tokenta.settlement.account.AccountDirectory;
import space.tokenta.settlement.account.DevWallets;
import space.tokenta.settlement.escrow.CrashPoints;
import space.tokenta.settlement.escrow.DisputePanelVerifier;
import space.tokenta.settlement.escrow.EscrowChain;
import space.tokenta.settlement.verification.AttestorQuorumVerifier;
import space.tokenta.settlement.verification.ReferenceDeliveries;
import space.tokenta.settlement.verification.VerificationRecorder;

/**
 * DEV ONLY conventions for running settlement against {@link DevChains}: trader i of the deployment
 * (DevKeys index 5 + i) is engine account {@link #FIRST_ACCOUNT_ID} + i on every chain; bsc-dev's
 * stablecoin is asset 2 (USDC), every other chain's asset 1 (USDT); finality 2 blocks; every fill
 * is delivered by verify's reference seller for its instrument's class ({@link Deliveries}: honest,
 * unless its seller account is a cheating one); runs, evidence and signatures are recorded
 * in the database (served by the gateway's /v1/verifications, /v1/evidence and /v1/reputation).
 */
public final class DevSettlement {
    public static final long FIRST_ACCOUNT_ID = 1;
    public static final int USDT = 1;
    public static final int USDC = 2;
    /** Environment variable choosing where the attestors run ({@code processes} or threads by default). */
    public static final String ATTESTORS_ENV = "TOKENTA_ATTESTORS";

    private DevSettlement() {
    }

    /**
     * Who delivers: the market's instruments (id → class and symbol) and the seller accounts that cheat
     * on a seeded fraction of their deals. {@link #HONEST_MODEL_ACCESS}: every fill an honest model-access delivery.
     */
    public record Deliveries(Map<Integer, ReferenceDeliveries.Instrument> instruments,
                             Map<Long, ReferenceDeliveries.CheatingSeller> cheaters) {
        public static final Deliveries HONEST_MODEL_ACCESS = new Deliveries(Map.of(), Map.of());

        public Deliveries {
            instruments = Map.copyOf(instruments);
            cheaters = Map.copyOf(cheaters);
        }

        ReferenceDeliveries source(final DevWallets wallets) {
            return new ReferenceDeliveries(wallets, instruments, Map.of(), ReferenceDeliveries.Behaviour.HONEST, cheaters);
        }
    }

    public static AccountDirectory directory(final DevDeployment deployment) {
        final List<AccountDirectory.Entry> entries = new ArrayList<>();
        for (final DevDeployment.Chain chain : deployment.chains().values()) {
            for (int i = 0; i < chain.traders().size(); i++) {
                entries.add(new AccountDirectory.Entry(FIRST_ACCOUNT_ID + i, chain.chainId(), chain.traders().get(i).address()));
            }
        }
        return new AccountDirectory(entries);
    }

    public static SettlementConfig config(final DevDeployment deployment) {
        final List<SettlementConfig.Chain> chains = new ArrayList<>();
        for (final DevDeployment.Chain c : deployment.chains().values()) {
            chains.add(chainConfig(c));
        }
        return SettlementConfig.defaults(chains);
    }

    private static SettlementConfig.Chain chainConfig(final DevDeployment.Chain c) {
        return new SettlementConfig.Chain(c.chainId(), assetOf(c), c.token(), c.escrow(), c.feeRecipient().address(),
                FinalityRule.depth(2), 0);
    }

    /** The engine asset a dev chain's stablecoin is booked as. */
    public static int assetOf(final DevDeployment.Chain c) {
        return c.name().equals("bsc-dev") ? USDC : USDT;
    }

    /**
     * DEV ONLY: trader {@code traderIndex} moves {@code amount} token units from its wallet into the
     * chain's escrow (approve, then deposit, signed with its own key); the indexer credits engine account
     * {@link #FIRST_ACCOUNT_ID} + {@code traderIndex} once the deposit is final.
     */
    public static void depositFromTrader(final DevDeployment.Chain chain, final int traderIndex, final BigInteger amount) {
        if (traderIndex < 0 || traderIndex >= chain.traders().size() || amount.signum() <= 0) {
            throw new IllegalArgumentException("trader index in [0, " + chain.traders().size() + ") and a positive amount");
        }
        final Web3j web3j = Web3j.build(new HttpService(chain.direct().http()));
        try {
            final Credentials trader = chain.traders().get(traderIndex).credentials();
            final EscrowChain escrowChain = new EscrowChain(chainConfig(chain), web3j, chain.operator().credentials());
            new MockStablecoinContract(escrowChain.sender(trader), chain.token()).approve(chain.escrow(), amount);
            escrowChain.as(trader).deposit(chain.token(), amount);
        } finally {
            web3j.shutdown();
        }
    }

    /**
     * Everything {@link SettlementService#start} needs for the dev chains.
     *
     * @param client        a cluster client for settlement alone (single-threaded)
     * @param nodeDirectory the cluster node's directory (its event journal)
     * @param evidenceDir   where verification evidence is stored by CID
     */
    public static SettlementService.Wiring wiring(final DevChains dev, final SettlementConfig config,
            final DataSource dataSource, final TokentaClusterClient client, final Path nodeDirectory,
            final Path evidenceDir) {
        final Map<Long, UpstreamPool> pools = new HashMap<>();
        for (final DevDeployment.Chain c : dev.deployment().chains().values()) {
            pools.put(c.chainId(), dev.pools().get(c.name()));
        }
        return wiring(dev.deployment(), pools, config, dataSource, client, nodeDirectory, evidenceDir, CrashPoints.NONE,
                Deliveries.HONEST_MODEL_ACCESS);
    }

    /** As above for a deployment read from {@code devchains.json}, with the caller's pools (by chain id). */
    public static SettlementService.Wiring wiring(final DevDeployment deployment, final Map<Long, UpstreamPool> pools,
            final SettlementConfig config, final DataSource dataSource, final TokentaClusterClient client,
            final Path nodeDirectory, final Path evidenceDir, final CrashPoints crash) {
        return wiring(deployment, pools, config, dataSource, client, nodeDirectory, evidenceDir, crash,
                Deliveries.HONEST_MODEL_ACCESS);
    }

    /** As above, delivered as {@code deliveries} says. */
    public static SettlementService.Wiring wiring(final DevDeployment deployment, final Map<Long, UpstreamPool> pools,
            final SettlementConfig config, final DataSource dataSource, final TokentaClusterClient client,
            final Path nodeDirectory, final Path evidenceDir, final CrashPoints crash, final Deliveries deliveries) {
        final DevWallets wallets = new DevWallets(deployment);
        final Map<Long, Credentials> operators = new HashMap<>();
        final Map<Long, Web3j> web3js = new HashMap<>();
        final Map<Long, Map.Entry<String, List<space.tokenta.chain.devchain.DevAccount>>> attestors = new HashMap<>();
        for (final DevDeployment.Chain c : deployment.chains().values()) {
            operators.put(c.chainId(), c.operator().credentials());
            web3js.put(c.chainId(), Web3j.build(new HttpService(c.direct().http())));
            attestors.put(c.chainId(), Map.entry(c.escrow(), c.attestors()));
        }
        // a first panel verifies every delivery; an independent dispute panel verifies a disputed one again
        // (its attestors stay in this process: a dispute is rare and a second set of JVMs is not worth it)
        final VerificationRecorder recorder = new VerificationRecorder(dataSource);
        final DisputePanelVerifier verifier = new DisputePanelVerifier(
                new AttestorQuorumVerifier(evidenceDir, attestors, config.verdictTtlSec(),
                        deliveries.source(wallets),
                        java.util.Optional.of(recorder), attestorPlacement()),
                new AttestorQuorumVerifier(evidenceDir, attestors, config.verdictTtlSec(),
                        deliveries.source(wallets),
                        java.util.Optional.of(recorder), AttestorQuorumVerifier.Placement.IN_PROCESS));
        return new SettlementService.Wiring(config, directory(deployment), wallets, operators, pools, web3js, dataSource,
                client, nodeDirectory, verifier, crash);
    }

    /** {@value #ATTESTORS_ENV}=processes runs every attestor in a JVM of its own (5 per chain); default: threads of this process. */
    static AttestorQuorumVerifier.Placement attestorPlacement() {
        return "processes".equals(System.getenv(ATTESTORS_ENV)) ? AttestorQuorumVerifier.Placement.PROCESSES
                : AttestorQuorumVerifier.Placement.IN_PROCESS;
    }

    /** {@code tokenta up}'s one call: settlement over the dev chains on its own thread; close it to stop. */
    public static SettlementService start(final DevChains dev, final DataSource dataSource,
            final TokentaClusterClient client, final Path nodeDirectory, final Path evidenceDir) {
        return start(dev, dataSource, client, nodeDirectory, evidenceDir, Deliveries.HONEST_MODEL_ACCESS);
    }

    /** As above, delivered as {@code deliveries} says (the demo: one reference seller per class, a cheating seller). */
    public static SettlementService start(final DevChains dev, final DataSource dataSource,
            final TokentaClusterClient client, final Path nodeDirectory, final Path evidenceDir, final Deliveries deliveries) {
        return start(dev, dataSource, client, nodeDirectory, evidenceDir, deliveries, config(dev.deployment()));
    }

    /** As above with the deals' times chosen (e.g. a longer timelock: {@code config(deployment).withTimes(...)}). */
    public static SettlementService start(final DevChains dev, final DataSource dataSource,
            final TokentaClusterClient client, final Path nodeDirectory, final Path evidenceDir, final Deliveries deliveries,
            final SettlementConfig config) {
        final Map<Long, UpstreamPool> pools = new HashMap<>();
        for (final DevDeployment.Chain c : dev.deployment().chains().values()) {
            pools.put(c.chainId(), dev.pools().get(c.name()));
        }
        return SettlementService.start(wiring(dev.deployment(), pools, config, dataSource, client, nodeDirectory,
                evidenceDir, CrashPoints.NONE, deliveries));
    }
}
