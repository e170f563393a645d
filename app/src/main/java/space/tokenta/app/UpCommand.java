package space.tokenta.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import space.tokenta.cluster.node.EmbeddedTokenta;

/**
 * {@code tokenta up}: starts a single-node cluster in-process (see EmbeddedTokenta), loads the default
 * market on first start and runs until SIGINT/SIGTERM; starting again resumes from the data directory.
 */
@Command(name = "up", mixinStandardHelpOptions = true, description = "Start Tokenta on embedded defaults (runs until Ctrl-C).")
public final class UpCommand implements Callable<Integer> {
    @Option(names = "--data-dir", paramLabel = "DIR", description = "where state is kept (default: ${DEFAULT-VALUE})")
    Path dataDir = Path.of(".tokenta", "data");

    @Option(names = "--port-base", description = "first of the node's loopback ports (default ${DEFAULT-VALUE})")
    int portBase = EmbeddedTokenta.DEFAULT_PORT_BASE;

    private final PrintStream out;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

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

    /** Waits until {@link #call()} has shut down. */
    boolean awaitStopped(final long timeoutMs) throws InterruptedException {
        return stopped.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public Integer call() throws Exception {
        final Thread hook = new Thread(() -> {
            requestStop();
            try {
                stopped.await(5, TimeUnit.SECONDS);
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
        final List<space.tokenta.engine.command.Command> bootstrap = new ArrayList<>();
        bootstrap.add(DefaultMarket.asset(0, DefaultMarket.USDT));
        bootstrap.add(DefaultMarket.asset(0, DefaultMarket.USDC));
        for (final DefaultMarket.InstrumentSpec spec : DefaultMarket.INSTRUMENTS) {
            bootstrap.add(DefaultMarket.instrument(0, spec));
        }
        out.println("assets: 1 USDT, 2 USDC (quote units: micro-dollars)");
        for (final DefaultMarket.InstrumentSpec spec : DefaultMarket.INSTRUMENTS) {
            out.printf("instrument %d %-28s %-13s quote %s, tick %d units, fees maker %d / taker %d bps%n",
                    spec.instrumentId(), spec.symbol(), spec.instrumentClass(),
                    spec.quoteAssetId() == DefaultMarket.USDT ? "USDT" : "USDC", spec.tickValueQuoteUnits(),
                    spec.makerFeeBps(), spec.takerFeeBps());
        }
        return EmbeddedTokenta.run(dataDir.toAbsolutePath().normalize(), portBase, bootstrap, out, stopRequested);
    }
}
