package space.tokenta.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import space.tokenta.gateway.ws.StreamHub;

/**
 * A subscriber's copy of one {@code book.{symbol}} channel, as a client keeps it: the snapshot, then
 * each update's levels applied ({@code [price, quantity]}, quantity "0" removes the level).
 */
public final class BookReplica {
    /** The depth the stream's CRC32 covers. */
    private static final int CHECKSUM_DEPTH = 10;
    private final TreeMap<String, String> bids = new TreeMap<>(Comparator.comparing((String k) -> new BigDecimal(k)).reversed());
    private final TreeMap<String, String> asks = new TreeMap<>(Comparator.comparing((String k) -> new BigDecimal(k)));

    /** Applies a snapshot or an update message's {@code bids} and {@code asks}. */
    public void apply(final JsonObject message) {
        apply(bids, message.getJsonArray("bids"));
        apply(asks, message.getJsonArray("asks"));
    }

    /** The checksum the gateway computes over the top levels of each side. */
    public long checksum() {
        return StreamHub.checksum(top(bids), top(asks));
    }

    public JsonArray bids() {
        return all(bids);
    }

    public JsonArray asks() {
        return all(asks);
    }

    private static void apply(final TreeMap<String, String> side, final JsonArray levels) {
        for (final Object o : levels) {
            final JsonArray l = (JsonArray) o;
            if (l.getString(1).equals("0")) {
                side.remove(l.getString(0));
            } else {
                side.put(l.getString(0), l.getString(1));
            }
        }
    }

    private static JsonArray top(final TreeMap<String, String> side) {
        final JsonArray out = new JsonArray();
        for (final Map.Entry<String, String> e : side.entrySet()) {
            if (out.size() == CHECKSUM_DEPTH) {
                break;
            }
            out.add(new JsonArray().add(e.getKey()).add(e.getValue()));
        }
        return out;
    }

    private static JsonArray all(final TreeMap<String, String> side) {
        final JsonArray out = new JsonArray();
        side.forEach((k, v) -> out.add(new JsonArray().add(k).add(v)));
        return out;
    }
}
