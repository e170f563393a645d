package space.tokenta.gateway.store;

/** The read-model database did not answer (a read changes nothing; the client may retry). */
public final class ReadModelUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReadModelUnavailableException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
