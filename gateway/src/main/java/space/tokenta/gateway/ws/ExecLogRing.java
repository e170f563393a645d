package space.tokenta.gateway.ws;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The {@code exec_log} channel's numbering and its bounded memory of recent lines, so a client that
 * reconnects with {@code "since":{"exec_log":<seq>}} gets the lines it missed.
 *
 * <p>Lines are numbered consecutively (a client sees a gap as a missing number). The numbering of a
 * gateway starts at {@link #SEQ_PER_POSITION} × the event-stream position of its first line, so it
 * never goes backwards across gateway restarts (positions grow by at least one per command, and a
 * command yields far fewer lines than that on average); each line also carries that position as
 * {@code pos}. A {@code since} outside what this gateway remembers (older than the ring, or newer
 * than its last line, e.g. from before a restart) is answered with {@code reset}.
 *
 * <p>Messages: live lines are {@code {"channel":"exec_log","type":"update","seq","pos","code",
 * "symbol","timestampNs","line"}}; a resync is {@code {"channel","type":"replay","seq","rows":[lines]}}
 * ({@code seq} = the last line's, the newest line when none is missing) or
 * {@code {"channel","type":"reset","seq":<since>,"rows":[]}}. Touched only on the hub's context.
 */
final class ExecLogRing {
    static final String CHANNEL = "exec_log";
    static final long SEQ_PER_POSITION = 1_024;
    private final int capacity;
    private final ArrayDeque<JsonObject> lines;
    /** Number of the last line; -1 before the first. */
    private long lastSeq = -1;

    ExecLogRing(final int capacity) {
        if (capacity < 1 || capacity > 1_000_000) {
            throw new IllegalArgumentException("capacity must be 1..1000000");
        }
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(capacity);
    }

    long lastSeq() {
        return lastSeq;
    }

    /** Numbers, remembers and returns the live message of a line seen at event-stream position {@code pos}. */
    JsonObject append(final long pos, final String code, final String symbol, final long timestampNs, final String text) {
        if (pos < 0) {
            throw new IllegalArgumentException("pos must be >= 0");
        }
        lastSeq = lastSeq < 0 ? Math.multiplyExact(pos, SEQ_PER_POSITION) : lastSeq + 1;
        final JsonObject line = new JsonObject().put("channel", CHANNEL).put("type", "update").put("seq", lastSeq)
                .put("pos", pos).put("code", code).put("symbol", symbol).put("timestampNs", timestampNs).put("line", text);
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
        return line;
    }

    /** The answer to {@code since}: the lines after it, or a reset when they are not all remembered. */
    JsonObject resync(final long sinceSeq) {
        final long oldest = lines.isEmpty() ? lastSeq + 1 : lines.peekFirst().getLong("seq");
        if (sinceSeq > lastSeq || sinceSeq < oldest - 1) {
            return new JsonObject().put("channel", CHANNEL).put("type", "reset").put("seq", sinceSeq)
                    .put("rows", new JsonArray());
        }
        final JsonArray rows = new JsonArray();
        final Iterator<JsonObject> newestFirst = lines.descendingIterator();
        final ArrayDeque<JsonObject> missed = new ArrayDeque<>();
        while (newestFirst.hasNext()) {
            final JsonObject line = newestFirst.next();
            if (line.getLong("seq") <= sinceSeq) {
                break;
            }
            missed.addFirst(line);
        }
        missed.forEach(rows::add);
        return new JsonObject().put("channel", CHANNEL).put("type", "replay").put("seq", lastSeq).put("rows", rows);
    }
}
