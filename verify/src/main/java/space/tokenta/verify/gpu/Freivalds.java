package space.tokenta.verify.gpu;

import java.util.random.RandomGenerator;

/**
 * Freivalds' check of C = A·B over GF(p) in O(k·n²): for k random vectors r, compare A(Br) with Cr.
 * A wrong C passes one round with probability at most 1/p (r uniform over the field), so k rounds
 * err with probability ≤ p^−k ≤ 2^−k.
 */
public final class Freivalds
{
    public static final int MAX_ROUNDS = 64;

    private Freivalds()
    {
    }

    public static boolean check(
        final long[] a, final long[] b, final long[] c, final int n, final int rounds, final RandomGenerator random)
    {
        MatrixChallenge.checkSize(n);
        if (rounds < 1 || rounds > MAX_ROUNDS)
        {
            throw new IllegalArgumentException("rounds in [1, " + MAX_ROUNDS + "]");
        }
        for (final long value : c)
        {
            if (value < 0 || value >= MatrixChallenge.P)
            {
                return false;
            }
        }
        final long[] r = new long[n];
        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < n; i++)
            {
                r[i] = random.nextLong(MatrixChallenge.P);
            }
            final long[] abr = times(a, times(b, r, n), n);
            final long[] cr = times(c, r, n);
            for (int i = 0; i < n; i++)
            {
                if (abr[i] != cr[i])
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static long[] times(final long[] m, final long[] v, final int n)
    {
        final long[] out = new long[n];
        for (int i = 0; i < n; i++)
        {
            long sum = 0;
            for (int j = 0; j < n; j++)
            {
                sum = (sum + m[i * n + j] * v[j]) % MatrixChallenge.P;
            }
            out[i] = sum;
        }
        return out;
    }
}
