package space.tokenta.app;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import space.tokenta.engine.Engine;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.event.Event;
import space.tokenta.engine.event.RecordingEventSink;

/**
 * {@code tokenta up}: starts the node. Until the clustered engine exists this runs the engine
 * in-process with the default market, feeds it the sequenced clock (TIME_TICK) and runs until
 * SIGINT/SIGTERM.
 */
@Command(name = "up", mixinStandardHelpOptions = true, description = "Start Tokenta on embedded defaults (runs until Ctrl-C).")
public final class UpCommand implements Callable<Integer> {
    private static final long TICK_INTERVAL_MS = 100;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where state is kept (default: ${DEFAULT-VALUE})")
    Path dataDir = Path.of(".tokenta", "data");

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
        final Path data = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(data);
        final Engine engine = new Engine();
        final RecordingEventSink sink = new RecordingEventSink();
        long now = System.currentTimeMillis() * 1_000_000L;
        engine.apply(DefaultMarket.asset(now, DefaultMarket.USDT), sink);
        engine.apply(DefaultMarket.asset(now, DefaultMarket.USDC), sink);
        for (final DefaultMarket.InstrumentSpec spec : DefaultMarket.INSTRUMENTS) {
            engine.apply(DefaultMarket.instrument(now, spec), sink);
        }
        for (final Event event : sink.drain()) {
            if (event instanceof Event.CommandRejected rejected) {
                throw new IllegalStateException("default market rejected: " + rejected);
            }
        }
        out.printf("tokenta up: engine running in-process (single node, no cluster yet), data dir %s%n", data);
        out.println("assets: 1 USDT, 2 USDC (quote units: micro-dollars)");
        for (final DefaultMarket.InstrumentSpec spec : DefaultMarket.INSTRUMENTS) {
            out.printf("instrument %d %-28s %-13s quote %s, tick %d units, fees maker %d / taker %d bps%n",
                    spec.instrumentId(), spec.symbol(), spec.instrumentClass(),
                    spec.quoteAssetId() == DefaultMarket.USDT ? "USDT" : "USDC", spec.tickValueQuoteUnits(),
                    spec.makerFeeBps(), spec.takerFeeBps());
        }
        out.printf("ready: %d instruments, state hash %016x (Ctrl-C to stop)%n", DefaultMarket.INSTRUMENTS.size(),
                engine.stateHash());
        out.flush();
        final space.tokenta.engine.command.Command tick = new space.tokenta.engine.command.Command();
        tick.type = CommandType.TIME_TICK;
        while (!stopRequested.await(TICK_INTERVAL_MS, TimeUnit.MILLISECONDS)) {
            // the node is the sequencer for now: it stamps the clock the engine runs on
            now = Math.max(now, System.currentTimeMillis() * 1_000_000L);
            tick.timestampNs = now;
            engine.apply(tick, sink);
            sink.clear();
        }
        out.printf("stopped: state hash %016x%n", engine.stateHash());
        out.flush();
        return 0;
    }
}
