package space.tokenta.gateway.port;

/** The command was not taken (queue full or closed): nothing happened; the client may retry. */
public final class OrderEntryBusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OrderEntryBusyException(final String message) {
        super(message, null, false, false);
    }
}
