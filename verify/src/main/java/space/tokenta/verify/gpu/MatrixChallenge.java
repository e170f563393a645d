package space.tokenta.verify.gpu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;

import space.tokenta.verify.evidence.Sha256;

/**
 * The matrix-multiplication challenge: A and B (n×n over the field of integers mod the prime
 * 2^31−1) are expanded from the verifier's nonce, so the seller cannot precompute them; the answer is
 * C = A·B mod p, exact (no floating point), as n² big-endian int32 values.
 */
public final class MatrixChallenge
{
    public static final long P = 2_147_483_647L;
    public static final int MAX_N = 512;

    private MatrixChallenge()
    {
    }

    /** Row-major n×n matrix number {@code which} (0 = A, 1 = B) derived from the nonce. */
    public static long[] expand(final byte[] nonce, final int n, final int which)
    {
        checkSize(n);
        final long[] out = new long[n * n];
        final MessageDigest digest = Sha256.newDigest();
        final byte[] block = new byte[4 + 4];
        int filled = 0;
        for (int counter = 0; filled < out.length; counter++)
        {
            digest.update(nonce);
            ByteBuffer.wrap(block).putInt(which).putInt(counter);
            final ByteBuffer words = ByteBuffer.wrap(digest.digest(block));
            while (words.remaining() >= 4 && filled < out.length)
            {
                // 31 random bits: below p except for the single value p itself, folded to 0.
                out[filled++] = (words.getInt() & 0x7FFF_FFFFL) % P;
            }
        }
        return out;
    }

    /** The honest product A·B mod p. O(n³). */
    public static long[] multiply(final long[] a, final long[] b, final int n)
    {
        checkSize(n);
        final long[] c = new long[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < n; k++)
            {
                final long aik = a[i * n + k];
                if (aik == 0)
                {
                    continue;
                }
                for (int j = 0; j < n; j++)
                {
                    c[i * n + j] = (c[i * n + j] + aik * b[k * n + j]) % P;
                }
            }
        }
        return c;
    }

    public static byte[] encode(final long[] matrix)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(matrix.length * 4).order(ByteOrder.BIG_ENDIAN);
        for (final long value : matrix)
        {
            buffer.putInt((int)value);
        }
        return buffer.array();
    }

    public static long[] decode(final byte[] bytes, final int n)
    {
        checkSize(n);
        if (bytes.length != n * n * 4)
        {
            throw new IllegalArgumentException("expected " + (n * n * 4) + " bytes of product, got " + bytes.length);
        }
        final long[] out = new long[n * n];
        final ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < out.length; i++)
        {
            out[i] = buffer.getInt() & 0xFFFF_FFFFL;
        }
        return out;
    }

    static void checkSize(final int n)
    {
        if (n < 1 || n > MAX_N)
        {
            throw new IllegalArgumentException("matrix size n in [1, " + MAX_N + "]: " + n);
        }
    }
}
