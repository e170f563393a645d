package space.tokenta.chain.fault;

/** What the fault proxy does to one request ({@code param} meaning in brackets). */
public enum FaultKind {
    /** Forward unchanged. */
    NONE,
    /** Never answer; the connection is closed after [param ms] to bound resources. */
    HANG,
    /** Answer correctly after [param ms]. */
    SLOW,
    /** HTTP 429 with Retry-After: [param s]. */
    HTTP_429,
    /** HTTP [param] (5xx), empty body. */
    HTTP_5XX,
    /** HTTP 200 carrying a JSON-RPC error -32603. */
    RPC_ERROR,
    /** eth_blockNumber / latest block answered [param] blocks behind the real head. */
    STALE_HEAD,
    /** Block hashes (hash, blockHash, parentHash) in the answer altered, as a node on another fork would. */
    WRONG_FORK,
    /** eth_getLogs refused with "block range too large" when wider than [param] blocks. */
    RANGE_REFUSAL,
    /** WebSocket: the connection carrying a subscription is closed at this notification. */
    WS_DROP
}
