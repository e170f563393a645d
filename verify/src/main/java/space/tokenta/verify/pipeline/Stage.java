package space.tokenta.verify.pipeline;

/** The six verification stages; bit {@code ordinal()} of a verdict's stageMask marks a pass. */
public enum Stage
{
    S1_LISTING,
    S2_AUTHENTICITY,
    S3_CONFORMANCE,
    S4_METERING,
    S5_ACCEPTANCE,
    S6_QUORUM;

    public int bit()
    {
        return 1 << ordinal();
    }

    /** Mask of S1..S5: what a pipeline run must pass before attestors are asked. */
    public static final int PRE_QUORUM_MASK = 0x1F;
    public static final int ALL_MASK = 0x3F;
}
