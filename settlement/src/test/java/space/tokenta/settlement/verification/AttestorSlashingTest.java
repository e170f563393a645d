package space.tokenta.settlement.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.tokenta.settlement.SettlementSchema;
import space.tokenta.store.db.DatabaseConfig;
import space.tokenta.store.db.StoreDatabase;

/**
 * Attestors lose stake with the escrows that settle: all of it for an equivocation proof recorded at
 * S6, {@link ReputationFeed#OVERTURN_SIGMA} of it for a PASS that a dispute panel overturned to a
 * refund; an attestor who signed FAIL keeps its stake. The slashes are part of the event log, so a
 * feed rebuilt from the log neither repeats nor loses them. (Real PostgreSQL, settlement's schema.)
 */
class AttestorSlashingTest {
    @TempDir
    static Path dir;
    static StoreDatabase db;

    @BeforeAll
    static void start() {
        db = StoreDatabase.open(DatabaseConfig.embedded(dir.resolve("pg")));
        SettlementSchema.migrate(db.dataSource());
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void equivocatorsLoseAllStakeOverturnedPassesLoseSigmaAndARebuildChangesNothing() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            // ESC-1: round 0 PASS (a1, a2, a3 PASS; a4 FAIL), the buyer disputed, round 1 FAIL, refunded
            escrow(st, "ESC-1", 1, "REFUNDED", "cid-b");
            run(st, "ESC-1", 0, "PASS", "cid-a");
            run(st, "ESC-1", 1, "FAIL", "cid-b");
            sign(st, "cid-a", "0xa1", "PASS");
            sign(st, "cid-a", "0xa2", "PASS");
            sign(st, "cid-a", "0xa3", "PASS");
            sign(st, "cid-a", "0xa4", "FAIL");
            sign(st, "cid-b", "0xa1", "FAIL");
            sign(st, "cid-b", "0xa2", "FAIL");
            sign(st, "cid-b", "0xa4", "FAIL");
            // ESC-2: released, but a5 signed two different verdicts on it (a proof was recorded at S6)
            escrow(st, "ESC-2", 2, "RELEASED", "cid-c");
            run(st, "ESC-2", 0, "PASS", "cid-c");
            sign(st, "cid-c", "0xa4", "PASS");
            sign(st, "cid-c", "0xa5", "PASS");
            st.execute("INSERT INTO attestor_equivocations (escrow_id, attestor, proof, detected_at) VALUES"
                    + " ('ESC-2', '0xa5', '{\"attestor\":\"0xa5\"}', now())");
            // ESC-3: released without dispute: nobody is slashed for it
            escrow(st, "ESC-3", 3, "RELEASED", "cid-d");
            run(st, "ESC-3", 0, "PASS", "cid-d");
            sign(st, "cid-d", "0xa1", "PASS");
        }
        final ReputationFeed feed = new ReputationFeed(db.dataSource(), null, ReputationFeed.Policy.DEFAULTS);
        feed.rebuild();
        assertEquals(3, feed.applySettled());
        final Map<String, Object[]> after = attestors();
        final double full = space.tokenta.settlement.verification.AttestorQuorumVerifier.ATTESTOR_STAKE;
        for (final String overturned : new String[] {"0xa1", "0xa2", "0xa3"}) {
            assertEquals(full * (1 - ReputationFeed.OVERTURN_SIGMA), (double) after.get(overturned)[0], 1e-9, overturned);
            assertTrue((boolean) after.get(overturned)[1], overturned + " signed the overturned PASS");
        }
        assertEquals(full, (double) after.get("0xa4")[0], 1e-9, "a4 signed FAIL in the overturned round");
        assertFalse((boolean) after.get("0xa4")[1]);
        assertEquals(0.0, (double) after.get("0xa5")[0], 1e-9, "an equivocator loses all of its stake");
        assertTrue((boolean) after.get("0xa5")[1]);
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet r = st.executeQuery("SELECT slashes::text FROM reputation_events WHERE escrow_id = 'ESC-3'")) {
            assertTrue(r.next());
            assertEquals("[]", r.getString(1).replace(" ", ""), "a plain release slashes nobody");
        }

        // a feed folded again from the log finds nothing new; its next write repeats the same standings
        final ReputationFeed again = new ReputationFeed(db.dataSource(), null, ReputationFeed.Policy.DEFAULTS);
        again.rebuild();
        assertEquals(0, again.applySettled());
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            escrow(st, "ESC-4", 4, "RELEASED", "cid-e");
            run(st, "ESC-4", 0, "PASS", "cid-e");
            sign(st, "cid-e", "0xa4", "PASS");
        }
        assertEquals(1, again.applySettled());
        final Map<String, Object[]> rebuilt = attestors();
        for (final String a : new String[] {"0xa1", "0xa2", "0xa3", "0xa5"}) {
            assertEquals((double) after.get(a)[0], (double) rebuilt.get(a)[0], 1e-9, a + " slashed once, not twice");
            assertEquals(after.get(a)[1], rebuilt.get(a)[1], a);
        }
    }

    @Test
    void aSettledEscrowIsReadOnceEvenWhenAnotherWriterLoggedItAndThePollUsesThePendingIndex() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            escrow(st, "ESC-P1", 101, "RELEASED", "cid-p1");
            escrow(st, "ESC-P2", 102, "REFUNDED", "cid-p2");
            // another worker logged ESC-P2 (its flag not seen yet by this feed's poll)
            st.execute("INSERT INTO reputation_events (escrow_id, counted, seller_account, buyer_account, notional, kind,"
                    + " sla_bps, at_sec, buyer_tau, votes, slashes) VALUES ('ESC-P2', true, 2, 1, 5000000, 'FAIL', 0,"
                    + " 1800000000, 1.0, '[]', '[]')");
        }
        final ReputationFeed feed = new ReputationFeed(db.dataSource(), null, ReputationFeed.Policy.DEFAULTS);
        feed.rebuild();
        assertEquals(2, feed.applySettled(), "both settled escrows are read once");
        assertEquals(0, feed.applySettled(), "and never again: ESC-P2 is marked although its event was already there");
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            try (ResultSet r = st.executeQuery("SELECT count(*) FROM reputation_events WHERE escrow_id IN ('ESC-P1', 'ESC-P2')")) {
                assertTrue(r.next());
                assertEquals(2, r.getInt(1), "one event each");
            }
            try (ResultSet r = st.executeQuery("SELECT count(*) FROM settlement_escrows WHERE escrow_id IN ('ESC-P1', 'ESC-P2')"
                    + " AND reputation_applied")) {
                assertTrue(r.next());
                assertEquals(2, r.getInt(1));
            }
        }
        // the poll's lookup can be answered from the partial index alone (not a scan of every settled escrow)
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL enable_seqscan = off");
                final StringBuilder plan = new StringBuilder();
                try (PreparedStatement s = c.prepareStatement("EXPLAIN " + ReputationFeed.SETTLED_NOT_APPLIED)) {
                    s.setInt(1, 64);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            plan.append(r.getString(1)).append('\n');
                        }
                    }
                }
                assertTrue(plan.toString().contains("settlement_escrows_reputation_pending"), plan.toString());
            }
            c.rollback();
        }
    }

    @Test
    void anEquivocationProofIsRecordedOncePerEscrowAndAttestor() throws Exception {
        final space.tokenta.verify.verdict.VerdictHasher hasher = new space.tokenta.verify.verdict.VerdictHasher(
                space.tokenta.verify.verdict.Eip712Domain.escrow(31337, "0x5fbdb2315678afecb367f032d93f642f64180aa3"));
        final space.tokenta.verify.evidence.Secp256k1Key key = space.tokenta.verify.evidence.Secp256k1Key.fromSeed("two-faced");
        final byte[] deal = new byte[32];
        deal[31] = 9;
        final var pass = space.tokenta.verify.verdict.SignedVerdict.sign(hasher, new space.tokenta.verify.verdict.DeliveryVerdict(
                deal, new byte[32], 0x3F, space.tokenta.verify.verdict.VerdictCode.PASS, 10_000, 100, 200), key);
        final var fail = space.tokenta.verify.verdict.SignedVerdict.sign(hasher, new space.tokenta.verify.verdict.DeliveryVerdict(
                deal, new byte[32], 0x07, space.tokenta.verify.verdict.VerdictCode.FAIL, 0, 100, 200), key);
        final var proof = new space.tokenta.verify.verdict.EquivocationProof(pass, fail);
        assertTrue(proof.verifies(hasher));
        final VerificationRecorder recorder = new VerificationRecorder(db.dataSource());
        recorder.equivocation("ESC-90", proof);
        recorder.equivocation("ESC-90", proof);
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet r = st.executeQuery("SELECT attestor, proof->'first'->>'verdict', proof->'second'->>'verdict'"
                        + " FROM attestor_equivocations WHERE escrow_id = 'ESC-90'")) {
            assertTrue(r.next());
            assertEquals(key.address(), r.getString(1));
            assertEquals("PASS", r.getString(2));
            assertEquals("FAIL", r.getString(3));
            assertFalse(r.next(), "one proof per escrow and attestor");
        }
    }

    private static void escrow(final Statement st, final String escrowId, final long n, final String phase,
            final String evidenceCid) throws Exception {
        // opened on chain (a deals row), so the outcome counts for the seller and the attestors
        st.execute("INSERT INTO settlement_escrows (escrow_id, settlement_id_hi, settlement_id_lo, trade_id, instrument_id,"
                + " asset_id, buyer_account_id, seller_account_id, amount, trade_ns, phase, evidence_cid, settled_at_ms,"
                + " chain_id, deal_id) VALUES ('" + escrowId + "', 7, " + n + ", " + n + ", 1, 1, 1, 2, 5000000, " + n
                + ", '" + phase + "', '" + evidenceCid + "', " + (1_800_000_000_000L + n * 1_000) + ", 31337, '0xd" + n
                + "')");
        st.execute("INSERT INTO deals (chain_id, deal_id, buyer, seller, token, amount, state, opened_block, updated_block)"
                + " VALUES (31337, '0xd" + n + "', '0xb', '0xs', '0xt', 5000000, '" + phase + "', 1, 2)");
    }

    private static void run(final Statement st, final String escrowId, final int round, final String outcome,
            final String evidenceCid) throws Exception {
        st.execute("INSERT INTO verification_runs (escrow_id, chain_id, asset_class, outcome, stages, quorum, round,"
                + " evidence_cid, started_at, finished_at) VALUES ('" + escrowId + "', 31337, 'MODEL_ACCESS', '" + outcome
                + "', '[]', 3, " + round + ", '" + evidenceCid + "', now(), now())");
    }

    private static void sign(final Statement st, final String evidenceCid, final String attestor, final String verdict)
            throws Exception {
        st.execute("INSERT INTO verification_signatures (evidence_cid, attestor, attestor_name, verdict, score_bps,"
                + " signed_at) VALUES ('" + evidenceCid + "', '" + attestor + "', 'N-" + attestor + "', '" + verdict
                + "', 10000, now())");
    }

    /** attestor → {stake, slashed}. */
    private static Map<String, Object[]> attestors() throws Exception {
        final Map<String, Object[]> out = new HashMap<>();
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT attestor, stake, slashed FROM reputation_attestors");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.put(r.getString(1), new Object[] {r.getBigDecimal(2).doubleValue(), r.getBoolean(3)});
            }
        }
        return out;
    }
}
