package space.tokenta.gateway.persist;

/** The credential database failed; the change it was storing did not take effect. */
public final class CredentialStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CredentialStoreException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
