package space.tokenta.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import space.tokenta.cluster.client.ClusterUnavailableException;
import space.tokenta.cluster.client.CommandResponse;
import space.tokenta.cluster.client.TokentaClusterClient;
import space.tokenta.cluster.node.ClusterMembers;
import space.tokenta.cluster.node.ClusterNode;
import space.tokenta.cluster.node.NodeConfig;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.event.Event;

/** The client's limits: a clear error when no cluster answers, a bounded in-flight window, correlated answers. */
class TokentaClusterClientTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void noClusterIsAClearErrorWithinTheConnectTimeout() {
        final int portBase = NodeProcess.freePortBase(1);
        final long start = System.nanoTime();
        final ClusterUnavailableException e = assertThrows(ClusterUnavailableException.class,
                () -> TokentaClusterClient.connect(new TokentaClusterClient.Config("0=127.0.0.1:" + (portBase + 1),
                        null, 4, 1_000, 2_000)).close());
        assertTrue(e.getMessage().contains("unavailable"), e.getMessage());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "bounded");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void inFlightIsBoundedAndAnswersAreCorrelated() {
        final ClusterMembers members = ClusterMembers.loopback(1, NodeProcess.freePortBase(1));
        try (ClusterNode node = ClusterNode.launch(NodeConfig.of(0, members, dir, dir.resolve("aeron")));
             TokentaClusterClient client = TokentaClusterClient.connect(new TokentaClusterClient.Config(
                     members.ingressEndpoints(), node.aeronDirectoryName(), 2, 5_000, 10_000))) {
            final Command account = new Command();
            account.type = space.tokenta.engine.command.CommandType.ADD_ACCOUNT;
            account.accountId = 5;
            final long first = client.send(account);
            account.accountId = 6;
            final long second = client.send(account);
            assertTrue(first > 0 && second > first);
            assertEquals(-1, client.send(account), "third request refused while two are in flight");
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (client.inFlight() > 0 && System.nanoTime() < deadline) {
                client.poll((id, p, t, o, b, off, len, n) -> { });
            }
            assertEquals(0, client.inFlight());
            account.accountId = 7;
            final CommandResponse response = client.submit(account);
            assertTrue(response.logPosition() > 0 && response.timestampNs() > 0);
            assertEquals(java.util.List.of(new Event.CommandApplied(response.timestampNs(),
                    space.tokenta.engine.command.CommandType.ADD_ACCOUNT, 7, 7)), response.events());
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aClientSilentForLongerThanTheSessionTimeoutIsStillAnswered() throws Exception {
        final ClusterMembers members = ClusterMembers.loopback(1, NodeProcess.freePortBase(1));
        try (ClusterNode node = ClusterNode.launch(NodeConfig.of(0, members, dir, dir.resolve("aeron")));
             TokentaClusterClient client = TokentaClusterClient.connect(new TokentaClusterClient.Config(
                     members.ingressEndpoints(), node.aeronDirectoryName(), 2, 5_000, 10_000))) {
            final Command account = new Command();
            account.type = space.tokenta.engine.command.CommandType.ADD_ACCOUNT;
            account.accountId = 11;
            client.submit(account);
            // longer than the node's 10 s session timeout, without polling: the cluster closes the session
            Thread.sleep(11_500);
            account.accountId = 12;
            final CommandResponse response = client.submit(account);
            assertEquals(java.util.List.of(new Event.CommandApplied(response.timestampNs(),
                    space.tokenta.engine.command.CommandType.ADD_ACCOUNT, 12, 12)), response.events());
        }
    }
}
