package space.tokenta.research.eval;

import java.util.ArrayList;
import java.util.List;
import space.tokenta.research.sim.EventSink;

/**
 * Collects an episode's events as (kind, data JSON) pairs in a fixed textual form, so the same
 * episode re-run must produce the same bytes.
 */
public final class EventBuffer implements EventSink {
    /** One logged event. */
    public record Event(String kind, String data) {}

    private static final int MAX_EVENTS = 1_000_000;
    private final List<Event> events = new ArrayList<>();

    public List<Event> events() {
        return events;
    }

    public void add(final String kind, final String data) {
        if (events.size() >= MAX_EVENTS) {
            throw new IllegalStateException("more than " + MAX_EVENTS + " events in one episode");
        }
        events.add(new Event(kind, data));
    }

    @Override
    public void handover(final int tick, final int fromCell, final int toCell) {
        add("HO", "{\"t\":" + tick + ",\"from\":" + fromCell + ",\"to\":" + toCell + "}");
    }

    @Override
    public void pingPong(final int tick, final int fromCell, final int toCell) {
        add("PING_PONG", "{\"t\":" + tick + ",\"from\":" + fromCell + ",\"to\":" + toCell + "}");
    }

    @Override
    public void handoverFailure(final int tick, final int fromCell, final int toCell, final String cause) {
        add("HOF", "{\"t\":" + tick + ",\"from\":" + fromCell + ",\"to\":" + toCell + ",\"cause\":\"" + cause + "\"}");
    }

    @Override
    public void radioLinkFailure(final int tick, final int cell) {
        add("RLF", "{\"t\":" + tick + ",\"cell\":" + cell + "}");
    }

    @Override
    public void reestablished(final int tick, final int cell) {
        add("REESTABLISH", "{\"t\":" + tick + ",\"cell\":" + cell + "}");
    }

    @Override
    public void fallback(final int tick, final long seq, final String reason) {
        add("FALLBACK", "{\"t\":" + tick + ",\"seq\":" + seq + ",\"reason\":\"" + reason + "\"}");
    }
}
