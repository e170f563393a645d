package space.tokenta.gateway;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket client of {@code /v1/ws} for tests: sends JSON, waits for the next message with a given field value. */
public final class WsTestClient implements WebSocket.Listener {
    private static final long WAIT_MS = 10_000;
    private final LinkedBlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    /** Messages read while waiting for another, kept for a later {@link #next}. */
    private final List<JsonObject> stash = new ArrayList<>();
    public final WebSocket ws;

    public WsTestClient(final int port) throws Exception {
        ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/v1/ws"), this).get(5, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last) {
        partial.append(data);
        if (last) {
            inbox.add(new JsonObject(partial.toString()));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    public void send(final JsonObject msg) {
        ws.sendText(msg.encode(), true).join();
    }

    /** The first message (stashed or new) whose {@code field} equals {@code value}, within 10 s. */
    public JsonObject next(final String field, final String value) throws InterruptedException {
        for (int i = 0; i < stash.size(); i++) {
            if (value.equals(String.valueOf(stash.get(i).getValue(field)))) {
                return stash.remove(i);
            }
        }
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            final JsonObject m = inbox.poll(100, TimeUnit.MILLISECONDS);
            if (m != null && value.equals(String.valueOf(m.getValue(field)))) {
                return m;
            }
            if (m != null) {
                stash.add(m);
            }
        }
        throw new AssertionError("no message with " + field + "=" + value);
    }
}
