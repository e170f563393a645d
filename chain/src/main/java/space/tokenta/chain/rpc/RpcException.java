package space.tokenta.chain.rpc;

import java.util.Objects;

/** A typed failure of a JSON-RPC request. {@link #rpcCode()} is set for JSON-RPC errors, else 0. */
public final class RpcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final RpcErrorKind kind;
    private final int rpcCode;
    private final String upstreamId;

    public RpcException(final RpcErrorKind kind, final String message) {
        this(kind, message, 0, null);
    }

    public RpcException(final RpcErrorKind kind, final String message, final int rpcCode, final String upstreamId) {
        super(kind + ": " + message, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.rpcCode = rpcCode;
        this.upstreamId = upstreamId;
    }

    public RpcErrorKind kind() {
        return kind;
    }

    public int rpcCode() {
        return rpcCode;
    }

    /** The upstream that produced the failure, or null for pool-level failures. */
    public String upstreamId() {
        return upstreamId;
    }

    /** Unwraps completion wrappers and maps anything else to a typed transport failure. */
    public static RpcException of(final Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; depth < 8 && cause != null; depth++) {
            if (cause instanceof RpcException rpc) {
                return rpc;
            }
            if (cause instanceof java.util.concurrent.TimeoutException || cause instanceof java.net.http.HttpTimeoutException) {
                return new RpcException(RpcErrorKind.TIMEOUT, String.valueOf(cause.getMessage()));
            }
            cause = cause.getCause();
        }
        return new RpcException(RpcErrorKind.TRANSPORT, String.valueOf(failure));
    }
}
