package space.tokenta.research.audit;

/** An audit check that failed: the artifacts do not agree with their log, hashes or a re-run. */
public final class AuditException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AuditException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
