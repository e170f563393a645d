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

    public static final int ALL_MASK = 0x3F;

    /**
     * The stage mask a verdict carries: the stages that passed, and for a PASS also S6, because a PASS
     * verdict is only ever used with a quorum of attestor signatures over it (the escrow contract
     * releases only on all six bits).
     */
    public static int verdictMask(final int passedMask, final boolean pass)
    {
        return pass ? passedMask | S6_QUORUM.bit() : passedMask;
    }
}
