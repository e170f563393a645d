package space.tokenta.verify.verdict;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import space.tokenta.verify.evidence.Hex;

/** Remembers the first signed verdict per (attestor, deal) and reports a conflicting second one. */
public final class EquivocationDetector
{
    private final VerdictHasher hasher;
    private final int maxEntries;
    private final Map<String, SignedVerdict> firstByAttestorDeal = new HashMap<>();

    public EquivocationDetector(final VerdictHasher hasher, final int maxEntries)
    {
        if (maxEntries <= 0)
        {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.hasher = hasher;
        this.maxEntries = maxEntries;
    }

    /** Returns a proof when this signed verdict conflicts with one seen before; ignores bad signatures. */
    public Optional<EquivocationProof> observe(final SignedVerdict signed)
    {
        if (!signed.verifies(hasher))
        {
            return Optional.empty();
        }
        final String key = signed.signer() + "/" + Hex.encode(signed.verdict().dealId());
        final SignedVerdict first = firstByAttestorDeal.get(key);
        if (first == null)
        {
            if (firstByAttestorDeal.size() >= maxEntries)
            {
                throw new IllegalStateException("equivocation window full: " + maxEntries);
            }
            firstByAttestorDeal.put(key, signed);
            return Optional.empty();
        }
        final EquivocationProof proof = new EquivocationProof(first, signed);
        return proof.verifies(hasher) ? Optional.of(proof) : Optional.empty();
    }

    /** Forget a settled deal's entries (bounded memory). */
    public void forgetDeal(final byte[] dealId)
    {
        final String suffix = "/" + Hex.encode(dealId);
        firstByAttestorDeal.keySet().removeIf(key -> key.endsWith(suffix));
    }
}
