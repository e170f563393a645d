package space.tokenta.verify.evidence;

/** Malformed or unverifiable evidence: a typed error that changes nothing. */
public final class EvidenceException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public EvidenceException(final String message)
    {
        super(message);
    }

    public EvidenceException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
