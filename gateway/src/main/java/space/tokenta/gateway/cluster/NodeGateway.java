package space.tokenta.gateway.cluster;

import java.nio.file.Path;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import space.tokenta.cluster.client.TokentaClusterClient;
import space.tokenta.cluster.node.IdleProfile;
import space.tokenta.gateway.GatewayConfig;
import space.tokenta.gateway.GatewayServer;
import space.tokenta.gateway.Ports;
import space.tokenta.gateway.port.EscrowDisputes;
import space.tokenta.gateway.port.RpcNodes;
import space.tokenta.gateway.persist.JdbcCredentialStore;
import space.tokenta.gateway.store.StoreReadModels;

/**
 * The gateway on a running node: order entry over the cluster client, the event stream from the
 * node's journal, read models from PostgreSQL (books folded from the journal), credentials in the
 * gateway's own tables. Closing stops the server, then the feed, then order entry.
 */
public final class NodeGateway implements AutoCloseable {
    /** Request bounds of the gateway's cluster session. */
    public static final int MAX_IN_FLIGHT = 4_096;
    public static final long REQUEST_TIMEOUT_MS = 5_000;
    public static final long CONNECT_TIMEOUT_MS = 10_000;
    /**
     * After a submit, order entry's thread (sender and journal follower) polls without parking for this long:
     * the answer and the command's journal record are due within a loopback round trip (tens of us on an
     * idle machine). Kept short because a yielding thread competes with the node's own agents for the
     * cores; an answer later than this is still read, after the idle profile's park.
     */
    public static final long HOT_WINDOW_NS = 200_000;

    private final ClusterOrderEntry orderEntry;
    private final JournalEventFeed feed;
    private final StoreReadModels readModels;
    private final GatewayServer server;

    private NodeGateway(final ClusterOrderEntry orderEntry, final JournalEventFeed feed,
            final StoreReadModels readModels, final GatewayServer server) {
        this.orderEntry = orderEntry;
        this.feed = feed;
        this.readModels = readModels;
        this.server = server;
    }

    /**
     * @param nodeDirectory      the node's data directory (its event journal)
     * @param aeronDirectory     the node's media driver (the gateway talks to it over shared memory)
     * @param dataSource         the read-model database
     * @param projectedPosition  the projector's committed log position
     */
    public static NodeGateway start(final Path nodeDirectory, final String aeronDirectory, final DataSource dataSource,
            final LongSupplier projectedPosition, final GatewayConfig config) {
        return start(nodeDirectory, aeronDirectory, dataSource, projectedPosition, config, IdleProfile.BALANCED);
    }

    /** As above, the feed and order-entry threads waiting as the node's agents do ({@code idle}). */
    public static NodeGateway start(final Path nodeDirectory, final String aeronDirectory, final DataSource dataSource,
            final LongSupplier projectedPosition, final GatewayConfig config, final IdleProfile idle) {
        return start(nodeDirectory, aeronDirectory, dataSource, projectedPosition, config, idle, RpcNodes.NONE);
    }

    /** As above, with the node's chain upstream pools for {@code GET /v1/rpc/nodes}. */
    public static NodeGateway start(final Path nodeDirectory, final String aeronDirectory, final DataSource dataSource,
            final LongSupplier projectedPosition, final GatewayConfig config, final IdleProfile idle,
            final RpcNodes rpcNodes) {
        return start(nodeDirectory, aeronDirectory, dataSource, projectedPosition, config, idle, rpcNodes,
                EscrowDisputes.NONE);
    }

    /** As above, with the node's settlement for {@code POST /v1/escrows/{id}/dispute}. */
    public static NodeGateway start(final Path nodeDirectory, final String aeronDirectory, final DataSource dataSource,
            final LongSupplier projectedPosition, final GatewayConfig config, final IdleProfile idle,
            final RpcNodes rpcNodes, final EscrowDisputes escrowDisputes) {
        ClusterOrderEntry orderEntry = null;
        JournalEventFeed feed = null;
        StoreReadModels readModels = null;
        try {
            readModels = new StoreReadModels(dataSource, projectedPosition);
            feed = new JournalEventFeed(nodeDirectory, 0);
            // the books are folded from the whole journal; subscribers then see only what follows
            feed.catchUp(readModels::onBatch);
            feed.subscribe(readModels::onBatch);
            // one thread sends orders, reads their answers and follows the journal (fills, books, answers the
            // egress dropped); it idles as the node's agents do but stays unparked for a round trip after each
            // submit (not with low-cpu: that profile trades latency for idle CPU)
            orderEntry = ClusterOrderEntry.connect(new TokentaClusterClient.Config(TokentaClusterClient.IPC_INGRESS,
                    aeronDirectory, MAX_IN_FLIGHT, REQUEST_TIMEOUT_MS, CONNECT_TIMEOUT_MS), orderPathIdle(idle), feed);
            final GatewayServer server = GatewayServer.start(new Ports(orderEntry, feed, readModels, rpcNodes,
                    escrowDisputes), config,
                    JdbcCredentialStore.open(dataSource));
            return new NodeGateway(orderEntry, feed, readModels, server);
        } catch (final RuntimeException e) {
            closeQuietly(orderEntry);
            closeQuietly(feed);
            closeQuietly(readModels);
            throw e;
        }
    }

    /** The idle strategy of a thread on the order path: the profile's, kept hot after submits unless low-cpu. */
    static org.agrona.concurrent.IdleStrategy orderPathIdle(final IdleProfile idle) {
        return idle == IdleProfile.LOW_CPU ? idle.newIdleStrategy()
                : new HotWindowIdleStrategy(idle.newIdleStrategy(), HOT_WINDOW_NS);
    }

    private static void closeQuietly(final AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (final Exception ignored) {
                // already failing: the first error is the one reported
            }
        }
    }

    public GatewayServer server() {
        return server;
    }

    public StoreReadModels readModels() {
        return readModels;
    }

    public JournalEventFeed feed() {
        return feed;
    }

    public ClusterOrderEntry orderEntry() {
        return orderEntry;
    }

    @Override
    public void close() {
        server.close();
        feed.close();
        orderEntry.close();
        readModels.close();
    }
}
