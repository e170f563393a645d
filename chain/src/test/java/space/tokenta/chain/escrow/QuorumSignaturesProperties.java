package space.tokenta.chain.escrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * Packed quorum signatures are what the contract accepts: each 65-byte entry recovers to its
 * signer, s is low, v is 27/28, and signers strictly increase; duplicates are refused.
 */
class QuorumSignaturesProperties {
    private static final BigInteger HALF_ORDER = Sign.CURVE_PARAMS.getN().shiftRight(1);

    @Property(tries = 60)
    void packedSignaturesAreSortedLowSAndRecoverable(@ForAll @Size(32) byte[] digest,
            @ForAll @IntRange(min = 1, max = 7) int count, @ForAll @IntRange(min = 0, max = 1_000) int seed)
            throws Exception {
        List<ECKeyPair> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add(TokentaEscrowAnvilTest.key("signer-" + seed + "-" + i));
        }
        byte[] packed = QuorumSignatures.signSorted(digest, keys);
        assertEquals(count * 65, packed.length);
        String previous = "0x0000000000000000000000000000000000000000";
        for (int i = 0; i < count; i++) {
            byte[] r = Arrays.copyOfRange(packed, i * 65, i * 65 + 32);
            byte[] s = Arrays.copyOfRange(packed, i * 65 + 32, i * 65 + 64);
            byte v = packed[i * 65 + 64];
            assertTrue(v == 27 || v == 28, "v");
            assertTrue(new BigInteger(1, s).compareTo(HALF_ORDER) <= 0, "low s");
            BigInteger publicKey = Sign.signedMessageHashToKey(digest, new Sign.SignatureData(v, r, s));
            String signer = "0x" + Keys.getAddress(publicKey);
            assertTrue(signer.compareTo(previous) > 0, "strictly increasing signers");
            previous = signer;
        }
    }

    @Property(tries = 20)
    void duplicateSignerIsRefused(@ForAll @Size(32) byte[] digest) {
        ECKeyPair key = TokentaEscrowAnvilTest.key("twice");
        assertThrows(IllegalArgumentException.class, () -> QuorumSignatures.signSorted(digest, List.of(key, key)));
    }
}
