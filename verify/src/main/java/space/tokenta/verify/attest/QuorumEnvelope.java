package space.tokenta.verify.attest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import space.tokenta.verify.evidence.CanonicalJson;
import space.tokenta.verify.evidence.Dsse;
import space.tokenta.verify.evidence.EvidenceException;
import space.tokenta.verify.evidence.Hex;
import space.tokenta.verify.evidence.Sha256;
import space.tokenta.verify.verdict.DeliveryVerdict;
import space.tokenta.verify.verdict.Eip712Domain;
import space.tokenta.verify.verdict.QuorumCollector;
import space.tokenta.verify.verdict.SignedVerdict;
import space.tokenta.verify.verdict.VerdictCode;
import space.tokenta.verify.verdict.VerdictHasher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * S6 evidence: the DSSE envelope over the statement with the quorum's signatures, the EIP-712 domain,
 * the verdict and each attestor's verdict signature (sorted by signer, as the escrow takes them).
 * Anyone can re-verify it offline with {@link #verify}.
 */
public final class QuorumEnvelope
{
    public static final String TYPE = "https://tokenta.space/quorum/v1";

    /** Result of re-verifying a quorum document. */
    public record Check(boolean valid, DeliveryVerdict verdict, List<String> verdictSigners, List<String> statementSigners, List<String> problems)
    {
    }

    private QuorumEnvelope()
    {
    }

    public static ObjectNode verdictJson(final DeliveryVerdict v)
    {
        return CanonicalJson.object().put("dealId", Hex.prefixed(v.dealId())).put("evidenceDigest", Hex.prefixed(v.evidenceDigest()))
            .put("stageMask", v.stageMask()).put("verdict", v.verdict().code()).put("scoreBps", v.scoreBps())
            .put("issuedAt", v.issuedAt()).put("expiresAt", v.expiresAt());
    }

    public static DeliveryVerdict verdictFromJson(final JsonNode n)
    {
        return new DeliveryVerdict(Hex.decode(n.path("dealId").asString(""), 32), Hex.decode(n.path("evidenceDigest").asString(""), 32),
            n.path("stageMask").asInt(), VerdictCode.of(n.path("verdict").asInt()), n.path("scoreBps").asInt(),
            n.path("issuedAt").asLong(), n.path("expiresAt").asLong());
    }

    public static byte[] toCanonicalBytes(final Dsse.Envelope envelope, final QuorumCollector.Quorum quorum, final Eip712Domain domain)
    {
        final ObjectNode node = CanonicalJson.object().put("_type", TYPE);
        node.set("envelope", envelope.toJson());
        node.putObject("domain").put("name", domain.name()).put("version", domain.version())
            .put("chainId", domain.chainId()).put("verifyingContract", domain.verifyingContract());
        node.set("verdict", verdictJson(quorum.verdict()));
        final ArrayNode sigs = node.putArray("verdictSignatures");
        for (final SignedVerdict signed : quorum.signatures())
        {
            sigs.addObject().put("signer", signed.signer()).put("signature", Hex.prefixed(signed.signature()));
        }
        return CanonicalJson.canonicalize(node);
    }

    /** The canonical bytes of a parsed quorum document: equal to its input only for the one valid encoding. */
    public static byte[] reencode(final JsonNode node)
    {
        final ObjectNode copy = CanonicalJson.object().put("_type", TYPE);
        copy.set("envelope", Dsse.fromJson(node.path("envelope")).toJson());
        final JsonNode d = node.path("domain");
        final Eip712Domain domain = new Eip712Domain(d.path("name").asString(""), d.path("version").asString(""),
            d.path("chainId").asLong(), d.path("verifyingContract").asString(""));
        copy.putObject("domain").put("name", domain.name()).put("version", domain.version())
            .put("chainId", domain.chainId()).put("verifyingContract", domain.verifyingContract());
        copy.set("verdict", verdictJson(verdictFromJson(node.path("verdict"))));
        final ArrayNode sigs = copy.putArray("verdictSignatures");
        for (final JsonNode sig : node.path("verdictSignatures"))
        {
            sigs.addObject().put("signer", sig.path("signer").asString("").toLowerCase(java.util.Locale.ROOT))
                .put("signature", Hex.prefixed(Hex.decode(sig.path("signature").asString(""), 65)));
        }
        return CanonicalJson.canonicalize(copy);
    }

    public static Check verify(final JsonNode node, final int quorum)
    {
        final List<String> problems = new ArrayList<>();
        if (!TYPE.equals(node.path("_type").asString("")))
        {
            throw new EvidenceException("not a quorum document");
        }
        final Dsse.Envelope envelope = Dsse.fromJson(node.path("envelope"));
        final JsonNode d = node.path("domain");
        final Eip712Domain domain = new Eip712Domain(d.path("name").asString(""), d.path("version").asString(""),
            d.path("chainId").asLong(), d.path("verifyingContract").asString(""));
        final VerdictHasher hasher = new VerdictHasher(domain);
        final DeliveryVerdict verdict = verdictFromJson(node.path("verdict"));
        if (!Arrays.equals(verdict.evidenceDigest(), Sha256.hash(envelope.payload())))
        {
            problems.add("verdict evidenceDigest is not the sha256 of the signed statement");
        }
        final Set<String> signers = new LinkedHashSet<>();
        String previous = "";
        for (final JsonNode sig : node.path("verdictSignatures"))
        {
            final SignedVerdict signed = new SignedVerdict(verdict, sig.path("signer").asString(""), Hex.decode(sig.path("signature").asString(""), 65));
            if (!signed.verifies(hasher))
            {
                problems.add("verdict signature of " + signed.signer() + " does not verify");
            }
            else if (signed.signer().compareTo(previous) <= 0)
            {
                problems.add("verdict signatures not sorted by distinct signer");
            }
            else
            {
                signers.add(signed.signer());
            }
            previous = signed.signer();
        }
        if (signers.size() < quorum)
        {
            problems.add("only " + signers.size() + " valid verdict signatures, quorum " + quorum);
        }
        final List<String> statementSigners = envelope.verifiedSigners();
        if (statementSigners.size() != envelope.signatures().size())
        {
            problems.add("a DSSE signature over the statement does not verify");
        }
        if (!new LinkedHashSet<>(statementSigners).containsAll(signers))
        {
            problems.add("a verdict signer did not sign the statement");
        }
        return new Check(problems.isEmpty(), verdict, List.copyOf(signers), statementSigners, problems);
    }
}
