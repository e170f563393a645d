package space.tokenta.app;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import space.tokenta.chain.devchain.DevChains;
import space.tokenta.settlement.fee.EscrowFeeSchedule;
import space.tokenta.chain.devchain.DevDeployment;
import space.tokenta.cluster.client.CommandResponse;
import space.tokenta.cluster.client.TokentaClusterClient;
import space.tokenta.cluster.codec.Messages;
import space.tokenta.cluster.node.ClusterMembers;
import space.tokenta.cluster.node.ClusterNode;
import space.tokenta.cluster.node.EmbeddedTokenta;
import space.tokenta.cluster.node.IdleProfile;
import space.tokenta.cluster.node.LoopbackPorts;
import space.tokenta.cluster.node.NodeConfig;
import space.tokenta.engine.event.Event;
import space.tokenta.gateway.GatewayConfig;
import space.tokenta.gateway.cluster.NodeGateway;
import space.tokenta.settlement.DevSettlement;
import space.tokenta.settlement.SettlementConfig;
import space.tokenta.gateway.port.EscrowDisputes;
import space.tokenta.gateway.port.RpcNodes;
import space.tokenta.settlement.SettlementMeters;
import space.tokenta.settlement.SettlementService;
import space.tokenta.store.cli.StoreCommand;
import space.tokenta.store.db.DatabaseConfig;
import space.tokenta.store.db.StoreDatabase;
import space.tokenta.store.projection.CommitHook;
import space.tokenta.store.projection.Projector;
import space.tokenta.store.projection.ProjectorRunner;
import space.tokenta.store.source.ClusterEventSource;

/**
 * {@code tokenta up}: starts the whole system in this process tree on embedded defaults: three local
 * chains (anvil children behind fault proxies, escrow and stablecoin deployed), the read-model
 * PostgreSQL (embedded unless {@code TOKENTA_DB_URL} names one) with its projector following the
 * node's event journal, a single-node cluster (as EmbeddedTokenta) that loads the default market and the
 * dev accounts on first start, and the HTTP/WebSocket gateway on 127.0.0.1 (dev API keys written to
 * {@code <data>/dev-credentials}). Runs until SIGINT/SIGTERM, then stops everything in reverse order; starting again
 * resumes from the data directory.
 */
@Command(name = "up", mixinStandardHelpOptions = true, description = "Start Tokenta on embedded defaults (runs until Ctrl-C).")
public final class UpCommand implements Callable<Integer> {
    @Option(names = "--data-dir", paramLabel = "DIR", description = "where state is kept (default: ${DEFAULT-VALUE})")
    Path dataDir = Path.of(".tokenta", "data");

    @Option(names = "--port-base", description = "first of the node's loopback ports (default ${DEFAULT-VALUE};"
            + " 0 = any free range)")
    int portBase = EmbeddedTokenta.DEFAULT_PORT_BASE;

    @Option(names = "--demo", description = "start simulated traders on the default market (accounts 101..103 sell,"
            + " 111..113 buy)")
    boolean demo;

    @Option(names = "--demo-rate", paramLabel = "COMMANDS_PER_S",
            description = "the demo traders' command rate (default ${DEFAULT-VALUE}, at most 1000)")
    int demoRate = 20;

    @Option(names = "--demo-seed", paramLabel = "SEED", description = "the demo traders' seed (default ${DEFAULT-VALUE})")
    long demoSeed = 1;

    @Option(names = "--idle", paramLabel = "PROFILE", defaultValue = "balanced",
            description = "how idle cluster agents wait: low-latency (spins, ~1 core), balanced (default, ~56%% of a core"
                    + " idle), low-cpu (~10%%, millisecond latencies)")
    String idle;

    @Option(names = "--no-chains", description = "do not start the local dev chains")
    boolean noChains;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "the gateway's port on 127.0.0.1 (default: TOKENTA_HTTP_PORT, else 8080; 0 = any free port)")
    Integer httpPort;

    @Option(names = "--http-rate", paramLabel = "WEIGHT_PER_S",
            description = "the gateway's rate limit per key and per IP, in request weight per second (default ${DEFAULT-VALUE})")
    long httpRatePerSecond = 600;

    @Option(names = "--no-gateway", description = "do not start the HTTP/WebSocket gateway")
    boolean noGateway;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec commandSpec;

    @Option(names = "--escrow-timelock-s", paramLabel = "SECONDS",
            description = "with chains: how long after opening a deal its buyer may dispute before it can be released"
                    + " (default ${DEFAULT-VALUE}; less than the deal's 1 h expiry)")
    long escrowTimelockS = SettlementConfig.DEFAULT_TIMELOCK_S;

    @Option(names = "--chaos-seed", paramLabel = "SEED",
            description = "let the dev chains' fault proxies inject seeded faults (RPC fail-over drill)")
    Long chaosSeed;

    /** Transactions of the read-model projector stay at or under this many log entries. */
    static final int PROJECTOR_BATCH_ENTRIES = 1_000;
    /** How long SIGTERM waits for the orderly stop before the JVM exits anyway. */
    static final long STOP_TIMEOUT_S = 15;

    private final PrintStream out;
    volatile StoreDatabase database;
    volatile ProjectorRunner projector;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch ready = new CountDownLatch(1);

    public UpCommand() {
        this(System.out);
    }

    UpCommand(final PrintStream out) {
        this.out = out;
    }

    /** Asks a running {@link #call()} to shut down (what SIGINT/SIGTERM do). */
    void requestStop() {
        stopRequested.countDown();
    }

    /**
     * Waits until {@link #call()} serves (printed {@code ready:}).
     *
     * @return false when it stopped (failed) first or did not get ready in time
     */
    boolean awaitReady(final long timeoutMs) throws InterruptedException {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadlineNs) {
            if (ready.await(20, TimeUnit.MILLISECONDS)) {
                return true;
            }
            if (stopped.getCount() == 0) {
                return false;
            }
        }
        return false;
    }

    /** Waits until {@link #call()} has shut down. */
    boolean awaitStopped(final long timeoutMs) throws InterruptedException {
        return stopped.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public Integer call() throws Exception {
        if (escrowTimelockS < 0 || escrowTimelockS >= SettlementConfig.DEFAULT_EXPIRY_S) {
            throw new picocli.CommandLine.ParameterException(commandSpec.commandLine(),
                    "--escrow-timelock-s must be 0.." + (SettlementConfig.DEFAULT_EXPIRY_S - 1) + " (less than the deal's expiry)");
        }
        final Thread hook = new Thread(() -> {
            requestStop();
            try {
                // bounded: the gateway, the node and the read models each stop within a few seconds
                stopped.await(STOP_TIMEOUT_S, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tokenta-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run();
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (final IllegalStateException shuttingDown) {
                // the JVM is already exiting through the hook: nothing to remove
            }
        }
    }

    private int run() throws Exception {
        // the clustered engine is sequencer and clock: commands get the log's timestamp, ticks come from a cluster timer
        final Path data = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(data);
        // up's own shutdown hook stops settlement first, then the chains and the database (closing them here)
        try (DevChains chains = noChains ? null : DevChains.startDefault(data, chaosSeed).stopOnlyThroughClose();
             StoreDatabase db = StoreDatabase.open(DatabaseConfig.fromEnvironment(System.getenv(), data), false);
             ClusterEventSource journal = new ClusterEventSource(data.resolve(StoreCommand.EMBEDDED_NODE_DIRECTORY));
             ProjectorRunner runner = new ProjectorRunner(
                     new Projector(db.dataSource(), journal, PROJECTOR_BATCH_ENTRIES, CommitHook.NONE)).start()) {
            // with chains every fill settles through escrow: the instruments' fees come from the escrow contracts' fee
            final List<DefaultMarket.InstrumentSpec> instruments = chains == null ? DefaultMarket.INSTRUMENTS
                    : DefaultMarket.withFees(EscrowFeeSchedule.of(chains.deployment().chains().values()));
            final List<space.tokenta.engine.command.Command> bootstrap = new ArrayList<>();
            bootstrap.add(DefaultMarket.asset(0, DefaultMarket.USDT));
            bootstrap.add(DefaultMarket.asset(0, DefaultMarket.USDC));
            for (final DefaultMarket.InstrumentSpec spec : instruments) {
                bootstrap.add(DefaultMarket.instrument(0, spec));
            }
            out.println("assets: 1 USDT, 2 USDC (quote units: micro-dollars)");
            for (final DefaultMarket.InstrumentSpec spec : instruments) {
                out.printf("instrument %d %-28s %-13s quote %s, tick %d units, fees maker %d / taker %d bps (%s)%n",
                        spec.instrumentId(), spec.symbol(), spec.instrumentClass(),
                        spec.quoteAssetId() == DefaultMarket.USDT ? "USDT" : "USDC", spec.tickValueQuoteUnits(),
                        spec.makerFeeBps(), spec.takerFeeBps(), spec.feeModel());
            }
            if (chains != null) {
                for (final DevDeployment.Chain chain : chains.deployment().chains().values()) {
                    out.printf("chain %-13s id %-6d %d endpoints, escrow %s, token %s%n", chain.name(), chain.chainId(),
                            chain.endpoints().size(), chain.escrow(), chain.token());
                }
                out.printf("dev chains: deployment in %s (DEV ONLY keys)%n", chains.deploymentFile());
            }
            out.printf("read models: %s PostgreSQL %s%n", db.isEmbedded() ? "embedded" : "external", db.jdbcUrl());
            database = db;
            projector = runner;
            return runNode(data, bootstrap, db, runner, chains);
        } finally {
            projector = null;
            database = null;
        }
    }

    /** How long the projector may take to catch up with the journal before the gateway starts. */
    static final long PROJECTOR_CATCH_UP_MS = 60_000;
    static final String DEV_CREDENTIALS = "dev-credentials";

    /**
     * The single-member cluster (as {@link space.tokenta.cluster.node.EmbeddedTokenta}), loaded with the
     * default market and the dev accounts on first start, then the gateway once the read models have
     * caught up with the journal; runs until a stop is requested.
     */
    private int runNode(final Path data, final List<space.tokenta.engine.command.Command> market, final StoreDatabase db,
            final ProjectorRunner runner, final DevChains chains) throws Exception {
        final ClusterMembers members = ClusterMembers.loopback(1, portBase == 0 ? LoopbackPorts.freeBase(1) : portBase);
        final NodeConfig config = NodeConfig.of(0, members, data, NodeConfig.defaultAeronDirectory(0))
                .withIdleProfile(IdleProfile.parse(idle));
        try (ClusterNode node = ClusterNode.launch(config);
             TokentaClusterClient client = TokentaClusterClient.connect(
                     TokentaClusterClient.Config.of(TokentaClusterClient.IPC_INGRESS, node.aeronDirectoryName()))) {
            Messages.Status status = client.status();
            final boolean firstStart = status.instrumentCount() == 0;
            if (firstStart) {
                final List<space.tokenta.engine.command.Command> bootstrap = new ArrayList<>(market);
                // with chains the dev buyers' money arrives as real deposits, credited by the indexer
                bootstrap.addAll(DefaultMarket.devAccounts(chains == null));
                for (final space.tokenta.engine.command.Command command : bootstrap) {
                    final CommandResponse response = client.submit(command);
                    for (final Event event : response.events()) {
                        if (event instanceof Event.CommandRejected rejected) {
                            throw new IllegalStateException("bootstrap command rejected: " + rejected);
                        }
                    }
                }
                status = client.status();
                out.printf("loaded the default market: %d assets, %d instruments; dev accounts %d (buyer), %d (seller),"
                        + " %d (admin)%n", status.assetCount(), status.instrumentCount(), DefaultMarket.DEV_BUYER,
                        DefaultMarket.DEV_SELLER, DefaultMarket.DEV_ADMIN);
            } else {
                out.printf("resumed: %d assets, %d instruments, %d open orders%n", status.assetCount(),
                        status.instrumentCount(), status.openOrders());
            }
            NodeGateway gateway = null;
            TokentaClusterClient demoClient = null;
            DemoTraders traders = null;
            TokentaClusterClient settlementClient = null;
            SettlementService settlement = null;
            try {
                if (chains != null) {
                    // settlement's own session: a cluster client is used from one thread only
                    settlementClient = TokentaClusterClient.connect(
                            TokentaClusterClient.Config.of(TokentaClusterClient.IPC_INGRESS, node.aeronDirectoryName()));
                    final SettlementConfig dealTimes = DevSettlement.config(chains.deployment());
                    settlement = DevSettlement.start(chains, db.dataSource(), settlementClient, config.nodeDirectory(),
                            data.resolve("evidence"), DefaultMarket.deliveries(demo, demoSeed),
                            dealTimes.withTimes(escrowTimelockS, dealTimes.expirySec(), dealTimes.authWindowSec()));
                    out.printf("settlement: indexers on %d chains, escrow worker (ESC-n), withdrawals; evidence in %s%n",
                            chains.deployment().chains().size(), data.resolve("evidence"));
                    if (firstStart) {
                        fundDevBuyersOnChain(chains.deployment(), settlement);
                    }
                }
                if (!noGateway) {
                    if (!runner.awaitPosition(status.logPosition(), PROJECTOR_CATCH_UP_MS)) {
                        throw new IllegalStateException("read models did not catch up with log position "
                                + status.logPosition() + " within " + PROJECTOR_CATCH_UP_MS + " ms");
                    }
                    GatewayConfig gatewayConfig = GatewayConfig.defaults().withRate(2 * httpRatePerSecond,
                            httpRatePerSecond);
                    if (httpPort != null) {
                        gatewayConfig = gatewayConfig.withPort(httpPort);
                    }
                    gateway = NodeGateway.start(config.nodeDirectory(), node.aeronDirectoryName(), db.dataSource(),
                            () -> runner.projector().projectedPosition(), gatewayConfig, IdleProfile.parse(idle),
                            chains == null ? RpcNodes.NONE : new PoolRpcNodes(chains.pools()),
                            settlement == null ? EscrowDisputes.NONE : new SettlementEscrowDisputes(settlement));
                    if (settlement != null) {
                        // one registry, one scrape: settlement's meters beside the gateway's
                        SettlementMeters.bind(gateway.server().metrics(), settlement);
                    }
                    final Path credentials = DevCredentials.write(data.resolve(DEV_CREDENTIALS), gateway.server());
                    out.printf("gateway: http://127.0.0.1:%d (REST /v1, WebSocket /v1/ws); dev API keys in %s%n",
                            gateway.server().port(), credentials);
                    final List<String> devWallets = DevCredentials.registerDevWallets(gateway.server());
                    out.printf("dev wallets (trader keys 0..%d of the dev mnemonic, DEV ONLY) sign in for accounts %d..%d:"
                            + " %s%n", devWallets.size() - 1, DefaultMarket.DEV_BUYER,
                            DefaultMarket.DEV_BUYER + devWallets.size() - 1, String.join(" ", devWallets));
                }
                if (demo) {
                    // the traders' own session: a cluster client is used from one thread only
                    demoClient = TokentaClusterClient.connect(
                            TokentaClusterClient.Config.of(TokentaClusterClient.IPC_INGRESS, node.aeronDirectoryName()));
                    // with chains the demo trades on the dev wallets' accounts, so its fills settle through escrow
                    final DemoFlow flow = chains == null
                            ? new DemoFlow(demoSeed, DefaultMarket.INSTRUMENTS, System.currentTimeMillis() * 1_000)
                            : new DemoFlow(demoSeed, DefaultMarket.INSTRUMENTS, System.currentTimeMillis() * 1_000,
                                    new long[] {DefaultMarket.DEV_SELLER, DefaultMarket.DEV_SECOND_SELLER},
                                    new long[] {DefaultMarket.DEV_BUYER, DefaultMarket.DEV_ADMIN}, false);
                    traders = new DemoTraders(demoClient, flow, demoRate);
                    traders.setup(out);
                    traders.start();
                    out.printf("demo: traders running at %d commands/s (seed %d)%n", demoRate, demoSeed);
                }
                out.printf("ready: %d instruments, single-node cluster, ingress %s, data %s, log position %d, "
                        + "state hash %016x (Ctrl-C to stop)%n", status.instrumentCount(), members.ingressEndpoints(),
                        config.nodeDirectory(), status.logPosition(), status.stateHash());
                out.flush();
                ready.countDown();
                stopRequested.await();
            } finally {
                if (traders != null) {
                    traders.close();
                    out.printf("demo: %d commands, %d trades, %d rejections%n", traders.commands(), traders.trades(),
                            traders.rejections());
                }
                if (demoClient != null) {
                    demoClient.close();
                }
                if (gateway != null) {
                    gateway.close();
                }
                if (settlement != null) {
                    settlement.close();
                }
                if (settlementClient != null) {
                    settlementClient.close();
                }
            }
            status = client.status();
            out.printf("stopped: log position %d, state hash %016x%n", status.logPosition(), status.stateHash());
            out.flush();
        }
        return 0;
    }

    /** How long {@code up} waits for the dev buyers' first deposits to be final and credited. */
    static final long DEV_FUNDING_TIMEOUT_MS = 120_000;

    /**
     * First start with chains: the dev buyers (accounts 1 and 3, trader wallets 0 and 2) deposit into the
     * escrow on eth-dev (USDT) and bsc-dev (USDC) from their own wallets; waits until the indexer has
     * credited them after finality, so {@code ready} means funded.
     */
    private void fundDevBuyersOnChain(final DevDeployment deployment, final SettlementService settlement)
            throws InterruptedException {
        int deposits = 0;
        for (final DevDeployment.Chain chain : deployment.chains().values()) {
            if (chain.name().equals("tron-evm-dev")) {
                continue;
            }
            for (final long account : new long[] {DefaultMarket.DEV_BUYER, DefaultMarket.DEV_ADMIN}) {
                DevSettlement.depositFromTrader(chain, (int) (account - DevSettlement.FIRST_ACCOUNT_ID),
                        java.math.BigInteger.valueOf(DefaultMarket.DEV_BUYER_DEPOSIT));
                deposits++;
            }
        }
        final long deadlineMs = System.currentTimeMillis() + DEV_FUNDING_TIMEOUT_MS;
        while (settlement.metrics().depositsCredited.get() < deposits && System.currentTimeMillis() < deadlineMs) {
            Thread.sleep(100);
        }
        out.printf("dev buyers: %d of %d on-chain deposits credited (accounts %d and %d, USDT on eth-dev, USDC on"
                + " bsc-dev)%n", settlement.metrics().depositsCredited.get(), deposits, DefaultMarket.DEV_BUYER,
                DefaultMarket.DEV_ADMIN);
    }
}
