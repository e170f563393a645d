package space.tokenta.cluster.admin;

import java.io.PrintStream;
import space.tokenta.cluster.client.TokentaClusterClient;
import space.tokenta.cluster.codec.Messages;
import space.tokenta.cluster.node.ClusterMembers;

/** What {@code tokenta cluster status} prints: the leader, the members and the state at one log position. */
public final class ClusterStatusReport {
    private ClusterStatusReport() {
    }

    public static void print(final ClusterMembers members, final TokentaClusterClient client, final PrintStream out) {
        final Messages.Status status = client.status();
        out.printf("members:          %s%n", members);
        out.printf("leader:           member %d%n", client.leaderMemberId());
        out.printf("log position:     %d%n", status.logPosition());
        out.printf("cluster time:     %d ns%n", status.timestampNs());
        out.printf("latest snapshot:  %s%n", status.lastSnapshotLogPosition() < 0 ? "none"
                : "at log position " + status.lastSnapshotLogPosition());
        out.printf("state hash:       %016x%n", status.stateHash());
        out.printf("engine:           %d assets, %d instruments, %d open orders, %d pending transfers%n",
                status.assetCount(), status.instrumentCount(), status.openOrders(), status.pendingTransfers());
    }
}
