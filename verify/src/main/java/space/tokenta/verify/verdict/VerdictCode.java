package space.tokenta.verify.verdict;

/** The {@code uint8 verdict} of a DeliveryVerdict. */
public enum VerdictCode
{
    PASS(1),
    FAIL(2);

    private final int code;

    VerdictCode(final int code)
    {
        this.code = code;
    }

    public int code()
    {
        return code;
    }

    public static VerdictCode of(final int code)
    {
        for (final VerdictCode value : values())
        {
            if (value.code == code)
            {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown verdict code " + code);
    }
}
