package space.tokenta.gateway.api;

import io.vertx.core.http.HttpMethod;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import space.tokenta.gateway.auth.Scope;

/**
 * One entry of the route table: method, path pattern ({@code {name}} segments), scope, rate-limit
 * weight, and whether the handler may block (read models over JDBC, credential writes): blocking
 * handlers run on the gateway's bounded worker pool, the others on the event loop.
 */
public record Route(HttpMethod method, String pattern, Scope scope, int weight, Handler handler, boolean blocking) {

    /** A handler that may block (the default). */
    public Route(final HttpMethod method, final String pattern, final Scope scope, final int weight,
            final Handler handler) {
        this(method, pattern, scope, weight, handler, true);
    }

    /** A handler that never blocks: it reads only memory and submits to the engine asynchronously. */
    public static Route inline(final HttpMethod method, final String pattern, final Scope scope, final int weight,
            final Handler handler) {
        return new Route(method, pattern, scope, weight, handler, false);
    }

    /** Handles a parsed, authenticated, authorised call. */
    @FunctionalInterface
    public interface Handler {
        CompletableFuture<Reply> handle(Call call);
    }

    /** @return path parameters when {@code path} matches, or null. */
    public Map<String, String> match(final String path) {
        final String[] want = pattern.split("/", -1);
        final String[] got = path.split("/", -1);
        if (want.length != got.length) {
            return null;
        }
        final java.util.HashMap<String, String> params = new java.util.HashMap<>();
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith("{") && want[i].endsWith("}")) {
                if (got[i].isEmpty() || got[i].length() > 64) {
                    return null;
                }
                params.put(want[i].substring(1, want[i].length() - 1), got[i]);
            } else if (!want[i].equals(got[i])) {
                return null;
            }
        }
        return params;
    }

    public boolean literal() {
        return !pattern.contains("{");
    }
}
