package space.tokenta.verify.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import space.tokenta.verify.api.MeteringProxy;
import space.tokenta.verify.attest.QuorumEnvelope;
import space.tokenta.verify.evidence.CanonicalJson;
import space.tokenta.verify.evidence.Cid;
import space.tokenta.verify.evidence.Dsse;
import space.tokenta.verify.evidence.EvidenceException;
import space.tokenta.verify.evidence.EvidenceStore;
import space.tokenta.verify.evidence.Hex;
import space.tokenta.verify.evidence.InTotoStatement;
import space.tokenta.verify.evidence.Secp256k1Key;
import space.tokenta.verify.gpu.HeartbeatChain;
import space.tokenta.verify.pipeline.Listing;
import space.tokenta.verify.pipeline.Stage;
import tools.jackson.databind.JsonNode;

/**
 * Offline re-verification of any stored evidence object by anyone: the bytes' CID, and by kind —
 * quorum document (DSSE and EIP-712 signatures, digest binding, quorum size), DSSE envelope,
 * delivery statement (canonical form, stage mask and verdict, listing signature, referenced
 * records by CID with their Merkle roots and heartbeat chains), listing (seller signature).
 */
public final class EvidenceAudit
{
    /** What was checked: valid or not, the object kind and CID, and one line per finding. */
    public record Report(boolean valid, String kind, Cid cid, List<String> findings)
    {
    }

    private final Optional<EvidenceStore> store;
    private final int quorum;

    public EvidenceAudit(final Optional<EvidenceStore> store, final int quorum)
    {
        this.store = store;
        this.quorum = quorum;
    }

    public Report audit(final Cid cid)
    {
        final EvidenceStore s = store.orElseThrow(() -> new EvidenceException("no evidence store to look up " + cid));
        return audit(s.get(cid));
    }

    public Report audit(final byte[] bytes)
    {
        final Cid cid = Cid.of(bytes);
        final List<String> findings = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        String kind = "raw";
        try
        {
            final JsonNode node = CanonicalJson.parse(bytes);
            if (QuorumEnvelope.TYPE.equals(node.path("_type").asString("")))
            {
                kind = "quorum";
                final QuorumEnvelope.Check check = QuorumEnvelope.verify(node, quorum);
                problems.addAll(check.problems());
                if (!Arrays.equals(bytes, QuorumEnvelope.reencode(node)))
                {
                    problems.add("not the unique canonical encoding of its content");
                }
                findings.add("verdict " + check.verdict().verdict() + " stageMask 0x" + Integer.toHexString(check.verdict().stageMask()) +
                    " scoreBps " + check.verdict().scoreBps() + " deal " + check.verdict().dealIdHex());
                findings.add("verdict signed by " + check.verdictSigners().size() + ": " + check.verdictSigners());
                findings.add("evidence " + Cid.ofDigest(check.verdict().evidenceDigest()));
                statement(Dsse.fromJson(node.path("envelope")).payload(), findings, problems);
            }
            else if (node.has("payloadType") && node.has("signatures"))
            {
                kind = "dsse";
                final Dsse.Envelope envelope = Dsse.fromJson(node);
                if (!Arrays.equals(bytes, envelope.toCanonicalBytes()))
                {
                    problems.add("not the unique canonical encoding of its content");
                }
                final List<String> signers = envelope.verifiedSigners();
                findings.add("DSSE signers: " + signers);
                if (signers.size() != envelope.signatures().size())
                {
                    problems.add("a DSSE signature does not verify");
                }
                if (Dsse.IN_TOTO_PAYLOAD_TYPE.equals(envelope.payloadType()))
                {
                    statement(envelope.payload(), findings, problems);
                }
            }
            else if (InTotoStatement.TYPE.equals(node.path("_type").asString("")))
            {
                kind = "statement";
                statement(bytes, findings, problems);
            }
            else if (node.has("manifest") && node.has("signature"))
            {
                kind = "listing";
                listing(Listing.parse(bytes), findings, problems);
            }
            else if (node.has("_type") || node.has("envelope") || node.has("verdictSignatures"))
            {
                kind = "unrecognised";
                problems.add("unknown evidence type " + node.path("_type"));
            }
            else
            {
                kind = "record";
                findings.add("JSON record; content hash verified");
            }
        }
        catch (final EvidenceException | IllegalArgumentException ex)
        {
            if (!"raw".equals(kind) || bytes.length == 0 || bytes[0] == '{' || bytes[0] == '[')
            {
                problems.add(ex.getMessage());
            }
            else
            {
                findings.add("binary content; hash verified");
            }
        }
        final List<String> all = new ArrayList<>(findings);
        problems.forEach(p -> all.add("PROBLEM: " + p));
        return new Report(problems.isEmpty(), kind, cid, all);
    }

    private void statement(final byte[] bytes, final List<String> findings, final List<String> problems)
    {
        final InTotoStatement statement = InTotoStatement.parse(bytes);
        findings.add("statement " + Cid.of(bytes) + " (" + statement.predicateType() + ")");
        if (!InTotoStatement.DELIVERY_EVIDENCE.equals(statement.predicateType()))
        {
            return;
        }
        final JsonNode p = statement.predicate();
        int mask = 0;
        int passed = 0;
        for (final JsonNode stage : p.path("stages"))
        {
            final boolean ok = stage.path("passed").asBoolean(false);
            findings.add("  " + stage.path("stage").asString() + " " + (ok ? "PASS" : "FAIL") + " " +
                stage.path("scoreBps").asInt() + " bps: " + stage.path("reason").asString());
            if (ok)
            {
                mask |= Stage.valueOf(stage.path("stage").asString()).bit();
                passed++;
            }
        }
        final boolean pass = passed == 5 && p.path("stages").size() == 5;
        final String verdict = pass ? "PASS" : "FAIL";
        mask = Stage.verdictMask(mask, pass);
        if (mask != p.path("stageMask").asInt(-1) || !verdict.equals(p.path("verdict").asString("")))
        {
            problems.add("stage mask or verdict does not follow from the stages");
        }
        if (store.isEmpty())
        {
            findings.add("no store given: referenced records not checked");
            return;
        }
        final Listing listing = Listing.parse(store.get().get(Cid.parse(p.path("listingCid").asString(""))));
        listing(listing, findings, problems);
        if (!Arrays.equals(listing.manifestDigest(), statement.subjectSha256()))
        {
            problems.add("statement subject is not the listing's manifest digest");
        }
        for (final JsonNode stage : p.path("stages"))
        {
            records(stage.path("evidence"), listing, problems, findings);
        }
    }

    private void records(final JsonNode evidence, final Listing listing, final List<String> problems, final List<String> findings)
    {
        if (evidence.has("transcriptCid"))
        {
            final JsonNode transcript = CanonicalJson.parse(store.get().get(Cid.parse(evidence.path("transcriptCid").asString())));
            final String root = Hex.encode(MeteringProxy.merkleRoot(transcript));
            findings.add("  transcript of " + transcript.size() + " requests, Merkle root " + root);
            if (!root.equals(evidence.path("merkleRoot").asString("")))
            {
                problems.add("transcript Merkle root differs from the statement");
            }
        }
        if (evidence.has("heartbeatsCid"))
        {
            final var heartbeats = HeartbeatChain.fromJson(CanonicalJson.parse(store.get().get(Cid.parse(evidence.path("heartbeatsCid").asString()))));
            final HeartbeatChain.Totals totals = HeartbeatChain.verify(heartbeats, listing.spec().path("workerKey").asString(""),
                listing.spec().path("heartbeatIntervalMs").asLong());
            findings.add("  heartbeat chain of " + totals.count() + " verified, " + totals.gpuMillis() + " GPU ms");
            if (!Hex.encode(totals.headHash()).equals(evidence.path("headHash").asString("")))
            {
                problems.add("heartbeat chain head differs from the statement");
            }
        }
        for (final String field : new String[] {"receiptsCid", "receiptCid"})
        {
            if (evidence.has(field))
            {
                store.get().get(Cid.parse(evidence.path(field).asString()));
                findings.add("  " + field + " present and hash-verified");
            }
        }
    }

    private static void listing(final Listing listing, final List<String> findings, final List<String> problems)
    {
        findings.add("listing " + listing.listingId() + " (" + listing.assetClass() + ") by " + listing.seller());
        if (!Secp256k1Key.verify(listing.manifestDigest(), listing.signature(), listing.seller()))
        {
            problems.add("listing not signed by its seller");
        }
    }
}
