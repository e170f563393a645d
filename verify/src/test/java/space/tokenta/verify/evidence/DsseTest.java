package space.tokenta.verify.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.Sign;

class DsseTest
{
    @Test
    void paeMatchesTheSpecExample()
    {
        // DSSE protocol.md: PAE("http://example.com/HelloWorld", "hello world")
        assertEquals("DSSEv1 29 http://example.com/HelloWorld 11 hello world",
            new String(Dsse.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8));
        assertEquals("DSSEv1 0  0 ", new String(Dsse.pae("", new byte[0]), StandardCharsets.UTF_8));
    }

    @Test
    void signaturesVerifyAndAreLowS()
    {
        final Secp256k1Key a = Secp256k1Key.fromSeed("dsse-a");
        final Secp256k1Key b = Secp256k1Key.fromSeed("dsse-b");
        final byte[] payload = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);
        final Dsse.Envelope envelope = Dsse.unsigned(Dsse.IN_TOTO_PAYLOAD_TYPE, payload).withSignature(a).withSignature(b);
        assertEquals(List.of(a.address(), b.address()), envelope.verifiedSigners());
        final BigInteger halfN = Sign.CURVE_PARAMS.getN().shiftRight(1);
        for (final Dsse.Signature signature : envelope.signatures())
        {
            assertTrue(new BigInteger(1, java.util.Arrays.copyOfRange(signature.sig(), 32, 64)).compareTo(halfN) <= 0);
        }
        final Dsse.Envelope parsed = Dsse.fromJson(CanonicalJson.parse(envelope.toCanonicalBytes()));
        assertEquals(List.of(a.address(), b.address()), parsed.verifiedSigners());
    }

    @net.jqwik.api.Property(tries = 60)
    void everySignatureIsLowSAndRecoversItsSigner(@net.jqwik.api.ForAll final byte[] message, @net.jqwik.api.ForAll final int seed)
    {
        final Secp256k1Key key = Secp256k1Key.fromSeed("prop-" + seed);
        final byte[] digest = Sha256.hash(message);
        final byte[] sig = key.signDigest(digest);
        assertTrue(new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64)).compareTo(Sign.CURVE_PARAMS.getN().shiftRight(1)) <= 0);
        assertTrue(sig[64] == 27 || sig[64] == 28);
        assertEquals(key.address(), Secp256k1Key.recoverAddress(digest, sig));
    }

    @Test
    void aChangedPayloadOrTypeVerifiesNoSigner()
    {
        final Secp256k1Key a = Secp256k1Key.fromSeed("dsse-a");
        final Dsse.Envelope envelope = Dsse.unsigned("t", new byte[] {1, 2, 3}).withSignature(a);
        final Dsse.Envelope changedPayload = new Dsse.Envelope("t", new byte[] {1, 2, 4}, envelope.signatures());
        final Dsse.Envelope changedType = new Dsse.Envelope("u", new byte[] {1, 2, 3}, envelope.signatures());
        assertEquals(List.of(), changedPayload.verifiedSigners());
        assertEquals(List.of(), changedType.verifiedSigners());
    }

    @Test
    void highSTwinOfAValidSignatureIsRefused()
    {
        final Secp256k1Key a = Secp256k1Key.fromSeed("malleable");
        final byte[] digest = Sha256.hash(new byte[] {9});
        final byte[] sig = a.signDigest(digest);
        assertEquals(a.address(), Secp256k1Key.recoverAddress(digest, sig));
        final BigInteger n = Sign.CURVE_PARAMS.getN();
        final BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64));
        final byte[] highS = n.subtract(s).toByteArray();
        final byte[] twin = sig.clone();
        java.util.Arrays.fill(twin, 32, 64, (byte)0);
        System.arraycopy(highS, Math.max(0, highS.length - 32), twin, 64 - Math.min(32, highS.length), Math.min(32, highS.length));
        twin[64] = (byte)(sig[64] == 27 ? 28 : 27);
        assertEquals(false, Secp256k1Key.verify(digest, twin, a.address()));
    }
}
