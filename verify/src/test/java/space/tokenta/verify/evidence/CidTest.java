package space.tokenta.verify.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class CidTest
{
    /** RFC 4648 base32 computed the slow way: the whole input as one big integer, 5 bits at a time. */
    private static String base32ByHand(final byte[] bytes)
    {
        final String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        final int bits = bytes.length * 8;
        final int chars = (bits + 4) / 5;
        final BigInteger value = new BigInteger(1, bytes).shiftLeft(chars * 5 - bits);
        final StringBuilder out = new StringBuilder();
        for (int i = chars - 1; i >= 0; i--)
        {
            out.append(alphabet.charAt(value.shiftRight(i * 5).intValue() & 31));
        }
        return out.toString();
    }

    private static String cidByHand(final String sha256Hex)
    {
        // version 1, codec raw 0x55, multihash sha2-256 0x12, length 0x20, digest
        return "b" + base32ByHand(Hex.decode("01551220" + sha256Hex));
    }

    @Test
    void emptyContentHasTheWellKnownCid()
    {
        final String emptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assertEquals(emptySha256, Hex.encode(Sha256.hash(new byte[0])));
        assertEquals(cidByHand(emptySha256), Cid.of(new byte[0]).toString());
        assertEquals("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku", Cid.of(new byte[0]).toString());
    }

    @Test
    void helloWorldHasTheWellKnownCid()
    {
        final byte[] content = "hello world".getBytes(StandardCharsets.US_ASCII);
        final String sha = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";
        assertEquals(sha, Hex.encode(Sha256.hash(content)));
        assertEquals(cidByHand(sha), Cid.of(content).toString());
        assertEquals("bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e", Cid.of(content).toString());
    }

    @Test
    void base32MatchesRfc4648TestVectorsWithoutPadding()
    {
        final String[][] vectors = {
            {"", ""}, {"f", "my"}, {"fo", "mzxq"}, {"foo", "mzxw6"}, {"foob", "mzxw6yq"},
            {"fooba", "mzxw6ytb"}, {"foobar", "mzxw6ytboi"}};
        for (final String[] vector : vectors)
        {
            assertEquals(vector[1], Cid.base32(vector[0].getBytes(StandardCharsets.US_ASCII)), vector[0]);
            assertArrayEquals(vector[0].getBytes(StandardCharsets.US_ASCII), Cid.unbase32(vector[1]));
        }
    }

    @Property(tries = 200)
    void encoderAgreesWithTheSlowEncoderAndRoundTrips(@ForAll final byte[] content)
    {
        final Cid cid = Cid.of(content);
        assertEquals(cidByHand(Hex.encode(Sha256.hash(content))), cid.toString());
        assertTrue(cid.toString().startsWith("bafkrei"));
        assertEquals(Cid.TEXT_LENGTH, cid.toString().length());
        assertEquals(cid, Cid.parse(cid.toString()));
        assertArrayEquals(Sha256.hash(content), cid.digest());
    }

    @Test
    void malformedCidsAreRefused()
    {
        final String good = Cid.of(new byte[] {1}).toString();
        assertThrows(EvidenceException.class, () -> Cid.parse("B" + good.substring(1)));
        assertThrows(EvidenceException.class, () -> Cid.parse(good.substring(0, good.length() - 1)));
        assertThrows(EvidenceException.class, () -> Cid.parse(good.substring(0, 10) + "1" + good.substring(11)));
        // dag-pb codec (0x70) instead of raw
        assertThrows(EvidenceException.class, () -> Cid.parse("b" + base32ByHand(Hex.decode("01701220" + "00".repeat(32)))));
        assertFalse(Cid.isCid("hello"));
    }
}
