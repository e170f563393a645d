package space.tokenta.chain.config;

import java.net.URI;

/** One JSON-RPC endpoint of a chain: HTTP for requests, optional WebSocket for head subscriptions. */
public record UpstreamConfig(String id, URI httpUrl, URI wsUrl) {

    public UpstreamConfig {
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("upstream id must match [A-Za-z0-9][A-Za-z0-9._-]{0,63}: " + id);
        }
        if (httpUrl == null || !("http".equals(httpUrl.getScheme()) || "https".equals(httpUrl.getScheme()))) {
            throw new IllegalArgumentException("upstream " + id + ": http url must be http(s): " + httpUrl);
        }
        if (wsUrl != null && !("ws".equals(wsUrl.getScheme()) || "wss".equals(wsUrl.getScheme()))) {
            throw new IllegalArgumentException("upstream " + id + ": ws url must be ws(s): " + wsUrl);
        }
    }

    public static UpstreamConfig http(final String id, final String httpUrl) {
        return new UpstreamConfig(id, URI.create(httpUrl), null);
    }

    public static UpstreamConfig of(final String id, final String httpUrl, final String wsUrl) {
        return new UpstreamConfig(id, URI.create(httpUrl), wsUrl == null ? null : URI.create(wsUrl));
    }
}
