package space.tokenta.gateway.port;

/** The engine did not (yet) answer: the command's status is unknown; reconcile by client order id. */
public final class OrderEntryUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OrderEntryUnavailableException(final String message) {
        super(message, null, false, false);
    }
}
