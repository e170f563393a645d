package space.tokenta.verify.evidence;

import java.util.Arrays;

/**
 * CIDv1 with the {@code raw} codec (0x55) and a sha2-256 multihash (0x12, 32 bytes), written in
 * RFC 4648 base32, lower case, without padding, behind the multibase prefix {@code b}: {@code bafkrei…}.
 */
public final class Cid
{
    private static final int VERSION = 0x01;
    private static final int CODEC_RAW = 0x55;
    private static final int MULTIHASH_SHA2_256 = 0x12;
    private static final int PREFIX_LENGTH = 4;
    private static final int BINARY_LENGTH = PREFIX_LENGTH + Sha256.LENGTH;
    private static final char MULTIBASE_BASE32 = 'b';
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    /** 1 + ceil(36 * 8 / 5): every raw sha2-256 CIDv1 string has exactly this length. */
    public static final int TEXT_LENGTH = 1 + (BINARY_LENGTH * 8 + 4) / 5;

    private final byte[] digest;
    private final String text;

    private Cid(final byte[] digest)
    {
        this.digest = digest.clone();
        this.text = MULTIBASE_BASE32 + base32(binary(digest));
    }

    public static Cid of(final byte[] content)
    {
        return new Cid(Sha256.hash(content));
    }

    public static Cid ofDigest(final byte[] sha256)
    {
        if (sha256.length != Sha256.LENGTH)
        {
            throw new EvidenceException("a sha2-256 digest has 32 bytes, got " + sha256.length);
        }
        return new Cid(sha256);
    }

    public static Cid parse(final String text)
    {
        if (text.length() != TEXT_LENGTH || text.charAt(0) != MULTIBASE_BASE32)
        {
            throw new EvidenceException("not a CIDv1 raw sha2-256 in base32: " + text);
        }
        final byte[] bytes = unbase32(text.substring(1));
        if (bytes.length != BINARY_LENGTH || bytes[0] != VERSION || bytes[1] != CODEC_RAW ||
            bytes[2] != MULTIHASH_SHA2_256 || bytes[3] != Sha256.LENGTH)
        {
            throw new EvidenceException("unsupported CID prefix: " + text);
        }
        final Cid cid = new Cid(Arrays.copyOfRange(bytes, PREFIX_LENGTH, BINARY_LENGTH));
        if (!cid.text.equals(text))
        {
            throw new EvidenceException("non-canonical CID text: " + text);
        }
        return cid;
    }

    public static boolean isCid(final String text)
    {
        try
        {
            parse(text);
            return true;
        }
        catch (final EvidenceException ex)
        {
            return false;
        }
    }

    /** The sha256 of the content: also the escrow's evidenceDigest. */
    public byte[] digest()
    {
        return digest.clone();
    }

    public boolean matches(final byte[] content)
    {
        return Arrays.equals(digest, Sha256.hash(content));
    }

    private static byte[] binary(final byte[] digest)
    {
        final byte[] out = new byte[BINARY_LENGTH];
        out[0] = VERSION;
        out[1] = CODEC_RAW;
        out[2] = MULTIHASH_SHA2_256;
        out[3] = Sha256.LENGTH;
        System.arraycopy(digest, 0, out, PREFIX_LENGTH, Sha256.LENGTH);
        return out;
    }

    static String base32(final byte[] bytes)
    {
        final StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (final byte b : bytes)
        {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5)
            {
                out.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 0x1F));
                bits -= 5;
            }
        }
        if (bits > 0)
        {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 0x1F));
        }
        return out.toString();
    }

    static byte[] unbase32(final String text)
    {
        final byte[] out = new byte[text.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (int i = 0; i < text.length(); i++)
        {
            final int value = ALPHABET.indexOf(text.charAt(i));
            if (value < 0)
            {
                throw new EvidenceException("not a base32 character: " + text.charAt(i));
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                out[index++] = (byte)(buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof Cid cid && cid.text.equals(text);
    }

    @Override
    public int hashCode()
    {
        return text.hashCode();
    }

    @Override
    public String toString()
    {
        return text;
    }
}
