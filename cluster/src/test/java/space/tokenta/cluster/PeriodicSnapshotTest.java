package space.tokenta.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import space.tokenta.cluster.client.TokentaClusterClient;
import space.tokenta.cluster.codec.Messages;
import space.tokenta.cluster.node.ClusterMembers;
import space.tokenta.cluster.node.ClusterNode;
import space.tokenta.cluster.node.NodeConfig;

/** The leader takes a snapshot every snapshotIntervalS without being asked. */
class PeriodicSnapshotTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void leaderSnapshotsPeriodically() throws Exception {
        final ClusterMembers members = ClusterMembers.loopback(1, NodeProcess.freePortBase(1));
        final NodeConfig config = NodeConfig.of(0, members, dir, dir.resolve("aeron")).withSnapshotIntervalS(1);
        try (ClusterNode node = ClusterNode.launch(config);
             TokentaClusterClient client = TokentaClusterClient.connect(
                     TokentaClusterClient.Config.of(members.ingressEndpoints(), node.aeronDirectoryName()))) {
            Messages.Status first = client.status();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (first.lastSnapshotLogPosition() <= 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                first = client.status();
            }
            assertTrue(first.lastSnapshotLogPosition() > 0, "a periodic snapshot was taken");
            Messages.Status later = client.status();
            while (later.lastSnapshotLogPosition() <= first.lastSnapshotLogPosition() && System.nanoTime() < deadline) {
                Thread.sleep(200);
                later = client.status();
            }
            assertTrue(later.lastSnapshotLogPosition() > first.lastSnapshotLogPosition(), "and another one after it");
        }
    }
}
