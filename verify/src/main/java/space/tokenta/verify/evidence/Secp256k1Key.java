package space.tokenta.verify.evidence;

import java.math.BigInteger;
import java.security.SecureRandom;

import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/** A secp256k1 signing key; signatures are 65 bytes r‖s‖v (v = 27/28) with low s. */
public final class Secp256k1Key
{
    private final ECKeyPair keyPair;
    private final String address;

    private Secp256k1Key(final ECKeyPair keyPair)
    {
        this.keyPair = keyPair;
        this.address = "0x" + Keys.getAddress(keyPair.getPublicKey());
    }

    public static Secp256k1Key fromPrivateKey(final byte[] privateKey)
    {
        if (privateKey.length != 32)
        {
            throw new EvidenceException("a secp256k1 private key has 32 bytes");
        }
        final BigInteger d = new BigInteger(1, privateKey);
        if (d.signum() == 0 || d.compareTo(Sign.CURVE_PARAMS.getN()) >= 0)
        {
            throw new EvidenceException("private key outside [1, n)");
        }
        return new Secp256k1Key(ECKeyPair.create(d));
    }

    /** A key derived from a seed label: deterministic fixtures for tests and the local demo. */
    public static Secp256k1Key fromSeed(final String label)
    {
        return fromPrivateKey(Sha256.hash(label.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    public static Secp256k1Key generate(final SecureRandom random)
    {
        final byte[] bytes = new byte[32];
        for (int attempt = 0; attempt < 16; attempt++)
        {
            random.nextBytes(bytes);
            final BigInteger d = new BigInteger(1, bytes);
            if (d.signum() > 0 && d.compareTo(Sign.CURVE_PARAMS.getN()) < 0)
            {
                return new Secp256k1Key(ECKeyPair.create(d));
            }
        }
        throw new IllegalStateException("random source produced no valid key in 16 attempts");
    }

    /** Lower-case 0x-prefixed Ethereum address of this key. */
    public String address()
    {
        return address;
    }

    /** Signs a 32-byte digest as is (no further hashing). */
    public byte[] signDigest(final byte[] digest32)
    {
        if (digest32.length != 32)
        {
            throw new EvidenceException("sign a 32-byte digest");
        }
        final Sign.SignatureData data = Sign.signMessage(digest32, keyPair, false);
        final byte[] out = new byte[65];
        System.arraycopy(data.getR(), 0, out, 0, 32);
        System.arraycopy(data.getS(), 0, out, 32, 32);
        out[64] = data.getV()[0];
        return out;
    }

    /**
     * The address that produced a 65-byte signature over a digest. High-s signatures and v outside
     * 27/28 are refused (the escrow contract refuses them too).
     */
    public static String recoverAddress(final byte[] digest32, final byte[] signature)
    {
        if (digest32.length != 32 || signature.length != 65)
        {
            throw new EvidenceException("expected a 32-byte digest and a 65-byte signature");
        }
        final byte v = signature[64];
        if (v != 27 && v != 28)
        {
            throw new EvidenceException("signature v must be 27 or 28");
        }
        final byte[] r = java.util.Arrays.copyOfRange(signature, 0, 32);
        final byte[] s = java.util.Arrays.copyOfRange(signature, 32, 64);
        if (new BigInteger(1, s).compareTo(Sign.CURVE_PARAMS.getN().shiftRight(1)) > 0)
        {
            throw new EvidenceException("high-s signature (malleable)");
        }
        try
        {
            final BigInteger publicKey = Sign.signedMessageHashToKey(digest32, new Sign.SignatureData(v, r, s));
            return "0x" + Keys.getAddress(publicKey);
        }
        catch (final java.security.SignatureException | RuntimeException ex)
        {
            throw new EvidenceException("unrecoverable signature: " + ex.getMessage(), ex);
        }
    }

    public static boolean verify(final byte[] digest32, final byte[] signature, final String expectedAddress)
    {
        try
        {
            return recoverAddress(digest32, signature).equalsIgnoreCase(expectedAddress);
        }
        catch (final EvidenceException ex)
        {
            return false;
        }
    }
}
