package space.tokenta.research.config;

/** A config that cannot be read or breaks a documented bound. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
