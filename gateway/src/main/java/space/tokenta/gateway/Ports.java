package space.tokenta.gateway;

import space.tokenta.gateway.port.EscrowDisputes;
import space.tokenta.gateway.port.EventFeed;
import space.tokenta.gateway.port.OrderEntry;
import space.tokenta.gateway.port.ReadModels;
import space.tokenta.gateway.port.RpcNodes;

/** What the gateway needs from the rest of the system. */
public record Ports(OrderEntry orderEntry, EventFeed eventFeed, ReadModels readModels, RpcNodes rpcNodes,
                    EscrowDisputes escrowDisputes) {

    /** A node without chains. */
    public Ports(final OrderEntry orderEntry, final EventFeed eventFeed, final ReadModels readModels) {
        this(orderEntry, eventFeed, readModels, RpcNodes.NONE);
    }

    /** A node without settlement. */
    public Ports(final OrderEntry orderEntry, final EventFeed eventFeed, final ReadModels readModels,
            final RpcNodes rpcNodes) {
        this(orderEntry, eventFeed, readModels, rpcNodes, EscrowDisputes.NONE);
    }
}
