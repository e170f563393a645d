package space.tokenta.gateway.port;

import space.tokenta.engine.event.Event;
import java.util.List;

/**
 * The outcome of one submitted command: its position in the ordered event stream and the events it
 * caused, in order (the last one is terminal).
 */
public record CommandResult(long sequence, long orderId, List<Event> events) {
    public CommandResult {
        events = List.copyOf(events);
    }

    public Event terminal() {
        return events.isEmpty() ? null : events.get(events.size() - 1);
    }
}
