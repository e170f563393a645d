package space.tokenta.verify.verdict;

import space.tokenta.verify.evidence.EvidenceException;
import space.tokenta.verify.evidence.Secp256k1Key;

/** A verdict with one attestor's EIP-712 signature (65 bytes r‖s‖v, low s). */
public record SignedVerdict(DeliveryVerdict verdict, String signer, byte[] signature)
{
    public SignedVerdict
    {
        signer = signer.toLowerCase(java.util.Locale.ROOT);
        signature = signature.clone();
    }

    public static SignedVerdict sign(final VerdictHasher hasher, final DeliveryVerdict verdict, final Secp256k1Key key)
    {
        return new SignedVerdict(verdict, key.address(), key.signDigest(hasher.digest(verdict)));
    }

    /** True when the signature recovers to the named signer under the given domain. */
    public boolean verifies(final VerdictHasher hasher)
    {
        try
        {
            return Secp256k1Key.recoverAddress(hasher.digest(verdict), signature).equalsIgnoreCase(signer);
        }
        catch (final EvidenceException ex)
        {
            return false;
        }
    }

    @Override
    public byte[] signature()
    {
        return signature.clone();
    }
}
