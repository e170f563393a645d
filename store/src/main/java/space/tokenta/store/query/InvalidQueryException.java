package space.tokenta.store.query;

/** A query argument is out of range or a cursor is malformed; nothing was read. */
public final class InvalidQueryException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidQueryException(final String message) {
        super(message);
    }
}
