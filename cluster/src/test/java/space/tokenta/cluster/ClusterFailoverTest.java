package space.tokenta.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
import space.tokenta.cluster.service.EventJournal;
import space.tokenta.engine.command.Command;

/**
 * Three members in JVMs of their own under load (with GTD orders expiring through the cluster's tick
 * timer); the leader is killed; a new leader takes over and the client carries on; no acknowledged
 * command is lost; the killed member rejoins and catches up; every member reports the same state hash
 * at the same log position, equal to a fresh engine replaying the journal, and the members' event
 * journals are byte-identical.
 */
class ClusterFailoverTest {
    @TempDir
    Path root;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void leaderKilledUnderLoadLosesNothingAcknowledged() throws Exception {
        final int portBase = NodeProcess.freePortBase(3);
        final String members = "0=127.0.0.1:" + portBase + ",1=127.0.0.1:" + (portBase + 10) + ",2=127.0.0.1:"
                + (portBase + 20);
        final String ingress = "0=127.0.0.1:" + (portBase + 1) + ",1=127.0.0.1:" + (portBase + 11)
                + ",2=127.0.0.1:" + (portBase + 21);
        final NodeProcess[] nodes = new NodeProcess[3];
        try {
            for (int i = 0; i < 3; i++) {
                nodes[i] = new NodeProcess(root, i, members, 100).start();
            }
            for (final NodeProcess node : nodes) {
                node.awaitReady(60_000);
            }
            final Map<Long, Long> ackedPositionByRequest = new HashMap<>();
            final long[] lastAckTimestampNs = {0};
            final long[] lastAckAtNs = {0};
            final long[] killedAtNs = {Long.MAX_VALUE};
            final long[] firstAckAfterKillNs = {0};
            final TokentaClusterClient.ResponseHandler onAck = new TokentaClusterClient.ResponseHandler() {
                @Override
                public void onResponse(final long requestId, final long logPosition, final long timestampNs,
                        final long orderId, final DirectBuffer events, final int offset, final int length,
                        final int eventCount) {
                    ackedPositionByRequest.put(requestId, logPosition);
                    lastAckTimestampNs[0] = timestampNs;
                    lastAckAtNs[0] = System.nanoTime();
                    if (firstAckAfterKillNs[0] == 0 && lastAckAtNs[0] > killedAtNs[0]) {
                        firstAckAfterKillNs[0] = lastAckAtNs[0];
                    }
                }
            };
            final int killed;
            try (TokentaClusterClient client = TokentaClusterClient.connect(
                    new TokentaClusterClient.Config(ingress, null, 16, 3_000, 30_000))) {
                for (final Command setup : Workload.setup()) {
                    final var response = client.submit(setup);
                    ackedPositionByRequest.put(response.requestId(), response.logPosition());
                    lastAckTimestampNs[0] = response.timestampNs();
                }
                final Workload workload = new Workload(7);
                drive(client, workload, onAck, lastAckTimestampNs, ackedPositionByRequest, 1_000);
                killed = client.leaderMemberId();
                assertTrue(killed >= 0 && killed < 3, "leader known: " + killed);
                nodes[killed].kill();
                killedAtNs[0] = System.nanoTime();
                final int ackedAtKill = ackedPositionByRequest.size();
                drive(client, workload, onAck, lastAckTimestampNs, ackedPositionByRequest, ackedAtKill + 1_000);
                assertNotEquals(killed, client.leaderMemberId(), "a new leader took over");
                System.out.printf("fail-over: member %d killed, member %d leads, first ack %d ms after the kill; "
                        + "%d acks after the kill%n", killed, client.leaderMemberId(),
                        (firstAckAfterKillNs[0] - killedAtNs[0]) / 1_000_000, ackedPositionByRequest.size() - ackedAtKill);
                assertTrue(firstAckAfterKillNs[0] > killedAtNs[0]);

                nodes[killed].start().awaitReady(60_000);
                final Messages.Status status = client.status();
                final String expected = status.logPosition() + " " + Long.toHexString(status.stateHash()) + " "
                        + status.requestId();
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                for (final NodeProcess node : nodes) {
                    while (!node.statusLine().equals(expected) && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    assertEquals(expected, node.statusLine(), "member state at the status request's log position");
                }
                final Journal journal = Journal.read(nodes[0].nodeDirectory());
                assertEquals(journal.replayHash(status.logPosition()), status.stateHash(),
                        "state = fresh replay of the journal up to the status request");
                final Map<Long, Long> requestByPosition = new HashMap<>();
                for (final Journal.Entry e : journal.entries()) {
                    requestByPosition.put(e.logPosition(), e.requestId());
                }
                for (final Map.Entry<Long, Long> acked : ackedPositionByRequest.entrySet()) {
                    assertEquals(acked.getKey(), requestByPosition.get(acked.getValue()),
                            "acknowledged request at its log position");
                }
                assertTrue(journal.entries().stream().anyMatch(e -> e.events().stream()
                        .anyMatch(ev -> ev instanceof space.tokenta.engine.event.Event.OrderExpired)),
                        "GTD orders expired through the cluster timer");
            }
            for (final NodeProcess node : nodes) {
                node.kill();
            }
            // ticks kept coming after the status request: compare the streams over their common length
            final byte[][] journals = new byte[3][];
            int common = Integer.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                journals[i] = Files.readAllBytes(nodes[i].nodeDirectory().resolve("events")
                        .resolve(EventJournal.FILE_NAME));
                common = Math.min(common, journals[i].length);
            }
            assertTrue(common > 100_000, "journals hold the whole run: " + common + " bytes");
            for (int i = 1; i < 3; i++) {
                assertArrayEquals(Arrays.copyOf(journals[0], common), Arrays.copyOf(journals[i], common),
                        "member " + i + " event stream is byte-identical to member 0");
            }
        } finally {
            for (final NodeProcess node : nodes) {
                if (node != null) {
                    node.kill();
                }
            }
        }
    }

    /** Pipelined load until {@code targetAcks} acknowledgements; unavailability while a leader is elected is retried. */
    private static void drive(final TokentaClusterClient client, final Workload workload,
            final TokentaClusterClient.ResponseHandler onAck, final long[] clusterNowNs,
            final Map<Long, Long> acked, final int targetAcks) {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acked.size() < targetAcks) {
            assertTrue(System.nanoTime() < deadline, "load stalled at " + acked.size() + " acks");
            try {
                client.send(workload.next(clusterNowNs[0], TimeUnit.MILLISECONDS.toNanos(150)));
                client.poll(onAck);
            } catch (final ClusterUnavailableException electing) {
                // bounded retries ran out while no leader served: try again
            }
        }
        final long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (client.inFlight() > 0 && System.nanoTime() < drainDeadline) {
            client.poll(onAck);
        }
    }
}
