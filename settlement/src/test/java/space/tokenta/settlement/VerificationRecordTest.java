package space.tokenta.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import space.tokenta.cluster.client.EventLogReader;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.event.Event;
import space.tokenta.engine.event.RecordingEventSink;
import space.tokenta.settlement.engine.EngineCommands;
import space.tokenta.settlement.escrow.CrashPoints;
import space.tokenta.settlement.escrow.EscrowPhase;
import space.tokenta.settlement.escrow.EscrowRow;
import space.tokenta.settlement.verification.AttestorQuorumVerifier;
import space.tokenta.settlement.verification.ReferenceDeliveries;
import space.tokenta.settlement.verification.ReputationFeed;
import space.tokenta.settlement.verification.VerificationRecorder;
import space.tokenta.verify.evidence.Cid;
import space.tokenta.verify.evidence.CanonicalJson;
import tools.jackson.databind.JsonNode;

/**
 * The verification record and the reputation it feeds, on real components (anvil, embedded
 * PostgreSQL, single-node cluster, verify's reference sellers, five attestors each in a JVM of its
 * own): an honest delivery
 * is a PASS run with six passed stages, a quorum of recorded signatures and evidence stored by CID,
 * and raises the seller's score; a seller serving tampered weights is a FAIL run failed at S2, its
 * escrow refunds and the seller's score drops; a restarted feed folds the same books from the log
 * and counts nothing twice; the seller's exposure limit reaches the engine.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class VerificationRecordTest {
    @TempDir
    static Path dir;
    static SettlementHarness h;
    static SettlementService service;
    static final long DEPOSIT = 50_000_000;
    static final double PRIOR_SCORE = 0.5;
    static double scoreAfterPass;

    @BeforeAll
    static void start() {
        h = new SettlementHarness(dir, 2, 25);
        final ReferenceDeliveries deliveries = new ReferenceDeliveries(h.wallets,
                Map.of(SettlementHarness.HONEST, ReferenceDeliveries.Behaviour.HONEST,
                        SettlementHarness.TAMPERED, ReferenceDeliveries.Behaviour.TAMPERED),
                ReferenceDeliveries.Behaviour.NOTHING);
        final AttestorQuorumVerifier verifier = new AttestorQuorumVerifier(dir.resolve("evidence"),
                Map.of(h.chain.chainId(), Map.entry(h.chain.escrow(), h.chain.attestors())), h.config.verdictTtlSec(),
                deliveries, Optional.of(new VerificationRecorder(h.db.dataSource())),
                AttestorQuorumVerifier.Placement.PROCESSES);
        service = SettlementService.start(h.wiring(verifier, CrashPoints.NONE));
        h.depositOnChain(0, DEPOSIT);
        SettlementHarness.await("deposit credited", 60_000, () -> h.available(SettlementHarness.BUYER) == DEPOSIT);
    }

    @AfterAll
    static void stop() {
        SettlementHarness.stop(service, h);
    }

    @Test
    @Order(1)
    void honestDeliveryIsAPassRunWithAQuorumOfSignaturesAndRaisesTheScore() {
        assertEquals(AttestorQuorumVerifier.PANEL, ProcessHandle.current().children()
                .filter(p -> commandLine(p.pid()).contains("space.tokenta.verify.attest.AttestorServer")).count(),
                "one attestor process per registered attestor");
        final EscrowRow row = awaitFinal(h.trade(SettlementHarness.HONEST, 100, 2));
        assertEquals(EscrowPhase.RELEASED, row.phase(), row.toString());
        final Map<String, Object> run = one("SELECT outcome, failed_stage, stages::text, evidence_cid, signatures, quorum, "
                + "symbol, asset_class, seller_account, buyer_account, finished_at FROM verification_runs WHERE escrow_id = ?",
                row.escrowId());
        assertEquals("PASS", run.get("outcome"));
        assertNull(run.get("failed_stage"));
        final JsonNode stages = CanonicalJson.MAPPER.readTree((String) run.get("stages"));
        assertEquals(6, stages.size(), stages.toString());
        for (int i = 0; i < 6; i++) {
            assertEquals("S" + (i + 1), stages.get(i).path("stage").asString());
            assertTrue(stages.get(i).path("passed").asBoolean(), stages.toString());
        }
        assertEquals("LISTING", stages.get(0).path("name").asString());
        assertEquals(row.evidenceCid(), run.get("evidence_cid"), "the run names the envelope the escrow released on");
        assertTrue((Integer) run.get("signatures") >= AttestorQuorumVerifier.QUORUM);
        assertEquals(AttestorQuorumVerifier.QUORUM, run.get("quorum"));
        assertEquals("MODEL-" + SettlementHarness.HONEST, run.get("symbol"));
        assertEquals("MODEL_ACCESS", run.get("asset_class"));
        assertEquals(SettlementHarness.SELLER, run.get("seller_account"));
        assertEquals(SettlementHarness.BUYER, run.get("buyer_account"));
        assertNotNull(run.get("finished_at"));
        final List<Map<String, Object>> sigs = rows("SELECT attestor, verdict FROM verification_signatures "
                + "WHERE evidence_cid = ?", row.evidenceCid());
        assertTrue(sigs.stream().filter(s -> "PASS".equals(s.get("verdict"))).count() >= AttestorQuorumVerifier.QUORUM,
                sigs.toString());
        assertEvidenceMatchesItsCid(row.evidenceCid());
        awaitReputationOf(row.escrowId());
        scoreAfterPass = sellerScore();
        assertTrue(scoreAfterPass > PRIOR_SCORE, "a PASS raises the score above the prior: " + scoreAfterPass);
        assertEquals(1, one("SELECT passes FROM reputation_sellers WHERE seller_account = ?", SettlementHarness.SELLER)
                .get("passes"));
        final Map<String, Object> attestor = rows("SELECT agreement, signatures, trust FROM reputation_attestors", null)
                .get(0);
        assertTrue((Double) attestor.get("agreement") > 0.5, "agreeing attestors' EMA rises from 0.5: " + attestor);
    }

    @Test
    @Order(2)
    void tamperedDeliveryIsAFailRunAtS2RefundsAndLowersTheScore() {
        final long buyerBefore = h.available(SettlementHarness.BUYER);
        final EscrowRow row = awaitFinal(h.trade(SettlementHarness.TAMPERED, 50, 1));
        assertEquals(EscrowPhase.REFUNDED, row.phase(), row.toString());
        assertEquals(buyerBefore, h.available(SettlementHarness.BUYER), "buyer credited back");
        final Map<String, Object> run = one("SELECT outcome, failed_stage, signatures FROM verification_runs "
                + "WHERE escrow_id = ?", row.escrowId());
        assertEquals("FAIL", run.get("outcome"));
        assertEquals("S2", run.get("failed_stage"), "tampered weights fail authenticity (weights digest)");
        assertTrue((Integer) run.get("signatures") >= AttestorQuorumVerifier.QUORUM, "a FAIL quorum signed the refund");
        assertEvidenceMatchesItsCid(row.evidenceCid());
        awaitReputationOf(row.escrowId());
        final double after = sellerScore();
        assertTrue(after < scoreAfterPass, "a FAIL lowers the score: " + scoreAfterPass + " -> " + after);
        final Map<String, Object> seller = one("SELECT deals, passes, fails, jsonb_array_length(history) AS points "
                + "FROM reputation_sellers WHERE seller_account = ?", SettlementHarness.SELLER);
        assertEquals(2, seller.get("deals"));
        assertEquals(1, seller.get("fails"));
        assertEquals(2, seller.get("points"));
    }

    @Test
    @Order(4)
    void aRestartedFeedFoldsTheSameBooksAndCountsNothingTwice() {
        final double before = sellerScore();
        final long events = (Long) one("SELECT count(*) AS n FROM reputation_events", null).get("n");
        final ReputationFeed replay = new ReputationFeed(h.db.dataSource(), new EngineCommands(h.testClient),
                new ReputationFeed.Policy(ReputationFeed.Policy.DEFAULTS.bondUnits(), 1.0,
                        ReputationFeed.Policy.DEFAULTS.floorUnits(), java.util.Set.of(SettlementHarness.BUYER), 60_000, 0, 64));
        assertEquals(0, replay.doWork(), "every settled escrow is already in the log");
        replay.doWork();
        assertEquals(before, sellerScore(), 0.0, "the stored score is unchanged");
        assertEquals(events, one("SELECT count(*) AS n FROM reputation_events", null).get("n"));
        assertEquals(2, one("SELECT deals FROM reputation_sellers WHERE seller_account = ?", SettlementHarness.SELLER)
                .get("deals"));
        // the fold of the log gives the stored score (decayed to now: equal to well within a day's decay)
        assertEquals(before, replay.score(SettlementHarness.SELLER).expected(), 1e-3);
    }

    @Test
    @Order(3)
    void theSellersExposureLimitReachesTheEngine() {
        SettlementHarness.await("limit acknowledged", 30_000, () -> one("SELECT exposure_limit_sent FROM reputation_sellers "
                + "WHERE seller_account = ?", SettlementHarness.SELLER).get("exposure_limit_sent") != null);
        final long limit = (Long) one("SELECT exposure_limit_lots FROM reputation_sellers WHERE seller_account = ?",
                SettlementHarness.SELLER).get("exposure_limit_lots");
        assertTrue(limit >= ReputationFeed.Policy.DEFAULTS.floorUnits());
        final List<Long> applied = new ArrayList<>();
        final RecordingEventSink sink = new RecordingEventSink();
        try (EventLogReader reader = new EventLogReader(h.nodeDirectory(), 0)) {
            for (int polls = 0; polls < 100_000 && reader.poll((p, s, r, c, e) -> sink, 1_024) > 0; polls++) {
                for (final Event e : sink.events()) {
                    if (e instanceof Event.CommandApplied a && a.commandType() == CommandType.SET_EXPOSURE_LIMIT
                            && a.accountId() == SettlementHarness.SELLER) {
                        applied.add(a.key());
                    }
                }
                sink.clear();
            }
        }
        assertTrue(applied.contains(limit), "engine journal shows SET_EXPOSURE_LIMIT " + limit + " applied: " + applied);
    }

    // ------------------------------------------------------------------------------------ helpers

    static EscrowRow awaitFinal(final Event.Trade trade) {
        final String id = EscrowRow.escrowId(trade.tradeId());
        SettlementHarness.await(id + " settled", 90_000, () -> service.escrows().find(id)
                .map(r -> r.phase().isFinal()).orElse(false));
        return service.escrows().find(id).orElseThrow();
    }

    /** A process's full command line from /proc (ProcessHandle.Info leaves out long ones). */
    static String commandLine(final long pid) {
        try {
            return new String(java.nio.file.Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (final java.io.IOException e) {
            return "";
        }
    }

    static void awaitReputationOf(final String escrowId) {
        SettlementHarness.await("reputation of " + escrowId, 30_000,
                () -> !rows("SELECT 1 FROM reputation_events WHERE escrow_id = ?", escrowId).isEmpty());
    }

    static double sellerScore() {
        return (Double) one("SELECT score FROM reputation_sellers WHERE seller_account = ?", SettlementHarness.SELLER)
                .get("score");
    }

    static void assertEvidenceMatchesItsCid(final String cid) {
        final Map<String, Object> e = one("SELECT body, media_type FROM evidence WHERE cid = ?", cid);
        assertTrue(Cid.parse(cid).matches((byte[]) e.get("body")), "stored body hashes to its CID");
        assertEquals(VerificationRecorder.MEDIA_ENVELOPE, e.get("media_type"));
    }

    static Map<String, Object> one(final String sql, final Object arg) {
        final List<Map<String, Object>> rows = rows(sql, arg);
        assertEquals(1, rows.size(), sql + " " + arg);
        return rows.get(0);
    }

    static List<Map<String, Object>> rows(final String sql, final Object arg) {
        try (Connection c = h.db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (arg != null) {
                s.setObject(1, arg);
            }
            final List<Map<String, Object>> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    final Map<String, Object> row = new HashMap<>();
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        row.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (final SQLException e) {
            throw new AssertionError(e);
        }
    }
}
