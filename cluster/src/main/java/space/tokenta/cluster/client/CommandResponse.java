package space.tokenta.cluster.client;

import java.util.List;
import space.tokenta.engine.event.Event;

/**
 * The cluster's answer to one command: where it sits in the log, the sequenced timestamp and order
 * ids, and its events ({@code eventsInJournal}: too many for egress, read them from the event stream).
 */
public record CommandResponse(long requestId, long logPosition, long timestampNs, long orderId, long newOrderId,
        List<Event> events, boolean eventsInJournal) {
}
