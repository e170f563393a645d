package space.tokenta.verify.verdict;

import java.util.Arrays;

/**
 * Two different verdicts on one deal, both signed by one attestor: anyone holding the escrow's
 * domain can check it, and it justifies slashing 100% of that attestor's stake.
 */
public record EquivocationProof(SignedVerdict first, SignedVerdict second)
{
    public String attestor()
    {
        return first.signer();
    }

    public boolean verifies(final VerdictHasher hasher)
    {
        return first.signer().equals(second.signer()) &&
            Arrays.equals(first.verdict().dealId(), second.verdict().dealId()) &&
            !Arrays.equals(hasher.digest(first.verdict()), hasher.digest(second.verdict())) &&
            first.verifies(hasher) && second.verifies(hasher);
    }
}
