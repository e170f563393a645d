package space.tokenta.chain.escrow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * Signs EIP-712 digests the way the escrow verifies them: 65 bytes r ‖ s ‖ v with v in {27, 28}
 * and low s (web3j canonicalises s), and packs a quorum sorted by strictly increasing signer
 * address, the order {@code release} and {@code refund} require.
 */
public final class QuorumSignatures {
    public static final int SIGNATURE_LENGTH = 65;
    public static final int MAX_SIGNATURES = 32;

    private QuorumSignatures() {
    }

    /** One signer's signature of one digest. */
    public record Signed(String signer, byte[] rsv) {
        public Signed {
            signer = EvmHex.address(signer);
            if (rsv.length != SIGNATURE_LENGTH) {
                throw new IllegalArgumentException("signature must be 65 bytes");
            }
            rsv = rsv.clone();
        }

        @Override
        public byte[] rsv() {
            return rsv.clone();
        }
    }

    /** Signs a 32-byte digest as is (no prefix, no re-hashing). */
    public static Signed sign(byte[] digest, ECKeyPair key) {
        Objects.requireNonNull(key, "key");
        if (digest.length != 32) {
            throw new IllegalArgumentException("digest must be 32 bytes");
        }
        Sign.SignatureData data = Sign.signMessage(digest, key, false);
        byte[] rsv = new byte[SIGNATURE_LENGTH];
        System.arraycopy(data.getR(), 0, rsv, 0, 32);
        System.arraycopy(data.getS(), 0, rsv, 32, 32);
        rsv[64] = data.getV()[0];
        return new Signed("0x" + Keys.getAddress(key), rsv);
    }

    /** Signs {@code digest} with every key and packs the signatures sorted by signer address. */
    public static byte[] signSorted(byte[] digest, List<ECKeyPair> keys) {
        if (keys.size() > MAX_SIGNATURES) {
            throw new IllegalArgumentException("at most " + MAX_SIGNATURES + " signatures");
        }
        List<Signed> signed = new ArrayList<>(keys.size());
        for (ECKeyPair key : keys) {
            signed.add(sign(digest, key));
        }
        return pack(signed);
    }

    /** Packs signatures sorted by signer; rejects the same signer twice. */
    public static byte[] pack(List<Signed> signatures) {
        if (signatures.size() > MAX_SIGNATURES) {
            throw new IllegalArgumentException("at most " + MAX_SIGNATURES + " signatures");
        }
        List<Signed> sorted = new ArrayList<>(signatures);
        sorted.sort(Comparator.comparing(Signed::signer));
        byte[] packed = new byte[sorted.size() * SIGNATURE_LENGTH];
        for (int i = 0; i < sorted.size(); i++) {
            if (i > 0 && sorted.get(i).signer().equals(sorted.get(i - 1).signer())) {
                throw new IllegalArgumentException("duplicate signer " + sorted.get(i).signer());
            }
            System.arraycopy(sorted.get(i).rsv(), 0, packed, i * SIGNATURE_LENGTH, SIGNATURE_LENGTH);
        }
        return packed;
    }
}
