package space.tokenta.verify.evidence;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256, the one content hash of Tokenta evidence (CID multihash and escrow evidenceDigest). */
public final class Sha256
{
    public static final int LENGTH = 32;

    private Sha256()
    {
    }

    public static byte[] hash(final byte[] data)
    {
        return newDigest().digest(data);
    }

    public static byte[] hash(final byte[]... parts)
    {
        final MessageDigest digest = newDigest();
        for (final byte[] part : parts)
        {
            digest.update(part);
        }
        return digest.digest();
    }

    public static MessageDigest newDigest()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every JDK has SHA-256", ex);
        }
    }
}
