package space.tokenta.verify.pipeline;

import java.nio.charset.StandardCharsets;

import space.tokenta.verify.evidence.Secp256k1Key;
import space.tokenta.verify.evidence.Sha256;

/**
 * S5 input: the buyer's signed acceptance, silence until the challenge window closes, or a dispute.
 */
public record Acceptance(Kind kind, byte[] buyerSignature, long deliveredAtSeconds, long windowSeconds)
{
    public enum Kind
    {
        ACCEPTED, SILENT, DISPUTED
    }

    public static byte[] acceptanceDigest(final byte[] dealId)
    {
        return Sha256.hash("tokenta/accept/v1".getBytes(StandardCharsets.US_ASCII), dealId);
    }

    public static Acceptance accepted(final byte[] dealId, final Secp256k1Key buyer)
    {
        return new Acceptance(Kind.ACCEPTED, buyer.signDigest(acceptanceDigest(dealId)), 0, 0);
    }

    public static Acceptance silent(final long deliveredAtSeconds, final long windowSeconds)
    {
        return new Acceptance(Kind.SILENT, new byte[0], deliveredAtSeconds, windowSeconds);
    }

    public static Acceptance disputed()
    {
        return new Acceptance(Kind.DISPUTED, new byte[0], 0, 0);
    }
}
