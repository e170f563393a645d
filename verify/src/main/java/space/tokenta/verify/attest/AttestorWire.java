package space.tokenta.verify.attest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import space.tokenta.verify.evidence.CanonicalJson;
import space.tokenta.verify.evidence.Cid;
import space.tokenta.verify.evidence.Dsse;
import space.tokenta.verify.evidence.Hex;
import space.tokenta.verify.pipeline.Delivery;
import space.tokenta.verify.pipeline.Listing;
import space.tokenta.verify.verdict.DeliveryVerdict;
import space.tokenta.verify.verdict.SignedVerdict;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON an attestor process speaks: a request carries the delivery (deal id, buyer, the signed
 * listing, access URI and key), the evidence CID and the proposed verdict; the answer is the
 * attestation (signed verdict and DSSE statement signature, or an abstention with its reason). The
 * attestor trusts nothing in a request: it re-reads the evidence by CID and re-checks it.
 */
public final class AttestorWire
{
    public static final String PATH = "/attest";
    public static final int MAX_REASON_CHARS = 500;

    /** A decoded request. */
    public record Request(Delivery delivery, Cid evidenceCid, DeliveryVerdict proposal)
    {
    }

    private AttestorWire()
    {
    }

    public static ObjectNode request(final Delivery delivery, final Cid evidenceCid, final DeliveryVerdict proposal)
    {
        final ObjectNode n = CanonicalJson.object();
        n.put("dealId", Hex.prefixed(delivery.dealId()));
        n.put("buyer", delivery.buyer());
        n.put("listing", new String(delivery.listing().toCanonicalBytes(), StandardCharsets.UTF_8));
        n.put("accessUri", delivery.accessUri().toString());
        n.put("accessKey", delivery.accessKey());
        n.put("evidenceCid", evidenceCid.toString());
        n.set("proposal", QuorumEnvelope.verdictJson(proposal));
        return n;
    }

    public static Request request(final JsonNode n)
    {
        final Delivery delivery = new Delivery(Hex.decode(n.path("dealId").asString(""), 32), n.path("buyer").asString(""),
            Listing.parse(n.path("listing").asString("").getBytes(StandardCharsets.UTF_8)),
            URI.create(n.path("accessUri").asString("")), n.path("accessKey").asString(""));
        return new Request(delivery, Cid.parse(n.path("evidenceCid").asString("")),
            QuorumEnvelope.verdictFromJson(n.path("proposal")));
    }

    public static ObjectNode attestation(final Attestation a)
    {
        final ObjectNode n = CanonicalJson.object();
        n.put("attestor", a.attestor());
        n.put("reason", a.reason().length() > MAX_REASON_CHARS ? a.reason().substring(0, MAX_REASON_CHARS) : a.reason());
        a.verdict().ifPresent(v -> n.putObject("signed").put("signer", v.signer()).put("signature", Hex.prefixed(v.signature()))
            .set("verdict", QuorumEnvelope.verdictJson(v.verdict())));
        a.statementSignature().ifPresent(s -> n.putObject("statementSignature").put("keyId", s.keyId())
            .put("sig", Hex.prefixed(s.sig())));
        return n;
    }

    public static Attestation attestation(final JsonNode n)
    {
        final JsonNode signed = n.path("signed");
        final Optional<SignedVerdict> verdict = signed.isObject()
            ? Optional.of(new SignedVerdict(QuorumEnvelope.verdictFromJson(signed.path("verdict")), signed.path("signer").asString(""),
                Hex.decode(signed.path("signature").asString(""), 65)))
            : Optional.empty();
        final JsonNode sig = n.path("statementSignature");
        final Optional<Dsse.Signature> statement = sig.isObject()
            ? Optional.of(new Dsse.Signature(sig.path("keyId").asString(""), Hex.decode(sig.path("sig").asString(""))))
            : Optional.empty();
        return new Attestation(n.path("attestor").asString(""), verdict, statement, n.path("reason").asString(""));
    }
}
