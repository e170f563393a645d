package space.tokenta.gateway;

import space.tokenta.gateway.port.EventFeed;
import space.tokenta.gateway.port.OrderEntry;
import space.tokenta.gateway.port.ReadModels;

/** What the gateway needs from the rest of the system. */
public record Ports(OrderEntry orderEntry, EventFeed eventFeed, ReadModels readModels) {
}
