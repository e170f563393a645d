package space.tokenta.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import space.tokenta.cluster.client.ClusterUnavailableException;
import space.tokenta.cluster.client.TokentaClusterClient;
import space.tokenta.cluster.codec.Messages;
import space.tokenta.engine.command.Command;

/**
 * A single node in its own JVM under pipelined load, a snapshot half-way, kill -9, restart on the same
 * directory: every acknowledged command is at its acknowledged log position, and the recovered state
 * (snapshot + log replay) hashes the same as a fresh engine replaying the journaled commands.
 */
class ClusterCrashRecoveryTest {
    @TempDir
    Path root;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void acknowledgedCommandsSurviveKillMinus9() throws Exception {
        final int portBase = NodeProcess.freePortBase(1);
        final String members = "0=127.0.0.1:" + portBase;
        final String ingress = "0=127.0.0.1:" + (portBase + 1);
        final Map<Long, Long> ackedPositionByRequest = new HashMap<>();
        try (NodeProcess node = new NodeProcess(root, 0, members, 0)) {
            node.start().awaitReady(30_000);
            try (TokentaClusterClient client = TokentaClusterClient.connect(
                    new TokentaClusterClient.Config(ingress, null, 64, 2_000, 10_000))) {
                for (final Command setup : Workload.setup()) {
                    final var response = client.submit(setup);
                    ackedPositionByRequest.put(response.requestId(), response.logPosition());
                }
                final Workload workload = new Workload(42);
                final TokentaClusterClient.ResponseHandler onAck = new TokentaClusterClient.ResponseHandler() {
                    @Override
                    public void onResponse(final long requestId, final long logPosition, final long timestampNs,
                            final long orderId, final DirectBuffer events, final int offset, final int length,
                            final int eventCount) {
                        ackedPositionByRequest.put(requestId, logPosition);
                    }
                };
                boolean snapshotTaken = false;
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                int sent = 0;
                while (ackedPositionByRequest.size() < 3_000 && System.nanoTime() < deadline) {
                    if (client.send(workload.next(0, 0)) > 0) {
                        sent++;
                    }
                    client.poll(onAck);
                    if (!snapshotTaken && ackedPositionByRequest.size() > 1_500) {
                        assertTrue(client.snapshot(), "snapshot on request");
                        snapshotTaken = true;
                    }
                }
                assertTrue(snapshotTaken);
                // more load in flight while the node dies
                for (int i = 0; i < 200; i++) {
                    client.send(workload.next(0, 0));
                    client.poll(onAck);
                }
                node.kill();
                final long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (client.inFlight() > 0 && System.nanoTime() < drainUntil) {
                    try {
                        client.poll(onAck);
                    } catch (final ClusterUnavailableException expected) {
                        break;
                    }
                }
                assertTrue(sent > 0);
            }
            node.start().awaitReady(30_000);
            try (TokentaClusterClient client = TokentaClusterClient.connect(
                    new TokentaClusterClient.Config(ingress, null, 64, 10_000, 20_000))) {
                final Messages.Status status = client.status();
                final Journal journal = Journal.read(node.nodeDirectory());
                final Map<Long, Journal.Entry> byPosition = new HashMap<>();
                for (final Journal.Entry e : journal.entries()) {
                    byPosition.put(e.logPosition(), e);
                }
                long lastAckedPosition = 0;
                for (final Map.Entry<Long, Long> acked : ackedPositionByRequest.entrySet()) {
                    final Journal.Entry entry = byPosition.get(acked.getValue());
                    assertTrue(entry != null, "acknowledged request " + acked.getKey() + " lost");
                    assertEquals(acked.getKey(), entry.requestId());
                    lastAckedPosition = Math.max(lastAckedPosition, acked.getValue());
                }
                // one client in order: what was applied but not acknowledged can only follow the acknowledged
                for (final Journal.Entry e : journal.entries()) {
                    if (!ackedPositionByRequest.containsKey(e.requestId())) {
                        assertTrue(e.logPosition() > lastAckedPosition, "unacknowledged command before an acked one");
                    }
                }
                assertTrue(status.lastSnapshotLogPosition() > 0, "recovered from the snapshot");
                assertEquals(journal.replayHash(), status.stateHash(), "recovered state = replay of the journal");
                assertFalse(journal.entries().isEmpty());
            }
            final int exit = node.terminate(15_000);
            assertTrue(exit == 0 || exit == 143, "stopped by SIGTERM without being killed: " + exit);
            assertTrue(node.output().contains("stopping"));
        }
    }
}
