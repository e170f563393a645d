package space.tokenta.gateway.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The exec_log ring against a plain list of every line: consecutive numbers, exact replays, resets outside it. */
class ExecLogRingProperties {

    @Property(tries = 300)
    void replayIsExactlyTheMissedLinesOrAReset(@ForAll @IntRange(min = 1, max = 64) final int capacity,
            @ForAll @IntRange(min = 0, max = 200) final int lineCount, @ForAll @LongRange(min = 0, max = 1_000) final long firstPos,
            @ForAll @LongRange(min = 0, max = 1_300_000) final long since) {
        final ExecLogRing ring = new ExecLogRing(capacity);
        final List<JsonObject> all = new ArrayList<>();
        long pos = firstPos;
        for (int n = 0; n < lineCount; n++) {
            pos += n % 3 == 0 ? 7 : 0;
            final JsonObject line = ring.append(pos, "FILL", "S", n, "line " + n);
            if (!all.isEmpty()) {
                assertEquals(all.get(all.size() - 1).getLong("seq") + 1, line.getLong("seq"));
            } else {
                assertEquals(pos * ExecLogRing.SEQ_PER_POSITION, line.getLong("seq"));
            }
            all.add(line);
        }
        final JsonObject answer = ring.resync(since);
        final List<JsonObject> missed = all.stream().filter(l -> l.getLong("seq") > since).toList();
        // remembered: the line right after since is still in the ring (or since is the last line)
        final boolean remembered = !all.isEmpty() && since <= ring.lastSeq() && missed.size() <= capacity
                && (missed.isEmpty() || missed.get(0).getLong("seq") == since + 1);
        if (remembered) {
            assertEquals("replay", answer.getString("type"));
            assertEquals(new JsonArray(new ArrayList<>(missed)), answer.getJsonArray("rows"));
            assertEquals(ring.lastSeq(), answer.getLong("seq"));
        } else {
            assertEquals("reset", answer.getString("type"));
            assertEquals(0, answer.getJsonArray("rows").size());
        }
    }

    @Test
    void refusesBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new ExecLogRing(0));
        assertThrows(IllegalArgumentException.class, () -> new ExecLogRing(8).append(-1, "OPEN", "S", 0, "x"));
    }
}
