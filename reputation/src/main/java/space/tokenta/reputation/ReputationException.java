package space.tokenta.reputation;

/** An event the reputation books refuse (out of order, out of range); the books are unchanged. */
public final class ReputationException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public ReputationException(final String message)
    {
        super(message);
    }
}
