package space.tokenta.gateway.port;

import space.tokenta.engine.event.Event;
import java.util.List;

/** The events of one sequenced command; {@code sequence} increases by one per command, without gaps. */
public record EventBatch(long sequence, List<Event> events) {
    public EventBatch {
        events = List.copyOf(events);
    }
}
