package space.tokenta.cluster.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import picocli.CommandLine.Option;
import space.tokenta.cluster.client.TokentaClusterClient;
import space.tokenta.cluster.node.ClusterMembers;
import space.tokenta.cluster.node.ClusterNode;
import space.tokenta.cluster.node.IdleProfile;
import space.tokenta.cluster.node.NodeConfig;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.instrument.InstrumentClass;
import space.tokenta.engine.order.OrderType;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;

/**
 * {@code tokenta cluster bench}: open-loop fixed-rate client-to-ack round trips (latency measured from
 * each command's planned send time, so a stall counts against every command it delays), then the
 * sustained maximum throughput with a full in-flight window. Against a fresh single node in this
 * process by default, or a running cluster with {@code --members}.
 */
@picocli.CommandLine.Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Client->ack latency at fixed rates and maximum throughput through the cluster.")
public final class ClusterBenchCommand implements Callable<Integer> {
    @Option(names = "--rates", split = ",", defaultValue = "10000,50000,100000", description = "commands/s (default ${DEFAULT-VALUE})")
    List<Integer> rates;

    @Option(names = "--duration-s", defaultValue = "5", description = "seconds measured per rate (default ${DEFAULT-VALUE})")
    int durationS;

    @Option(names = "--warmup-s", defaultValue = "2", description = "seconds at each rate before measuring (default ${DEFAULT-VALUE})")
    int warmupS;

    @Option(names = "--bench-members", description = "benchmark a running cluster (\"0=host:portBase,...\") instead of a fresh embedded node")
    String members;

    @Option(names = "--window", defaultValue = "1024", description = "max in-flight commands (default ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--idle", defaultValue = "balanced",
            description = "how idle agents wait: low-latency (yield, ~all CPU), balanced (park <= 50 us), low-cpu (park <= 1 ms) (default ${DEFAULT-VALUE})")
    String idle;

    @Option(names = "--transport", defaultValue = "ipc",
            description = "embedded node: client ingress/egress over ipc (shared memory) or udp (loopback) (default ${DEFAULT-VALUE})")
    String transport;

    @Option(names = "--threads", description = "after each rate, per thread: CPU used and time spent waiting for a core")
    boolean threads;

    private static final int ACCOUNTS = 4;

    @Override
    public Integer call() throws Exception {
        if (durationS < 1 || durationS > 600 || warmupS < 0 || warmupS > 600 || window < 1) {
            throw new IllegalArgumentException("bad bench parameters");
        }
        Path temp = null;
        ClusterNode node = null;
        final String ingress;
        final String aeronDir;
        if (members == null) {
            temp = Files.createTempDirectory("tokenta-cluster-bench-");
            final ClusterMembers single = ClusterMembers.loopback(1, 39000 + (int)(ProcessHandle.current().pid() % 500) * 10);
            node = ClusterNode.launch(NodeConfig.of(0, single, temp, temp.resolve("aeron")).withSnapshotIntervalS(0)
                    .withIdleProfile(IdleProfile.parse(idle)));
            if (!transport.equals("ipc") && !transport.equals("udp")) {
                throw new IllegalArgumentException("--transport is ipc or udp");
            }
            ingress = transport.equals("ipc") ? TokentaClusterClient.IPC_INGRESS : single.ingressEndpoints();
            aeronDir = node.aeronDirectoryName();
        } else {
            ingress = ClusterMembers.parse(members).ingressEndpoints();
            aeronDir = null;
        }
        try (TokentaClusterClient client = TokentaClusterClient.connect(
                new TokentaClusterClient.Config(ingress, aeronDir, window, 10_000, 20_000))) {
            setup(client);
            System.out.printf("cluster bench: %s, %s, window %d (figures are noisy on a shared machine)%n",
                    members == null ? "embedded single node, idle profile " + idle
                            : "cluster " + members, ingress, window);
            System.out.println("rate/s    sent      p50 us    p99 us    p99.9 us  max us    timeouts");
            for (final int rate : rates) {
                fixedRate(client, rate, warmupS, null);
                final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
                final ThreadSchedule before = ThreadSchedule.sample();
                final long startNs = System.nanoTime();
                final long[] result = fixedRate(client, rate, durationS, histogram);
                final long intervalNs = System.nanoTime() - startNs;
                System.out.printf("%-9d %-9d %-9.1f %-9.1f %-9.1f %-9.1f %d%n", rate, result[0],
                        histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(99) / 1e3,
                        histogram.getValueAtPercentile(99.9) / 1e3, histogram.getMaxValue() / 1e3, result[1]);
                if (threads) {
                    System.out.print(ThreadSchedule.sample().since(before, intervalNs));
                }
            }
            System.out.printf("sustained maximum: %.0f commands/s (window %d, %d s)%n", maxThroughput(client), window,
                    durationS);
        } finally {
            if (node != null) {
                node.close();
            }
            if (temp != null) {
                IoUtil.delete(temp.toFile(), true);
            }
        }
        return 0;
    }

    private static void setup(final TokentaClusterClient client) {
        final Command c = new Command();
        c.type = CommandType.ADD_ASSET;
        c.assetId = 1;
        client.submit(c);
        c.clear();
        c.type = CommandType.ADD_INSTRUMENT;
        c.instrumentId = 1;
        c.symbol = "BENCH-1";
        c.instrumentClass = InstrumentClass.API_QUOTA;
        c.assetId = 1;
        c.tickValueQuoteUnits = 1;
        c.lotSizeUnits = 1;
        c.minQuantityLots = 1;
        c.maxQuantityLots = 1_000;
        c.minPriceTicks = 1;
        c.maxPriceTicks = 1_000_000;
        c.timeoutNs = TimeUnit.HOURS.toNanos(1);
        client.submit(c);
        for (int account = 1; account <= ACCOUNTS; account++) {
            c.clear();
            c.type = CommandType.ADD_ACCOUNT;
            c.accountId = account;
            client.submit(c);
            c.clear();
            c.type = CommandType.CREDIT_DEPOSIT;
            c.transferIdHi = 99;
            c.transferIdLo = account;
            c.chainId = 1;
            c.accountId = account;
            c.assetId = 1;
            c.amount = Long.MAX_VALUE / 8;
            client.submit(c);
            c.clear();
            c.type = CommandType.REGISTER_LISTING;
            c.accountId = account;
            c.instrumentId = 1;
            c.quantityLots = Long.MAX_VALUE / 8;
            client.submit(c);
            c.clear();
            c.type = CommandType.SET_EXPOSURE_LIMIT;
            c.accountId = account;
            c.amount = Long.MAX_VALUE / 8;
            client.submit(c);
        }
    }

    /** Alternating buys and sells at one price: every second order trades, the book stays small. */
    private static void order(final Command c, final long sequence) {
        c.clear();
        c.type = CommandType.PLACE_ORDER;
        c.accountId = 1 + sequence % ACCOUNTS;
        c.instrumentId = 1;
        c.side = (sequence & 1) == 0 ? Side.BUY : Side.SELL;
        c.orderType = OrderType.LIMIT;
        c.timeInForce = TimeInForce.GTC;
        c.priceTicks = 1_000;
        c.quantityLots = 1;
        c.stpMode = StpMode.NONE;
    }

    private long sequence;

    /** @return {sent, timeouts} */
    private long[] fixedRate(final TokentaClusterClient client, final int rate, final int seconds,
            final Histogram histogram) {
        final long intervalNs = 1_000_000_000L / rate;
        final int total = (int)Math.min((long)rate * seconds, 50_000_000L);
        final long[] plannedNs = new long[total];
        final long[] firstId = {-1};
        final long[] timeouts = {0};
        final TokentaClusterClient.ResponseHandler onAck = new TokentaClusterClient.ResponseHandler() {
            @Override
            public void onResponse(final long requestId, final long logPosition, final long timestampNs,
                    final long orderId, final DirectBuffer events, final int offset, final int length,
                    final int eventCount) {
                if (histogram != null) {
                    histogram.recordValue(Math.min(System.nanoTime() - plannedNs[(int)(requestId - firstId[0])],
                            histogram.getHighestTrackableValue()));
                }
            }

            @Override
            public void onTimeout(final long requestId) {
                timeouts[0]++;
            }
        };
        final Command c = new Command();
        final long start = System.nanoTime();
        int sent = 0;
        // the sender waits like the node's agents: a spinning sender takes a core the cluster needs
        final org.agrona.concurrent.IdleStrategy idle = IdleProfile.parse(this.idle).newIdleStrategy();
        while (sent < total) {
            final long planned = start + sent * intervalNs;
            boolean worked = false;
            if (System.nanoTime() >= planned) {
                order(c, sequence);
                final long id = client.send(c);
                if (id > 0) {
                    if (firstId[0] < 0) {
                        firstId[0] = id;
                    }
                    plannedNs[(int)(id - firstId[0])] = planned;
                    sequence++;
                    sent++;
                    worked = true;
                }
            }
            if (client.poll(onAck) > 0 || worked) {
                idle.reset();
            } else {
                idle.idle();
            }
        }
        final long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (client.inFlight() > 0 && System.nanoTime() < drainDeadline) {
            if (client.poll(onAck) == 0) {
                idle.idle();
            }
        }
        return new long[] {sent, timeouts[0]};
    }

    private double maxThroughput(final TokentaClusterClient client) {
        final long[] acked = {0};
        final TokentaClusterClient.ResponseHandler onAck = (id, p, t, o, b, off, len, n) -> acked[0]++;
        final Command c = new Command();
        final long start = System.nanoTime();
        final long end = start + TimeUnit.SECONDS.toNanos(durationS);
        while (System.nanoTime() < end) {
            order(c, sequence);
            if (client.send(c) > 0) {
                sequence++;
            }
            client.poll(onAck);
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        final long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (client.inFlight() > 0 && System.nanoTime() < drainDeadline) {
            client.poll(onAck);
        }
        return acked[0] / seconds;
    }
}
