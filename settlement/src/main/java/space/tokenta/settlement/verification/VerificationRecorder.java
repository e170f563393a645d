package space.tokenta.settlement.verification;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import space.tokenta.verify.evidence.EvidenceStore;
import space.tokenta.verify.pipeline.Stage;
import space.tokenta.verify.pipeline.StageResult;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import space.tokenta.verify.evidence.CanonicalJson;

/**
 * Writes verification runs, evidence bodies and attestor signatures to the {@code V3__verification}
 * tables. Every write is idempotent: a run is keyed by (escrow, round) and a retried attempt rewrites
 * its row; evidence by CID; a signature by (evidence CID, attestor).
 */
public final class VerificationRecorder {
    public static final int MAX_DETAIL_CHARS = 500;
    public static final String MEDIA_STATEMENT = "application/vnd.in-toto+json";
    public static final String MEDIA_ENVELOPE = "application/vnd.dsse.envelope.v1+json";

    /** What a run is about, known when it starts. */
    public record RunStart(String escrowId, long chainId, String dealId, String symbol, String assetClass,
                           long sellerAccount, long buyerAccount, int round, int quorum) {
    }

    /** One attestor's signed verdict on an envelope. */
    public record Signature(String attestor, String name, boolean pass, int scoreBps) {
    }

    private final DataSource dataSource;

    public VerificationRecorder(final DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The run of (escrow, round) is RUNNING from now: a new row, or the row of an attempt that did not finish. @return its id */
    public long start(final RunStart run) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO verification_runs (escrow_id, chain_id, deal_id, symbol, asset_class, seller_account, "
                        + "buyer_account, outcome, stages, quorum, round, started_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, 'RUNNING', '[]'::jsonb, ?, ?, ?) "
                        + "ON CONFLICT (escrow_id, round) DO UPDATE SET outcome = 'RUNNING', failed_stage = NULL, "
                        + "stages = '[]'::jsonb, evidence_cid = NULL, statement_cid = NULL, signatures = 0, "
                        + "started_at = EXCLUDED.started_at, finished_at = NULL, symbol = EXCLUDED.symbol, "
                        + "asset_class = EXCLUDED.asset_class RETURNING run_id")) {
            s.setString(1, run.escrowId());
            s.setLong(2, run.chainId());
            s.setString(3, run.dealId());
            s.setString(4, run.symbol());
            s.setString(5, run.assetClass());
            s.setLong(6, run.sellerAccount());
            s.setLong(7, run.buyerAccount());
            s.setInt(8, run.quorum());
            s.setInt(9, run.round());
            s.setTimestamp(10, Timestamp.from(Instant.now()));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (final SQLException e) {
            throw new IllegalStateException("cannot record the start of verification of " + run.escrowId(), e);
        }
    }

    /**
     * An equivocation proof (two different verdicts on one deal signed by one attestor): both signed
     * verdicts as they were answered, hex-encoded. A repeat for the same (escrow, attestor) changes nothing.
     */
    public void equivocation(final String escrowId, final space.tokenta.verify.verdict.EquivocationProof proof) {
        final tools.jackson.databind.node.ObjectNode json = space.tokenta.verify.evidence.CanonicalJson.object();
        json.put("attestor", proof.attestor());
        for (final var e : java.util.Map.of("first", proof.first(), "second", proof.second()).entrySet()) {
            final var v = e.getValue().verdict();
            json.putObject(e.getKey()).put("verdict", v.verdict().name()).put("scoreBps", v.scoreBps())
                    .put("stageMask", v.stageMask()).put("issuedAt", v.issuedAt())
                    .put("evidenceDigest", space.tokenta.verify.evidence.Hex.encode(v.evidenceDigest()))
                    .put("signature", space.tokenta.verify.evidence.Hex.encode(e.getValue().signature()));
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO attestor_equivocations (escrow_id, attestor, proof, detected_at) VALUES (?, ?, ?::jsonb, ?) "
                        + "ON CONFLICT (escrow_id, attestor) DO NOTHING")) {
            s.setString(1, escrowId);
            s.setString(2, proof.attestor());
            s.setString(3, json.toString());
            s.setTimestamp(4, Timestamp.from(Instant.now()));
            s.executeUpdate();
        } catch (final SQLException e) {
            throw new IllegalStateException("cannot record an equivocation on " + escrowId, e);
        }
    }

    /** Stage results so far, while the run has no final outcome yet (challenge window open, no quorum). */
    public void progress(final long runId, final List<StageResult> stages, final String statementCid) {
        update(runId, "RUNNING", stages, null, statementCid, 0, null, false);
    }

    /**
     * The final outcome: per-stage results, the envelope's CID and how many verifiable quorum
     * signatures it carries.
     */
    public void finish(final long runId, final boolean pass, final List<StageResult> stages, final String envelopeCid,
            final String statementCid, final int signatures, final int scoreBps) {
        update(runId, pass ? "PASS" : "FAIL", stages, envelopeCid, statementCid, signatures, scoreBps, true);
    }

    private void update(final long runId, final String outcome, final List<StageResult> stages, final String envelopeCid,
            final String statementCid, final int signatures, final Integer scoreBps, final boolean finished) {
        final String failed = stages.stream().filter(r -> !r.passed()).findFirst().map(r -> shortName(r.stage()))
                .orElse(null);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE verification_runs SET outcome = ?, failed_stage = ?, stages = ?::jsonb, evidence_cid = ?, "
                        + "statement_cid = ?, signatures = ?, verdict_score_bps = ?, finished_at = ? WHERE run_id = ?")) {
            s.setString(1, outcome);
            s.setString(2, "PASS".equals(outcome) ? null : failed);
            s.setString(3, stagesJson(stages));
            s.setString(4, envelopeCid);
            s.setString(5, statementCid);
            s.setInt(6, signatures);
            if (scoreBps == null) {
                s.setNull(7, Types.INTEGER);
            } else {
                s.setInt(7, scoreBps);
            }
            s.setTimestamp(8, finished ? Timestamp.from(Instant.now()) : null);
            s.setLong(9, runId);
            s.executeUpdate();
        } catch (final SQLException e) {
            throw new IllegalStateException("cannot record verification run " + runId, e);
        }
    }

    /** Stores an evidence body by CID (a second put of the same CID changes nothing). */
    public void evidence(final String cid, final String escrowId, final String kind, final String mediaType,
            final byte[] body) {
        if (body.length > EvidenceStore.MAX_OBJECT_BYTES) {
            throw new IllegalArgumentException("evidence " + cid + " larger than " + EvidenceStore.MAX_OBJECT_BYTES + " bytes");
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO evidence (cid, escrow_id, media_type, kind, body, created_at) VALUES (?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (cid) DO NOTHING")) {
            s.setString(1, cid);
            s.setString(2, escrowId);
            s.setString(3, mediaType);
            s.setString(4, kind);
            s.setBytes(5, body);
            s.setTimestamp(6, Timestamp.from(Instant.now()));
            s.executeUpdate();
        } catch (final SQLException e) {
            throw new IllegalStateException("cannot store evidence " + cid, e);
        }
    }

    /** Records attestors' signed verdicts on an envelope (a retry keeps the first record of each). */
    public void signatures(final String evidenceCid, final List<Signature> signatures) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO verification_signatures (evidence_cid, attestor, attestor_name, verdict, score_bps, signed_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (evidence_cid, attestor) DO NOTHING")) {
            final Timestamp now = Timestamp.from(Instant.now());
            for (final Signature sig : signatures) {
                s.setString(1, evidenceCid);
                s.setString(2, sig.attestor());
                s.setString(3, sig.name());
                s.setString(4, sig.pass() ? "PASS" : "FAIL");
                s.setInt(5, sig.scoreBps());
                s.setTimestamp(6, now);
                s.addBatch();
            }
            s.executeBatch();
        } catch (final SQLException e) {
            throw new IllegalStateException("cannot record signatures on " + evidenceCid, e);
        }
    }

    /** "S3" for S3_CONFORMANCE. */
    public static String shortName(final Stage stage) {
        return stage.name().substring(0, stage.name().indexOf('_'));
    }

    /** [{"stage":"S1","name":"LISTING","passed":true,"detail":"...","scoreBps":10000}] */
    static String stagesJson(final List<StageResult> stages) {
        final ArrayNode array = CanonicalJson.MAPPER.createArrayNode();
        for (final StageResult r : stages) {
            final ObjectNode o = array.addObject();
            o.put("stage", shortName(r.stage()));
            o.put("name", r.stage().name().substring(r.stage().name().indexOf('_') + 1));
            o.put("passed", r.passed());
            final String detail = r.reason() == null ? "" : r.reason();
            o.put("detail", detail.length() > MAX_DETAIL_CHARS ? detail.substring(0, MAX_DETAIL_CHARS) : detail);
            o.put("scoreBps", r.scoreBps());
        }
        return array.toString();
    }
}
