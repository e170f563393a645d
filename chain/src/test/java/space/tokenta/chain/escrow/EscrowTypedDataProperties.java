package space.tokenta.chain.escrow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Arrays;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.StructuredDataEncoder;

/**
 * The hand-written EIP-712 hashing agrees with web3j's general StructuredDataEncoder (an
 * independent implementation) on random verdicts and deal terms, and every field changes the digest.
 */
class EscrowTypedDataProperties {
    private static final String ESCROW = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

    @Property(tries = 200)
    void verdictDigestMatchesStructuredDataEncoder(
            @ForAll @Size(32) byte[] dealId,
            @ForAll @Size(32) byte[] evidence,
            @ForAll @IntRange(min = 0, max = 255) int stageMask,
            @ForAll @IntRange(min = 0, max = 255) int verdict,
            @ForAll @IntRange(min = 0, max = 65_535) int scoreBps,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long issuedAt,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long expiresAt,
            @ForAll @LongRange(min = 1, max = 1L << 53) long chainId) throws Exception {
        DeliveryVerdict v = new DeliveryVerdict(dealId, evidence, stageMask, verdict, scoreBps, issuedAt, expiresAt);
        String json = """
                {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
                {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
                "DeliveryVerdict":[{"name":"dealId","type":"bytes32"},{"name":"evidenceDigest","type":"bytes32"},
                {"name":"stageMask","type":"uint8"},{"name":"verdict","type":"uint8"},{"name":"scoreBps","type":"uint16"},
                {"name":"issuedAt","type":"uint64"},{"name":"expiresAt","type":"uint64"}]},
                "primaryType":"DeliveryVerdict",
                "domain":{"name":"TokentaEscrow","version":"1","chainId":%d,"verifyingContract":"%s"},
                "message":{"dealId":"%s","evidenceDigest":"%s","stageMask":%d,"verdict":%d,"scoreBps":%d,
                "issuedAt":%d,"expiresAt":%d}}
                """.formatted(chainId, ESCROW, EvmHex.of(dealId), EvmHex.of(evidence), stageMask, verdict, scoreBps,
                issuedAt, expiresAt);
        byte[] expected = new StructuredDataEncoder(json).hashStructuredData();
        assertArrayEquals(expected, new EscrowTypedData(chainId, ESCROW).verdictDigest(v));
    }

    @Property(tries = 200)
    void dealDigestMatchesStructuredDataEncoder(
            @ForAll @Size(32) byte[] dealId,
            @ForAll("addresses") String buyer,
            @ForAll("addresses") String seller,
            @ForAll("addresses") String token,
            @ForAll("amounts") BigInteger amount,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long releaseAfter,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long expiresAt,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long authDeadline) throws Exception {
        DealTerms t = new DealTerms(dealId, buyer, seller, token, amount, releaseAfter, expiresAt, authDeadline);
        String json = """
                {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
                {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
                "DealAuthorization":[{"name":"dealId","type":"bytes32"},{"name":"buyer","type":"address"},
                {"name":"seller","type":"address"},{"name":"token","type":"address"},{"name":"amount","type":"uint256"},
                {"name":"releaseAfter","type":"uint64"},{"name":"expiresAt","type":"uint64"},
                {"name":"authDeadline","type":"uint64"}]},
                "primaryType":"DealAuthorization",
                "domain":{"name":"TokentaEscrow","version":"1","chainId":31337,"verifyingContract":"%s"},
                "message":{"dealId":"%s","buyer":"%s","seller":"%s","token":"%s","amount":"%s",
                "releaseAfter":%d,"expiresAt":%d,"authDeadline":%d}}
                """.formatted(ESCROW, EvmHex.of(dealId), buyer, seller, token, amount, releaseAfter, expiresAt,
                authDeadline);
        byte[] expected = new StructuredDataEncoder(json).hashStructuredData();
        assertArrayEquals(expected, new EscrowTypedData(31_337, ESCROW).dealAuthorizationDigest(t));
    }

    @Property(tries = 100)
    void everyVerdictFieldAndTheDomainChangeTheDigest(@ForAll @IntRange(min = 0, max = 8) int field) {
        byte[] id = new byte[32];
        byte[] evidence = new byte[32];
        evidence[31] = 1;
        DeliveryVerdict base = new DeliveryVerdict(id, evidence, 0x3F, 1, 9_900, 1_000, 2_000);
        EscrowTypedData typed = new EscrowTypedData(1, ESCROW);
        byte[] other = id.clone();
        other[0] = 1;
        byte[] changed = switch (field) {
            case 0 -> typed.verdictDigest(new DeliveryVerdict(other, evidence, 0x3F, 1, 9_900, 1_000, 2_000));
            case 1 -> typed.verdictDigest(new DeliveryVerdict(id, other, 0x3F, 1, 9_900, 1_000, 2_000));
            case 2 -> typed.verdictDigest(new DeliveryVerdict(id, evidence, 0x1F, 1, 9_900, 1_000, 2_000));
            case 3 -> typed.verdictDigest(new DeliveryVerdict(id, evidence, 0x3F, 2, 9_900, 1_000, 2_000));
            case 4 -> typed.verdictDigest(new DeliveryVerdict(id, evidence, 0x3F, 1, 9_901, 1_000, 2_000));
            case 5 -> typed.verdictDigest(new DeliveryVerdict(id, evidence, 0x3F, 1, 9_900, 1_001, 2_000));
            case 6 -> typed.verdictDigest(new DeliveryVerdict(id, evidence, 0x3F, 1, 9_900, 1_000, 2_001));
            case 7 -> new EscrowTypedData(2, ESCROW).verdictDigest(base);
            default -> new EscrowTypedData(1, "0x5fbdb2315678afecb367f032d93f642f64180aa4").verdictDigest(base);
        };
        assertFalse(Arrays.equals(typed.verdictDigest(base), changed), "field " + field);
    }

    @Test
    void rejectsMalformedInput() {
        byte[] word = new byte[32];
        assertThrows(IllegalArgumentException.class, () -> new DeliveryVerdict(new byte[31], word, 0, 1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new DeliveryVerdict(word, word, 256, 1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new DeliveryVerdict(word, word, 0, 1, 65_536, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new DeliveryVerdict(word, word, 0, 1, 0, -1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new DealTerms(word, "0x12", ESCROW, ESCROW, BigInteger.ONE, 0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new DealTerms(word, ESCROW, ESCROW, ESCROW, BigInteger.ZERO, 0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new DealTerms(word, ESCROW, ESCROW, ESCROW, BigInteger.ONE.shiftLeft(256), 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new EscrowTypedData(0, ESCROW));
    }

    @Provide
    Arbitrary<String> addresses() {
        return Arbitraries.bytes().array(byte[].class).ofSize(20).map(EvmHex::of);
    }

    @Provide
    Arbitrary<BigInteger> amounts() {
        return Arbitraries.bigIntegers().between(BigInteger.ONE, BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));
    }
}
