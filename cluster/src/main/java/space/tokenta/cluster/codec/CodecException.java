package space.tokenta.cluster.codec;

/** Malformed bytes: a message that cannot be decoded (wrong length, unknown code, bad header). */
public final class CodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CodecException(final String message) {
        super(message);
    }
}
