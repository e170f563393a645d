package space.tokenta.verify.verdict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.StructuredDataEncoder;
import space.tokenta.verify.evidence.Hex;
import space.tokenta.verify.evidence.Secp256k1Key;

/** Our hand-written EIP-712 hash against web3j's independent StructuredDataEncoder on the same typed data. */
class VerdictHasherTest
{
    private static final String CONTRACT = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

    static String typedDataJson(final Eip712Domain domain, final DeliveryVerdict v)
    {
        return "{\"types\":{\"EIP712Domain\":[{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"version\",\"type\":\"string\"}," +
            "{\"name\":\"chainId\",\"type\":\"uint256\"},{\"name\":\"verifyingContract\",\"type\":\"address\"}]," +
            "\"DeliveryVerdict\":[{\"name\":\"dealId\",\"type\":\"bytes32\"},{\"name\":\"evidenceDigest\",\"type\":\"bytes32\"}," +
            "{\"name\":\"stageMask\",\"type\":\"uint8\"},{\"name\":\"verdict\",\"type\":\"uint8\"},{\"name\":\"scoreBps\",\"type\":\"uint16\"}," +
            "{\"name\":\"issuedAt\",\"type\":\"uint64\"},{\"name\":\"expiresAt\",\"type\":\"uint64\"}]}," +
            "\"primaryType\":\"DeliveryVerdict\"," +
            "\"domain\":{\"name\":\"" + domain.name() + "\",\"version\":\"" + domain.version() + "\",\"chainId\":" + domain.chainId() +
            ",\"verifyingContract\":\"" + domain.verifyingContract() + "\"}," +
            "\"message\":{\"dealId\":\"" + Hex.prefixed(v.dealId()) + "\",\"evidenceDigest\":\"" + Hex.prefixed(v.evidenceDigest()) +
            "\",\"stageMask\":" + v.stageMask() + ",\"verdict\":" + v.verdict().code() + ",\"scoreBps\":" + v.scoreBps() +
            ",\"issuedAt\":" + v.issuedAt() + ",\"expiresAt\":" + v.expiresAt() + "}}";
    }

    private static byte[] web3jDigest(final Eip712Domain domain, final DeliveryVerdict v) throws Exception
    {
        return new StructuredDataEncoder(typedDataJson(domain, v)).hashStructuredData();
    }

    @Test
    void fixedVectorMatchesWeb3jEncoder() throws Exception
    {
        final Eip712Domain domain = Eip712Domain.escrow(31337, CONTRACT);
        final DeliveryVerdict verdict = new DeliveryVerdict(
            Hex.decode("11".repeat(32)), Hex.decode("b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"),
            0x3F, VerdictCode.PASS, 9960, 1_790_000_000L, 1_790_086_400L);
        final VerdictHasher hasher = new VerdictHasher(domain);
        assertArrayEquals(web3jDigest(domain, verdict), hasher.digest(verdict));
        assertArrayEquals(new StructuredDataEncoder(typedDataJson(domain, verdict)).hashDomain(), hasher.domainSeparator());
    }

    @Property(tries = 40)
    void anyVerdictMatchesWeb3jEncoder(
        @ForAll @Size(32) final byte[] dealId, @ForAll @Size(32) final byte[] evidence,
        @ForAll @IntRange(max = 63) final int mask, @ForAll final boolean pass,
        @ForAll @IntRange(max = 10_000) final int score, @ForAll @LongRange(min = 0, max = 1L << 40) final long issued,
        @ForAll @LongRange(min = 1, max = 1L << 20) final long ttl, @ForAll @LongRange(min = 1, max = 1L << 32) final long chainId)
        throws Exception
    {
        final Eip712Domain domain = Eip712Domain.escrow(chainId, CONTRACT);
        final DeliveryVerdict verdict = new DeliveryVerdict(
            dealId, evidence, mask, pass ? VerdictCode.PASS : VerdictCode.FAIL, score, issued, issued + ttl);
        assertArrayEquals(web3jDigest(domain, verdict), new VerdictHasher(domain).digest(verdict));
    }

    @Test
    void signatureBindsChainContractAndEveryField()
    {
        final Secp256k1Key key = Secp256k1Key.fromSeed("attestor-x");
        final DeliveryVerdict verdict = new DeliveryVerdict(
            new byte[32], new byte[32], 0x3F, VerdictCode.PASS, 10_000, 10, 20);
        final VerdictHasher hasher = new VerdictHasher(Eip712Domain.escrow(1, CONTRACT));
        final SignedVerdict signed = SignedVerdict.sign(hasher, verdict, key);
        assertTrue(signed.verifies(hasher));
        assertEquals(key.address(), signed.signer());
        assertFalse(signed.verifies(new VerdictHasher(Eip712Domain.escrow(56, CONTRACT))));
        assertFalse(signed.verifies(new VerdictHasher(Eip712Domain.escrow(1, "0x" + "22".repeat(20)))));
        final DeliveryVerdict flipped = new DeliveryVerdict(new byte[32], new byte[32], 0x3F, VerdictCode.FAIL, 10_000, 10, 20);
        assertFalse(new SignedVerdict(flipped, signed.signer(), signed.signature()).verifies(hasher));
    }

    @Test
    void equivocationIsDetectedAndProvable()
    {
        final VerdictHasher hasher = new VerdictHasher(Eip712Domain.escrow(1, CONTRACT));
        final Secp256k1Key liar = Secp256k1Key.fromSeed("liar");
        final byte[] deal = Hex.decode("ab".repeat(32));
        final DeliveryVerdict pass = new DeliveryVerdict(deal, new byte[32], 0x3F, VerdictCode.PASS, 9_000, 10, 20);
        final DeliveryVerdict fail = new DeliveryVerdict(deal, new byte[32], 0x07, VerdictCode.FAIL, 0, 10, 20);
        final EquivocationDetector detector = new EquivocationDetector(hasher, 16);
        assertTrue(detector.observe(SignedVerdict.sign(hasher, pass, liar)).isEmpty());
        assertTrue(detector.observe(SignedVerdict.sign(hasher, pass, liar)).isEmpty(), "same verdict twice is no equivocation");
        final EquivocationProof proof = detector.observe(SignedVerdict.sign(hasher, fail, liar)).orElseThrow();
        assertEquals(liar.address(), proof.attestor());
        assertTrue(proof.verifies(hasher), "anyone with the domain can check the proof");
        // a forged second signature (by someone else, relabelled) is not a proof
        final SignedVerdict forged = new SignedVerdict(fail, liar.address(),
            SignedVerdict.sign(hasher, fail, Secp256k1Key.fromSeed("framer")).signature());
        assertFalse(new EquivocationProof(proof.first(), forged).verifies(hasher));
    }
}
