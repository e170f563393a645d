package space.tokenta.cluster.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import space.tokenta.cluster.node.ClusterMembers;
import space.tokenta.cluster.node.ClusterNode;
import space.tokenta.cluster.node.IdleProfile;
import space.tokenta.cluster.node.NodeConfig;

/** {@code tokenta node}: runs one member of a cluster until SIGINT/SIGTERM. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Run one member of a Tokenta cluster (runs until Ctrl-C / SIGTERM).")
public final class NodeCommand implements Callable<Integer> {
    @Option(names = "--id", required = true, description = "this member's id (0-based)")
    int memberId;

    @Option(names = "--members", required = true, paramLabel = "LIST|COUNT",
            description = "either \"0=host:portBase,1=host:portBase,...\" or a member count used with --port-base")
    String members;

    @Option(names = "--port-base", defaultValue = "20000",
            description = "first port when --members is a count; member i uses portBase+10*i .. +5 (default ${DEFAULT-VALUE})")
    int portBase;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "state root; this member uses DIR/node-<id> (default ${DEFAULT-VALUE})")
    Path dataDir = Path.of(".tokenta", "data");

    @Option(names = "--aeron-dir", paramLabel = "DIR", description = "media driver directory (default: in /dev/shm, per process)")
    Path aeronDir;

    @Option(names = "--tick-ms", defaultValue = "100", description = "TIME_TICK interval through a cluster timer, 0 = off (default ${DEFAULT-VALUE})")
    long tickMs;

    @Option(names = "--snapshot-interval-s", defaultValue = "600", description = "periodic snapshot interval, 0 = on request only (default ${DEFAULT-VALUE})")
    long snapshotIntervalS;

    @Option(names = "--idle", defaultValue = "balanced",
            description = "how idle agents wait: low-latency (yield, ~all CPU), balanced (park <= 50 us), low-cpu (park <= 1 ms) (default ${DEFAULT-VALUE})")
    String idle;

    static ClusterMembers parseMembers(final String members, final int portBase) {
        if (members.chars().allMatch(Character::isDigit)) {
            return ClusterMembers.loopback(Integer.parseInt(members), portBase);
        }
        return ClusterMembers.parse(members);
    }

    @Override
    public Integer call() {
        final ClusterMembers clusterMembers = parseMembers(members, portBase);
        final NodeConfig config = NodeConfig.of(memberId, clusterMembers, dataDir,
                        aeronDir != null ? aeronDir : NodeConfig.defaultAeronDirectory(memberId))
                .withTickIntervalMs(tickMs).withSnapshotIntervalS(snapshotIntervalS)
                .withIdleProfile(IdleProfile.parse(idle));
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
             ClusterNode node = ClusterNode.launch(config)) {
            System.out.printf("tokenta node %d ready: members %s, ingress %s, data %s%n", memberId, clusterMembers,
                    clusterMembers.ingressEndpoints(), config.nodeDirectory());
            System.out.flush();
            barrier.await();
            System.out.printf("tokenta node %d stopping%n", memberId);
            System.out.flush();
        }
        return 0;
    }

    /** Runs a node in a JVM of its own (what tests and scripts start). */
    public static void main(final String[] args) {
        System.exit(new CommandLine(new NodeCommand()).execute(args));
    }
}
