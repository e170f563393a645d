package space.tokenta.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import space.tokenta.cluster.client.CommandResponse;
import space.tokenta.cluster.client.TokentaClusterClient;
import space.tokenta.cluster.codec.Messages;
import space.tokenta.cluster.node.ClusterMembers;
import space.tokenta.cluster.node.ClusterNode;
import space.tokenta.cluster.node.LoopbackPorts;
import space.tokenta.cluster.node.NodeConfig;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.event.Event;

class DemoTradersTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path dir;

    @Test
    void theSameSeedAndAnswersGiveTheSameCommands() {
        final List<String> first = decisions(11);
        assertEquals(first, decisions(11));
        assertTrue(!first.equals(decisions(12)), "another seed trades differently");
    }

    private static List<String> decisions(final long seed) {
        final DemoFlow flow = new DemoFlow(seed, DefaultMarket.INSTRUMENTS, 0);
        final List<String> out = new ArrayList<>();
        final Command c = new Command();
        long orderId = 0;
        for (int i = 0; i < 400; i++) {
            flow.next(c);
            out.add(c.type + " " + c.accountId + " " + c.instrumentId + " " + c.side + " " + c.timeInForce + " "
                    + c.priceTicks + " " + c.quantityLots + " " + c.orderId);
            orderId++;
            flow.onAnswer(c, orderId, List.of(new Event.OrderAccepted(0, c.instrumentId, orderId, c.accountId,
                    c.clientOrderId, c.side, c.orderType, c.timeInForce, c.priceTicks, c.quantityLots)));
        }
        return out;
    }

    @Test
    void pricesStayInsideEveryInstrumentsBandAndRestingOrdersStayBounded() {
        final DemoFlow flow = new DemoFlow(5, DefaultMarket.INSTRUMENTS, 0);
        final Command c = new Command();
        final int[] resting = new int[flow.accounts()];
        long orderId = 0;
        for (int i = 0; i < 20_000; i++) {
            flow.next(c);
            if (c.type == CommandType.CANCEL_ORDER) {
                resting[flow.accountIndex(c.accountId)]--;
                continue;
            }
            final DefaultMarket.InstrumentSpec spec = DefaultMarket.INSTRUMENTS.get(c.instrumentId - 1);
            assertTrue(c.priceTicks >= spec.minPriceTicks() && c.priceTicks <= spec.maxPriceTicks(), "in band");
            assertTrue(c.quantityLots >= 1 && c.quantityLots <= DemoFlow.MAX_ORDER_LOTS);
            orderId++;
            flow.onAnswer(c, orderId, List.of(new Event.OrderAccepted(0, c.instrumentId, orderId, c.accountId,
                    c.clientOrderId, c.side, c.orderType, c.timeInForce, c.priceTicks, c.quantityLots)));
            if (c.timeInForce == space.tokenta.engine.order.TimeInForce.GTC) {
                resting[flow.accountIndex(c.accountId)]++;
            }
            for (final int n : resting) {
                assertTrue(n <= DemoFlow.MAX_RESTING_PER_ACCOUNT, "resting orders per account are bounded: " + n);
            }
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void tradersFillOrdersOnARealNodeAndSetupIsSafeToRepeat() throws Exception {
        final ClusterMembers members = ClusterMembers.loopback(1, LoopbackPorts.freeBase(1));
        try (ClusterNode node = ClusterNode.launch(NodeConfig.of(0, members, dir, dir.resolve("aeron")));
             TokentaClusterClient client = TokentaClusterClient.connect(new TokentaClusterClient.Config(
                     members.ingressEndpoints(), node.aeronDirectoryName(), 8, 10_000, 20_000))) {
            for (final Command c : bootstrap()) {
                assertApplied(client.submit(c));
            }
            final DemoTraders traders = new DemoTraders(client, new DemoFlow(3, DefaultMarket.INSTRUMENTS, 0), 1_000);
            traders.setup(QUIET);
            traders.setup(QUIET);
            long nowNs = 0;
            for (int i = 0; i < 600; i++) {
                nowNs += TimeUnit.MILLISECONDS.toNanos(1);
                assertEquals(1, traders.doWork(nowNs));
            }
            assertEquals(600, traders.commands());
            assertTrue(traders.trades() > 20, "takers crossed the makers' quotes: " + traders.trades());
            final Messages.Status status = client.status();
            assertTrue(status.openOrders() <= (long) DemoFlow.MAX_RESTING_PER_ACCOUNT * 6,
                    "open orders bounded: " + status.openOrders());
        }
    }

    private static List<Command> bootstrap() {
        final List<Command> out = new ArrayList<>();
        out.add(DefaultMarket.asset(0, DefaultMarket.USDT));
        out.add(DefaultMarket.asset(0, DefaultMarket.USDC));
        for (final DefaultMarket.InstrumentSpec spec : DefaultMarket.INSTRUMENTS) {
            out.add(DefaultMarket.instrument(0, spec));
        }
        return out;
    }

    private static void assertApplied(final CommandResponse response) {
        for (final Event e : response.events()) {
            assertTrue(!(e instanceof Event.CommandRejected), "bootstrap applied: " + e);
        }
    }
}
