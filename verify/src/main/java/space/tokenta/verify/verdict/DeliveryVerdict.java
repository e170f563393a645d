package space.tokenta.verify.verdict;

import space.tokenta.verify.evidence.Hex;

/**
 * {@code DeliveryVerdict(bytes32 dealId, bytes32 evidenceDigest, uint8 stageMask, uint8 verdict,
 * uint16 scoreBps, uint64 issuedAt, uint64 expiresAt)}: flat, as the escrow contract hashes it.
 * Times are unix seconds; stageMask bit i set means stage S(i+1) passed.
 */
public record DeliveryVerdict(
    byte[] dealId, byte[] evidenceDigest, int stageMask, VerdictCode verdict, int scoreBps, long issuedAt, long expiresAt)
{
    public static final int MAX_SCORE_BPS = 10_000;

    public DeliveryVerdict
    {
        if (dealId.length != 32 || evidenceDigest.length != 32)
        {
            throw new IllegalArgumentException("dealId and evidenceDigest are bytes32");
        }
        if (stageMask < 0 || stageMask > 0x3F)
        {
            throw new IllegalArgumentException("stageMask covers six stages: " + stageMask);
        }
        if (scoreBps < 0 || scoreBps > MAX_SCORE_BPS)
        {
            throw new IllegalArgumentException("scoreBps in [0, 10000]: " + scoreBps);
        }
        if (issuedAt < 0 || expiresAt <= issuedAt)
        {
            throw new IllegalArgumentException("need 0 <= issuedAt < expiresAt");
        }
        dealId = dealId.clone();
        evidenceDigest = evidenceDigest.clone();
    }

    @Override
    public byte[] dealId()
    {
        return dealId.clone();
    }

    @Override
    public byte[] evidenceDigest()
    {
        return evidenceDigest.clone();
    }

    public String dealIdHex()
    {
        return Hex.prefixed(dealId);
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof DeliveryVerdict v && java.util.Arrays.equals(dealId, v.dealId) &&
            java.util.Arrays.equals(evidenceDigest, v.evidenceDigest) && stageMask == v.stageMask &&
            verdict == v.verdict && scoreBps == v.scoreBps && issuedAt == v.issuedAt && expiresAt == v.expiresAt;
    }

    @Override
    public int hashCode()
    {
        return java.util.Arrays.hashCode(dealId) * 31 + java.util.Arrays.hashCode(evidenceDigest) + stageMask;
    }

    @Override
    public String toString()
    {
        return "DeliveryVerdict[deal=" + dealIdHex() + ", evidence=" + Hex.prefixed(evidenceDigest) +
            ", stageMask=" + stageMask + ", verdict=" + verdict + ", scoreBps=" + scoreBps +
            ", issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + "]";
    }
}
