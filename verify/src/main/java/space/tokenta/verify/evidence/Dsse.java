package space.tokenta.verify.evidence;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * DSSE envelopes (Dead Simple Signing Envelope v1). Each signature is secp256k1 over
 * sha256(PAE(payloadType, payload)), 65 bytes r‖s‖v, keyid = the signer's Ethereum address.
 */
public final class Dsse
{
    public static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";
    public static final int MAX_SIGNATURES = 64;

    private Dsse()
    {
    }

    /** One signature of an envelope. */
    public record Signature(String keyId, byte[] sig)
    {
    }

    /** An envelope: the payload bytes, their type, and the signatures over their PAE. */
    public record Envelope(String payloadType, byte[] payload, List<Signature> signatures)
    {
        public Envelope
        {
            signatures = List.copyOf(signatures);
            if (signatures.size() > MAX_SIGNATURES)
            {
                throw new EvidenceException("more than " + MAX_SIGNATURES + " signatures");
            }
        }

        public Envelope withSignature(final Secp256k1Key key)
        {
            final List<Signature> more = new ArrayList<>(signatures);
            more.add(new Signature(key.address(), key.signDigest(Sha256.hash(pae(payloadType, payload)))));
            return new Envelope(payloadType, payload, more);
        }

        /** Addresses whose signature verifies against its keyid; a bad signature is simply not counted. */
        public List<String> verifiedSigners()
        {
            final byte[] digest = Sha256.hash(pae(payloadType, payload));
            final List<String> out = new ArrayList<>();
            for (final Signature signature : signatures)
            {
                if (Secp256k1Key.verify(digest, signature.sig(), signature.keyId()) &&
                    !out.contains(signature.keyId().toLowerCase(java.util.Locale.ROOT)))
                {
                    out.add(signature.keyId().toLowerCase(java.util.Locale.ROOT));
                }
            }
            return out;
        }

        public ObjectNode toJson()
        {
            final ObjectNode node = CanonicalJson.object();
            node.put("payloadType", payloadType);
            node.put("payload", Base64.getEncoder().encodeToString(payload));
            final ArrayNode sigs = node.putArray("signatures");
            for (final Signature signature : signatures)
            {
                sigs.addObject()
                    .put("keyid", signature.keyId())
                    .put("sig", Base64.getEncoder().encodeToString(signature.sig()));
            }
            return node;
        }

        public byte[] toCanonicalBytes()
        {
            return CanonicalJson.canonicalize(toJson());
        }
    }

    public static Envelope unsigned(final String payloadType, final byte[] payload)
    {
        return new Envelope(payloadType, payload, List.of());
    }

    public static Envelope fromJson(final JsonNode node)
    {
        try
        {
            final String payloadType = node.required("payloadType").stringValue();
            final byte[] payload = Base64.getDecoder().decode(node.required("payload").stringValue());
            final List<Signature> signatures = new ArrayList<>();
            for (final JsonNode sig : node.required("signatures"))
            {
                signatures.add(new Signature(
                    sig.path("keyid").asString(""), Base64.getDecoder().decode(sig.required("sig").stringValue())));
            }
            return new Envelope(payloadType, payload, signatures);
        }
        catch (final RuntimeException ex)
        {
            throw new EvidenceException("malformed DSSE envelope: " + ex.getMessage(), ex);
        }
    }

    /** Pre-Authentication Encoding: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body. */
    public static byte[] pae(final String payloadType, final byte[] payload)
    {
        final byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        final byte[] head = ("DSSEv1 " + type.length + " " + payloadType + " " + payload.length + " ")
            .getBytes(StandardCharsets.UTF_8);
        final byte[] out = new byte[head.length + payload.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(payload, 0, out, head.length, payload.length);
        return out;
    }
}
