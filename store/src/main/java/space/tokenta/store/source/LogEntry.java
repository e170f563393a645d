package space.tokenta.store.source;

import java.util.List;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.event.Event;

/**
 * One sequenced command at its log position with the events the engine emitted for it, in order.
 * {@code command} carries the reference data that events do not (an instrument's symbol and
 * parameters, a listing's capacity); it must not be mutated by a consumer.
 */
public record LogEntry(long position, Command command, List<Event> events) {
    public LogEntry {
        if (position <= 0) {
            throw new IllegalArgumentException("log position must be positive: " + position);
        }
        if (command == null || command.type == null) {
            throw new IllegalArgumentException("log entry at " + position + " has no command");
        }
        events = List.copyOf(events);
    }
}
