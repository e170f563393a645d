package space.tokenta.chain.escrow;

import java.util.Arrays;
import java.util.Objects;

/**
 * The attestors' signed statement about one deal's delivery: the flat EIP-712 struct
 * {@code DeliveryVerdict(bytes32 dealId,bytes32 evidenceDigest,uint8 stageMask,uint8 verdict,
 * uint16 scoreBps,uint64 issuedAt,uint64 expiresAt)} exactly as {@code TokentaEscrow} hashes it.
 *
 * @param dealId         32-byte deal id
 * @param evidenceDigest 32-byte sha256 of the evidence (the evidence CID's digest)
 * @param stageMask      bits 0..5 = verification stages S1..S6 covered
 * @param verdict        {@link #PASS} or {@link #FAIL}
 * @param scoreBps       score in basis points, 0..10000
 * @param issuedAtSec    unix seconds from which the verdict counts
 * @param expiresAtSec   unix seconds after which it no longer counts
 */
public record DeliveryVerdict(
        byte[] dealId,
        byte[] evidenceDigest,
        int stageMask,
        int verdict,
        int scoreBps,
        long issuedAtSec,
        long expiresAtSec) {

    public static final int PASS = 1;
    public static final int FAIL = 2;
    public static final int ALL_STAGES = 0x3F;
    public static final int MAX_SCORE_BPS = 10_000;

    public DeliveryVerdict {
        requireWord(dealId, "dealId");
        requireWord(evidenceDigest, "evidenceDigest");
        if (stageMask < 0 || stageMask > 0xFF) {
            throw new IllegalArgumentException("stageMask must fit uint8: " + stageMask);
        }
        if (verdict < 0 || verdict > 0xFF) {
            throw new IllegalArgumentException("verdict must fit uint8: " + verdict);
        }
        if (scoreBps < 0 || scoreBps > 0xFFFF) {
            throw new IllegalArgumentException("scoreBps must fit uint16: " + scoreBps);
        }
        if (issuedAtSec < 0 || expiresAtSec < 0) {
            throw new IllegalArgumentException("times must be non-negative uint64 seconds");
        }
        dealId = dealId.clone();
        evidenceDigest = evidenceDigest.clone();
    }

    static void requireWord(byte[] value, String name) {
        Objects.requireNonNull(value, name);
        if (value.length != 32) {
            throw new IllegalArgumentException(name + " must be 32 bytes, was " + value.length);
        }
    }

    @Override
    public byte[] dealId() {
        return dealId.clone();
    }

    @Override
    public byte[] evidenceDigest() {
        return evidenceDigest.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeliveryVerdict v
                && Arrays.equals(dealId, v.dealId)
                && Arrays.equals(evidenceDigest, v.evidenceDigest)
                && stageMask == v.stageMask
                && verdict == v.verdict
                && scoreBps == v.scoreBps
                && issuedAtSec == v.issuedAtSec
                && expiresAtSec == v.expiresAtSec;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(dealId), Arrays.hashCode(evidenceDigest), stageMask, verdict, scoreBps,
                issuedAtSec, expiresAtSec);
    }

    @Override
    public String toString() {
        return "DeliveryVerdict[dealId=" + EvmHex.of(dealId) + ", evidenceDigest=" + EvmHex.of(evidenceDigest)
                + ", stageMask=" + stageMask + ", verdict=" + verdict + ", scoreBps=" + scoreBps
                + ", issuedAtSec=" + issuedAtSec + ", expiresAtSec=" + expiresAtSec + "]";
    }
}
