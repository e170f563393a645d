package space.tokenta.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import space.tokenta.gateway.bench.GatewayLoadDriver;

/**
 * {@code tokenta bench gateway}: order→ack and order→fill-event latency through the gateway. Without
 * {@code --url} it starts a node in this process exactly as {@code up --no-chains} does (single-node
 * cluster, embedded PostgreSQL, gateway; a temporary data directory, free ports, the rate limit lifted),
 * then runs {@link GatewayLoadDriver} as a child JVM on loopback and stops both (the child by its PID).
 * Registered under {@code bench} by {@link Main}: the bench module does not depend on the gateway.
 */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Gateway latency: order→ack and order→fill-event over WebSocket and REST at fixed rates"
                + " (open loop, from the intended send time; see gateway/README.md).")
public final class GatewayBenchCommand implements Callable<Integer> {
    @Option(names = "--rates", split = ",", paramLabel = "PER_S", description = "order rates (default ${DEFAULT-VALUE})")
    List<Integer> rates = List.of(1_000, 5_000, 10_000);

    @Option(names = "--duration-s", paramLabel = "S", description = "seconds per rate (default ${DEFAULT-VALUE})")
    int durationS = 3;

    @Option(names = "--warmup-s", paramLabel = "S",
            description = "unrecorded seconds before measuring, at the highest rate (at most 5000/s over WebSocket, 1000/s"
                    + " over REST) (default ${DEFAULT-VALUE})")
    int warmupS = 2;

    @Option(names = "--transport", paramLabel = "ws|rest|both", description = "(default ${DEFAULT-VALUE})")
    String transport = "both";

    @Option(names = "--url", paramLabel = "URL",
            description = "a running gateway (e.g. http://127.0.0.1:8080) instead of starting a node")
    String url;

    @Option(names = "--credentials", paramLabel = "FILE",
            description = "with --url: the buyer's and seller's keys (default ${DEFAULT-VALUE}, written by up)")
    Path credentials = Path.of(".tokenta", "data", UpCommand.DEV_CREDENTIALS);

    @Option(names = "--idle", paramLabel = "PROFILE", defaultValue = "balanced",
            description = "the started node's idle profile: low-latency, balanced (default), low-cpu")
    String idle;

    /** The rate limit of the started gateway: high enough that the driver's rates never meet it. */
    static final long BENCH_RATE_LIMIT_PER_S = 100_000_000L;
    static final long NODE_START_TIMEOUT_MS = 120_000;
    static final long NODE_STOP_TIMEOUT_MS = 30_000;
    /** Beyond its load, the driver drains each run for at most 15 s and connects its sockets within 30 s each. */
    static final long DRIVER_SLACK_PER_RUN_S = 80;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final String invalid = GatewayLoadDriver.invalidArguments(rates, durationS, warmupS, transport);
        if (invalid != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), invalid);
        }
        try {
            space.tokenta.cluster.node.IdleProfile.parse(idle);
        } catch (final IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (url != null) {
            return runDriver(url, credentials);
        }
        final Path dir = Files.createTempDirectory("tokenta-bench-gateway");
        final UpCommand up = new UpCommand(new PrefixedLines(System.err, "node: "));
        up.dataDir = dir.resolve("data");
        up.portBase = 0;
        up.httpPort = 0;
        up.noChains = true;
        up.httpRatePerSecond = BENCH_RATE_LIMIT_PER_S;
        up.idle = idle;
        final Thread node = new Thread(() -> {
            try {
                up.call();
            } catch (final Exception e) {
                System.err.println("node: failed: " + e);
            }
        }, "tokenta-bench-node");
        // on SIGINT/SIGTERM the finally below does not run: the node is stopped and its directory removed here
        final Thread cleanUp = new Thread(() -> {
            up.requestStop();
            try {
                up.awaitStopped(NODE_STOP_TIMEOUT_MS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            deleteTree(dir);
        }, "tokenta-bench-clean-up");
        Runtime.getRuntime().addShutdownHook(cleanUp);
        node.start();
        try {
            if (!up.awaitReady(NODE_START_TIMEOUT_MS)) {
                System.err.println("bench gateway: the node did not get ready");
                return 1;
            }
            System.err.printf("bench gateway: node ready (idle %s, data %s)%n", idle, dir);
            return runDriver(null, up.dataDir.resolve(UpCommand.DEV_CREDENTIALS));
        } finally {
            up.requestStop();
            node.join(NODE_STOP_TIMEOUT_MS);
            deleteTree(dir);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanUp);
            } catch (final IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook cleans up
            }
        }
    }

    /** Runs the load driver as a child JVM on this class path; stops it by PID if it overruns. */
    private int runDriver(final String gatewayUrl, final Path credentialsFile) throws Exception {
        final String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        final List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                GatewayLoadDriver.class.getName(), "--credentials", credentialsFile.toString(),
                "--rates", rates.stream().map(String::valueOf).collect(Collectors.joining(",")),
                "--duration-s", Integer.toString(durationS), "--warmup-s", Integer.toString(warmupS),
                "--transport", transport));
        if (gatewayUrl != null) {
            command.add("--url");
            command.add(gatewayUrl);
        }
        final Process driver = new ProcessBuilder(command).inheritIO().start();
        final Thread stopDriver = new Thread(() -> driver.toHandle().destroy(), "tokenta-bench-driver-stop");
        Runtime.getRuntime().addShutdownHook(stopDriver);
        try {
            System.err.printf("bench gateway: load driver pid %d%n", driver.pid());
            final int transports = transport.equals("both") ? 2 : 1;
            final long budgetS = (long) transports * (warmupS + DRIVER_SLACK_PER_RUN_S)
                    + (long) transports * rates.size() * (durationS + DRIVER_SLACK_PER_RUN_S);
            if (!driver.waitFor(budgetS, TimeUnit.SECONDS)) {
                System.err.printf("bench gateway: load driver overran %d s, stopping pid %d%n", budgetS, driver.pid());
                driver.toHandle().destroy();
                if (!driver.waitFor(5, TimeUnit.SECONDS)) {
                    driver.toHandle().destroyForcibly();
                    driver.waitFor(5, TimeUnit.SECONDS);
                }
                return 1;
            }
            return driver.exitValue();
        } finally {
            if (driver.isAlive()) {
                driver.toHandle().destroyForcibly();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(stopDriver);
            } catch (final IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook stops the driver
            }
        }
    }

    /** Attempts to remove a directory tree that other threads (e.g. PostgreSQL stopping) may still change. */
    static final int DELETE_ATTEMPTS = 5;

    private static void deleteTree(final Path dir) {
        for (int attempt = 1; attempt <= DELETE_ATTEMPTS && Files.exists(dir); attempt++) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (final IOException | java.io.UncheckedIOException e) {
                // a file vanished or appeared during the walk: walk again
            }
            if (Files.exists(dir)) {
                try {
                    Thread.sleep(200L * attempt);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (Files.exists(dir)) {
            System.err.println("bench gateway: could not delete " + dir);
        }
    }

    /** The started node's own report lines, on stderr with a prefix, so stdout carries only figures. */
    private static final class PrefixedLines extends PrintStream {
        PrefixedLines(final PrintStream target, final String prefix) {
            super(new java.io.OutputStream() {
                private boolean lineStart = true;

                @Override
                public void write(final int b) {
                    if (lineStart) {
                        target.print(prefix);
                        lineStart = false;
                    }
                    target.write(b);
                    if (b == '\n') {
                        lineStart = true;
                        target.flush();
                    }
                }
            }, true, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
