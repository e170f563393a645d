package space.tokenta.gateway.ws;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A public WebSocket channel that follows an append-ordered read model by polling. Every row
 * carries a {@code seq} that grows with each change (an id, or a change time in nanoseconds), so a
 * client that lost its connection subscribes again with {@code since} and receives what it missed.
 *
 * <p>Concurrent writers can commit rows out of {@code seq} order, so each poll looks back
 * {@code lookbackSeq} below the cursor and skips rows already published (a bounded set of recent
 * row keys). State is touched only on the hub's context; {@link #fetch()} is the blocking part and
 * runs on the worker pool.
 *
 * <p>Messages: {@code {"channel", "type": snapshot|replay|update|reset, "seq", "rows": [...]}};
 * {@code seq} is the highest row seq in the message, each row has its own {@code seq}. A
 * {@code reset} says the client is further behind than {@link #REPLAY_MAX_ROWS}: refetch over REST.
 * A row of the snapshot or replay may come once more in the first update; clients keep rows by
 * {@code seq} (and escrows by id), so a repeat changes nothing.
 */
final class TailedChannel<T> {
    static final int POLL_BATCH_ROWS = 200;
    static final int SNAPSHOT_ROWS = 50;
    static final int REPLAY_MAX_ROWS = 500;
    static final int RECENT_KEYS = 4_096;

    /** Rows with seq above {@code afterSeq}, oldest first; {@code afterSeq < 0}: the newest {@code limit}. */
    @FunctionalInterface
    interface Source<T> {
        List<T> since(long afterSeq, int limit);
    }

    final String name;
    private final Source<T> source;
    private final ToLongFunction<T> seqOf;
    private final Function<T, String> keyOf;
    private final Function<T, JsonObject> view;
    private final long lookbackSeq;
    private final LinkedHashSet<String> recentKeys = new LinkedHashSet<>();
    /** Highest seq seen; -1 until the first poll, which only marks existing rows as seen. */
    private long cursorSeq = -1;
    private boolean caughtUp = true;
    private boolean polling;

    TailedChannel(final String name, final Source<T> source, final ToLongFunction<T> seqOf,
            final Function<T, String> keyOf, final Function<T, JsonObject> view, final long lookbackSeq) {
        if (lookbackSeq < 0) {
            throw new IllegalArgumentException("lookbackSeq must be >= 0");
        }
        this.name = name;
        this.source = source;
        this.seqOf = seqOf;
        this.keyOf = keyOf;
        this.view = view;
        this.lookbackSeq = lookbackSeq;
    }

    /** Claims the next poll; false while one is in flight. */
    boolean startPoll() {
        if (polling) {
            return false;
        }
        polling = true;
        return true;
    }

    /** The blocking read of a poll; {@code from} comes from {@link #pollFrom()} read on the context. */
    List<T> fetch(final long from) {
        return source.since(from, POLL_BATCH_ROWS);
    }

    long pollFrom() {
        if (cursorSeq < 0) {
            return -1;
        }
        // a full page of rows already sent would repeat forever: step past the look-back once
        return caughtUp ? Math.max(0, cursorSeq - lookbackSeq) : cursorSeq;
    }

    /** Back on the context: the update message for rows not yet published, or null. */
    JsonObject onPolled(final List<T> rows) {
        polling = false;
        final boolean first = cursorSeq < 0;
        final JsonArray fresh = new JsonArray();
        long maxSeq = Math.max(cursorSeq, 0);
        for (final T row : rows) {
            final long seq = seqOf.applyAsLong(row);
            maxSeq = Math.max(maxSeq, seq);
            if (remember(keyOf.apply(row)) && !first) {
                fresh.add(rowJson(row));
            }
        }
        caughtUp = rows.size() < POLL_BATCH_ROWS || !fresh.isEmpty();
        cursorSeq = maxSeq;
        return fresh.isEmpty() ? null : message("update", fresh);
    }

    void onPollFailed() {
        polling = false;
    }

    /** What a new subscriber gets first: the newest rows, or those after its {@code since}. */
    JsonObject firstMessage(final Long sinceSeq) {
        if (sinceSeq == null) {
            final JsonArray out = new JsonArray();
            source.since(-1, SNAPSHOT_ROWS).forEach(r -> out.add(rowJson(r)));
            return message("snapshot", out);
        }
        final List<T> rows = source.since(Math.max(0, sinceSeq), REPLAY_MAX_ROWS + 1);
        if (rows.size() > REPLAY_MAX_ROWS) {
            return new JsonObject().put("channel", name).put("type", "reset").put("seq", sinceSeq)
                    .put("rows", new JsonArray());
        }
        final JsonArray out = new JsonArray();
        rows.forEach(r -> out.add(rowJson(r)));
        return message("replay", out);
    }

    private boolean remember(final String key) {
        if (!recentKeys.add(key)) {
            return false;
        }
        if (recentKeys.size() > RECENT_KEYS) {
            final Iterator<String> oldest = recentKeys.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    private JsonObject rowJson(final T row) {
        return view.apply(row).put("seq", seqOf.applyAsLong(row));
    }

    private JsonObject message(final String type, final JsonArray rows) {
        long seq = 0;
        for (int i = 0; i < rows.size(); i++) {
            seq = Math.max(seq, rows.getJsonObject(i).getLong("seq"));
        }
        return new JsonObject().put("channel", name).put("type", type).put("seq", seq).put("rows", rows);
    }
}
