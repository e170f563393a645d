package space.tokenta.cluster.client;

/** The cluster could not take or answer a request in time: its outcome is unknown (reconcile by client order id). */
public final class ClusterUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClusterUnavailableException(final String message) {
        super(message);
    }

    public ClusterUnavailableException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
