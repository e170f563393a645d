package space.tokenta.gateway.auth;

/** Authentication failed; the kind maps to a typed 401. */
public final class AuthException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Kind { MISSING, BAD_SIGNATURE, TIMESTAMP, NONCE_REUSED, EXPIRED }

    private final Kind kind;

    public AuthException(final Kind kind, final String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
