package space.tokenta.research.sim;

/**
 * A seeded SplitMix64 generator with Box-Muller normals on {@link StrictMath}: the same seed gives
 * the same stream on every JVM and platform, which the replay and bit-identity checks rely on.
 */
public final class SplitMix64 {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;
    private double spareNormal;
    private boolean hasSpare;

    public SplitMix64(final long seed) {
        this.state = seed;
    }

    /** Mixes a seed with stream labels into an independent seed (e.g. seed, episode, purpose). */
    public static long mix(final long seed, final long a, final long b) {
        long z = seed ^ mix64(a + GOLDEN) ^ Long.rotateLeft(mix64(b - GOLDEN), 17);
        return mix64(z);
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        state += GOLDEN;
        return mix64(state);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    public int nextInt(final int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        return (int) ((nextLong() >>> 33) % bound);
    }

    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareNormal;
        }
        double u1 = nextDouble();
        while (u1 <= 0.0) {
            u1 = nextDouble();
        }
        final double u2 = nextDouble();
        final double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        final double phi = 2.0 * StrictMath.PI * u2;
        spareNormal = r * StrictMath.sin(phi);
        hasSpare = true;
        return r * StrictMath.cos(phi);
    }
}
