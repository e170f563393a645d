package space.tokenta.cluster.node;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import space.tokenta.cluster.client.CommandResponse;
import space.tokenta.cluster.client.TokentaClusterClient;
import space.tokenta.cluster.codec.Messages;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.event.Event;

/**
 * {@code tokenta up}: a single-member cluster in this process under {@code dataDir/node-0}, loaded with
 * the given bootstrap commands the first time only (when the engine has no instrument yet), running
 * until {@code stop} is released.
 */
public final class EmbeddedTokenta {
    public static final int DEFAULT_PORT_BASE = 29000;

    private EmbeddedTokenta() {
    }

    public static int run(final Path dataDir, final int portBase, final List<Command> bootstrap, final PrintStream out,
            final CountDownLatch stop) throws Exception {
        return run(dataDir, portBase, NodeConfig.DEFAULT_IDLE_PROFILE, bootstrap, out, stop);
    }

    /** As {@link #run(Path, int, List, PrintStream, CountDownLatch)} with the agents' idle profile chosen. */
    public static int run(final Path dataDir, final int portBase, final IdleProfile idleProfile,
            final List<Command> bootstrap, final PrintStream out, final CountDownLatch stop) throws Exception {
        Files.createDirectories(dataDir);
        final ClusterMembers members = ClusterMembers.loopback(1, portBase);
        final NodeConfig config = NodeConfig.of(0, members, dataDir, NodeConfig.defaultAeronDirectory(0))
                .withIdleProfile(idleProfile);
        try (ClusterNode node = ClusterNode.launch(config);
             TokentaClusterClient client = TokentaClusterClient.connect(
                     TokentaClusterClient.Config.of(TokentaClusterClient.IPC_INGRESS, node.aeronDirectoryName()))) {
            Messages.Status status = client.status();
            if (status.instrumentCount() == 0) {
                for (final Command command : bootstrap) {
                    final CommandResponse response = client.submit(command);
                    for (final Event event : response.events()) {
                        if (event instanceof Event.CommandRejected rejected) {
                            throw new IllegalStateException("bootstrap command rejected: " + rejected);
                        }
                    }
                }
                status = client.status();
                out.printf("loaded the default market: %d assets, %d instruments%n", status.assetCount(),
                        status.instrumentCount());
            } else {
                out.printf("resumed: %d assets, %d instruments, %d open orders%n", status.assetCount(),
                        status.instrumentCount(), status.openOrders());
            }
            out.printf("ready: %d instruments, single-node cluster, ingress %s, data %s, log position %d, "
                    + "state hash %016x (Ctrl-C to stop)%n", status.instrumentCount(), members.ingressEndpoints(),
                    config.nodeDirectory(), status.logPosition(), status.stateHash());
            out.flush();
            stop.await();
            status = client.status();
            out.printf("stopped: log position %d, state hash %016x%n", status.logPosition(), status.stateHash());
            out.flush();
        }
        return 0;
    }
}
