package space.tokenta.chain.rpc;

/** Raw HTTP outcome of one JSON-RPC POST; {@code retryAfterMs} is -1 when the header is absent. */
public record HttpReply(int status, byte[] body, long retryAfterMs) {
}
