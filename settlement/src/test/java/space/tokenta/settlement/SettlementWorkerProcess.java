package space.tokenta.settlement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import space.tokenta.chain.config.ChainConfig;
import space.tokenta.chain.config.ChainProfile;
import space.tokenta.chain.config.RpcPolicy;
import space.tokenta.chain.config.UpstreamConfig;
import space.tokenta.chain.devchain.DevDeployment;
import space.tokenta.chain.rpc.UpstreamPool;
import space.tokenta.cluster.client.TokentaClusterClient;
import space.tokenta.settlement.escrow.CrashPoints;
import space.tokenta.settlement.verification.AttestorQuorumVerifier;
import space.tokenta.settlement.verification.ReferenceDeliveries;
import space.tokenta.store.db.DatabaseConfig;
import space.tokenta.store.db.StoreDatabase;

/**
 * The settlement worker as its own JVM for the kill -9 test:
 * {@code devchains.json jdbcUrl nodeDir ingressEndpoints evidenceDir timelockSec expirySec pausePoint}. At
 * {@code pausePoint} (or never, with "none") it prints {@code AT <point>} and stalls, so the test can
 * kill it exactly there. It runs until killed. It reaches the cluster over UDP ingress with its own media
 * driver, as a separate settlement process would.
 */
public final class SettlementWorkerProcess {
    private SettlementWorkerProcess() {
    }

    public static void main(final String[] args) throws Exception {
        final DevDeployment deployment = DevDeployment.read(Path.of(args[0]));
        final String pausePoint = args[7];
        final RpcPolicy policy = RpcPolicy.builder().requestDeadlineMs(5_000).attemptTimeoutMs(2_000).maxAttempts(4)
                .backoff(5, 50).hedge(false).probeIntervalMs(200).quarantineAfterFailures(3).consensus(1, 1)
                .unfinalizedTtlMs(0).cacheMaxEntries(0).lag(1_000, 1_000).build();
        final Map<Long, UpstreamPool> pools = new HashMap<>();
        for (final DevDeployment.Chain c : deployment.chains().values()) {
            final ChainProfile profile = ChainProfile.KNOWN.stream().filter(p -> p.chainId() == c.chainId()).findFirst()
                    .orElseThrow();
            pools.put(c.chainId(), new UpstreamPool(new ChainConfig(profile,
                    List.of(UpstreamConfig.of(c.name() + "-direct", c.direct().http(), c.direct().ws())), policy)).start());
        }
        final StoreDatabase db = StoreDatabase.open(DatabaseConfig.external(args[1], "postgres", "postgres"));
        final TokentaClusterClient client = TokentaClusterClient.connect(
                new TokentaClusterClient.Config(args[3], null, 64,
                        SettlementHarness.REQUEST_TIMEOUT_MS, 30_000));
        final long timelock = Long.parseLong(args[5]);
        final long expiry = Long.parseLong(args[6]);
        final SettlementConfig config = DevSettlement.config(deployment).withTimes(timelock, expiry, Math.min(expiry, 30));
        final CrashPoints pause = point -> {
            if (point.equals(pausePoint)) {
                System.out.println("AT " + point);
                System.out.flush();
                try {
                    Thread.sleep(600_000);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        final SettlementService.Wiring dev = DevSettlement.wiring(deployment, pools, config, db.dataSource(), client,
                Path.of(args[2]), Path.of(args[4]), pause);
        // the harness's reference sellers: instrument 1 honest, 2 tampered weights, 3 never delivers
        final DevDeployment.Chain chain = deployment.chains().values().iterator().next();
        final ReferenceDeliveries deliveries = new ReferenceDeliveries(dev.wallets(), Map.of(
                SettlementHarness.HONEST, ReferenceDeliveries.Behaviour.HONEST,
                SettlementHarness.TAMPERED, ReferenceDeliveries.Behaviour.TAMPERED,
                SettlementHarness.NEVER_DELIVERS, ReferenceDeliveries.Behaviour.NOTHING), ReferenceDeliveries.Behaviour.NOTHING);
        final AttestorQuorumVerifier verifier = new AttestorQuorumVerifier(Path.of(args[4]),
                Map.of(chain.chainId(), Map.entry(chain.escrow(), chain.attestors())), config.verdictTtlSec(), deliveries);
        SettlementService.start(new SettlementService.Wiring(dev.config(), dev.directory(), dev.wallets(), dev.operators(),
                dev.pools(), dev.web3js(), dev.dataSource(), dev.client(), dev.nodeDirectory(), verifier, dev.crash()));
        System.out.println("READY");
        System.out.flush();
        Files.createDirectories(Path.of(args[4]));
        Thread.sleep(Long.MAX_VALUE);
    }
}
