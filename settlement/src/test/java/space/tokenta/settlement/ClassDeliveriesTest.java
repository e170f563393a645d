package space.tokenta.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import space.tokenta.settlement.escrow.CrashPoints;
import space.tokenta.settlement.escrow.EscrowPhase;
import space.tokenta.settlement.escrow.EscrowRow;
import space.tokenta.settlement.verification.AttestorQuorumVerifier;
import space.tokenta.settlement.verification.ReferenceDeliveries;
import space.tokenta.settlement.verification.VerificationRecorder;
import space.tokenta.verify.pipeline.AssetClass;

/**
 * Dev deliveries by instrument class and by seller, on real components (anvil, embedded PostgreSQL,
 * single-node cluster, verify's reference sellers, five attestors): an honest seller's GPU escrow is
 * verified by the GPU path (Freivalds challenge, heartbeats) and its API escrow through the metering
 * proxy, both PASS and released; a cheating seller's GPU escrow (wrong products) and API escrow
 * (substituted model) FAIL at S3 and refund the buyer.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ClassDeliveriesTest {
    static final int GPU = SettlementHarness.HONEST;
    static final int API = SettlementHarness.TAMPERED;
    static final long CHEATER = SettlementHarness.OTHER;
    @TempDir
    static Path dir;
    static SettlementHarness h;
    static SettlementService service;

    @BeforeAll
    static void start() {
        h = new SettlementHarness(dir, 2, 25);
        final ReferenceDeliveries deliveries = new ReferenceDeliveries(h.wallets,
                Map.of(GPU, new ReferenceDeliveries.Instrument(AssetClass.COMPUTE_BLOCK, "H100-TEST"),
                        API, new ReferenceDeliveries.Instrument(AssetClass.API_QUOTA, "GPT-TEST")),
                Map.of(GPU, ReferenceDeliveries.Behaviour.HONEST, API, ReferenceDeliveries.Behaviour.HONEST),
                ReferenceDeliveries.Behaviour.NOTHING,
                Map.of(CHEATER, new ReferenceDeliveries.CheatingSeller(CHEATER, 7, 1)));
        final AttestorQuorumVerifier verifier = new AttestorQuorumVerifier(dir.resolve("evidence"),
                Map.of(h.chain.chainId(), Map.entry(h.chain.escrow(), h.chain.attestors())), h.config.verdictTtlSec(),
                deliveries, Optional.of(new VerificationRecorder(h.db.dataSource())));
        service = SettlementService.start(h.wiring(verifier, CrashPoints.NONE));
        // the cheater lists both instruments and may sell as much as the honest seller
        h.allowToSell(CHEATER, GPU, API);
        h.depositOnChain(0, 50_000_000);
        SettlementHarness.await("deposit credited", 60_000, () -> h.available(SettlementHarness.BUYER) == 50_000_000);
    }

    @AfterAll
    static void stop() {
        SettlementHarness.stop(service, h);
    }

    @Test
    void eachClassIsVerifiedByItsOwnPathAndACheatingSellerFailsAtConformanceAndRefunds() {
        final long buyerBefore = h.available(SettlementHarness.BUYER);
        final String honestGpu = EscrowRow.escrowId(h.trade(GPU, 100, 2).tradeId());
        final String honestApi = EscrowRow.escrowId(h.trade(API, 50, 1).tradeId());
        final String cheatGpu = EscrowRow.escrowId(h.trade(CHEATER, GPU, 70, 1).tradeId());
        final String cheatApi = EscrowRow.escrowId(h.trade(CHEATER, API, 30, 1).tradeId());

        assertRun(honestGpu, EscrowPhase.RELEASED, "PASS", null, "COMPUTE_BLOCK", "H100-TEST", SettlementHarness.SELLER);
        assertRun(honestApi, EscrowPhase.RELEASED, "PASS", null, "API_QUOTA", "GPT-TEST", SettlementHarness.SELLER);
        // 48x48 challenges answered with a wrong cell: Freivalds catches it at conformance
        assertRun(cheatGpu, EscrowPhase.REFUNDED, "FAIL", "S3",
                "COMPUTE_BLOCK", "H100-TEST", CHEATER);
        // another model answers under the listed name: identity probes catch it at conformance
        assertRun(cheatApi, EscrowPhase.REFUNDED, "FAIL", "S3", "API_QUOTA", "GPT-TEST", CHEATER);
        // the buyer paid for the two honest deliveries only
        final long paid = (100 * 2 + 50) * SettlementHarness.TICK_VALUE;
        SettlementHarness.await("refunds credited", 60_000, () -> h.available(SettlementHarness.BUYER) <= buyerBefore - paid);
        final long spent = buyerBefore - h.available(SettlementHarness.BUYER);
        assertTrue(spent >= paid && spent < paid + (70 + 30) * SettlementHarness.TICK_VALUE,
                "the cheater's deals refunded: spent " + spent + ", honest deals " + paid);
    }

    private static void assertRun(final String escrowId, final EscrowPhase phase, final String outcome,
            final String failedStage, final String assetClass, final String symbol, final long seller) {
        SettlementHarness.await(escrowId + " settled", 120_000, () -> service.escrows().find(escrowId)
                .map(r -> r.phase().isFinal()).orElse(false));
        final EscrowRow row = service.escrows().find(escrowId).orElseThrow();
        assertEquals(phase, row.phase(), row.toString());
        final Map<String, Object> run = one("SELECT outcome, failed_stage, asset_class, "
                + "symbol, seller_account, signatures FROM verification_runs WHERE escrow_id = ?", escrowId);
        assertEquals(outcome, run.get("outcome"), run.toString());
        assertEquals(failedStage, run.get("failed_stage"), run.toString());
        assertEquals(assetClass, run.get("asset_class"));
        assertEquals(symbol, run.get("symbol"));
        assertEquals(seller, run.get("seller_account"));
        assertTrue((Integer) run.get("signatures") >= AttestorQuorumVerifier.QUORUM, run.toString());
    }

    private static Map<String, Object> one(final String sql, final String escrowId) {
        try (Connection c = h.db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, escrowId);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next(), "a run for " + escrowId);
                final Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    row.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
                }
                assertTrue(!r.next(), "one run for " + escrowId);
                return row;
            }
        } catch (final SQLException e) {
            throw new AssertionError(e);
        }
    }
}
