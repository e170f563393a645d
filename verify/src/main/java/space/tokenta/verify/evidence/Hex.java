package space.tokenta.verify.evidence;

/** Lower-case hexadecimal without a prefix; {@link #decode} also accepts a leading {@code 0x}. */
public final class Hex
{
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex()
    {
    }

    public static String encode(final byte[] bytes)
    {
        final char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++)
        {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xF];
        }
        return new String(out);
    }

    public static String prefixed(final byte[] bytes)
    {
        return "0x" + encode(bytes);
    }

    public static byte[] decode(final String text)
    {
        final String hex = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        if ((hex.length() & 1) != 0)
        {
            throw new EvidenceException("odd-length hex string");
        }
        final byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++)
        {
            final int hi = Character.digit(hex.charAt(2 * i), 16);
            final int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0)
            {
                throw new EvidenceException("not a hex digit at " + (2 * i));
            }
            out[i] = (byte)((hi << 4) | lo);
        }
        return out;
    }

    /** Decodes exactly {@code length} bytes or fails. */
    public static byte[] decode(final String text, final int length)
    {
        final byte[] out = decode(text);
        if (out.length != length)
        {
            throw new EvidenceException("expected " + length + " bytes of hex, got " + out.length);
        }
        return out;
    }
}
