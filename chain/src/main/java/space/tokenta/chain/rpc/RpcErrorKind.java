package space.tokenta.chain.rpc;

/** Every way a pooled JSON-RPC request can fail; callers switch on this, never on message text. */
public enum RpcErrorKind {
    /** The request's deadline passed before any upstream answered. */
    TIMEOUT(true),
    /** The upstream answered HTTP 429 or its rate budget was exhausted. */
    RATE_LIMITED(true),
    /** HTTP status other than 200/429 (5xx, 4xx from a proxy). */
    HTTP_STATUS(true),
    /** Connection refused, reset or closed. */
    TRANSPORT(true),
    /** Body was not a valid JSON-RPC response, or larger than the payload bound. */
    BAD_RESPONSE(true),
    /** A JSON-RPC error that another upstream may not have (e.g. -32005 limits, "header not found"). */
    UPSTREAM_RPC_ERROR(true),
    /** The upstream asked for a narrower eth_getLogs range. */
    RANGE_TOO_LARGE(true),
    /** This upstream's in-flight bound is reached. */
    UPSTREAM_BUSY(true),
    /** This upstream's circuit breaker (for the upstream or for the method) is open. */
    CIRCUIT_OPEN(true),
    /** The answer is behind the best known head (stale upstream). */
    STALE_ANSWER(true),
    /** The answer's block hashes could not be checked now (no quorum for the header); another try may pass. */
    UNVERIFIED(true),
    /** The answer carries a block hash that disagrees with the canonical chain. */
    FORKED_ANSWER(true),
    /** A JSON-RPC error that is the answer itself (revert, invalid params): the same on every upstream. */
    RPC_ERROR(false),
    /** No upstream is currently in rotation (all unhealthy, breakers open or budgets spent). */
    NO_UPSTREAM(false),
    /** The pool's bounded queue of pending requests is full. */
    OVERLOADED(false),
    /** Fewer than k upstreams agreed on a consensus read. */
    CONSENSUS_FAILED(false),
    /** The request itself is invalid (too large, unknown chain, bad parameter). */
    BAD_REQUEST(false),
    /** A send was rejected (nonce, funds, revert at submission). */
    SEND_REJECTED(false);

    private final boolean retryableOnAnotherUpstream;

    RpcErrorKind(final boolean retryableOnAnotherUpstream) {
        this.retryableOnAnotherUpstream = retryableOnAnotherUpstream;
    }

    /** True when trying another upstream may give a different outcome. */
    public boolean retryable() {
        return retryableOnAnotherUpstream;
    }

    /** True when the failure says something bad about the upstream (counts against its health). */
    public boolean upstreamFault() {
        return retryableOnAnotherUpstream;
    }
}
