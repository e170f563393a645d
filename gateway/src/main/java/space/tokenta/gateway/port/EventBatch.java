package space.tokenta.gateway.port;

import java.util.List;

/** The events of one sequenced command; {@code sequence} increases by one per command, without gaps. */
public record EventBatch(long sequence, List<ExchangeEvent> events) {
    public EventBatch {
        events = List.copyOf(events);
    }
}
