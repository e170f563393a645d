package space.tokenta.bench;

import java.lang.management.ManagementFactory;
import org.HdrHistogram.Histogram;
import space.tokenta.engine.Engine;
import space.tokenta.engine.EngineConfig;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.event.HashingEventSink;
import space.tokenta.engine.event.NoOpEventSink;

/**
 * Replays a {@link Workload} into fresh engines, single-threaded: one un-instrumented pass for
 * throughput and allocation, one pass timing every {@code apply} with {@code System.nanoTime} into an
 * HdrHistogram while hashing every event.
 */
public final class EngineReplay {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /**
     * @param commandsPerSecond  un-instrumented throughput (wall clock)
     * @param commandsPerCpuSecond the same pass divided by the thread's CPU time (what the thread
     *                           would do with a core to itself; the machine is shared)
     * @param bytesPerCommand    heap allocated by the replay thread per command (throughput pass)
     * @param latencyNs          per-command service time
     * @param eventCount         events emitted by the measured commands
     * @param eventHash          hash of every emitted event (type and arguments, in order)
     * @param stateHash          the engine's state hash after the run
     */
    public record Result(double commandsPerSecond, double commandsPerCpuSecond, double bytesPerCommand, Histogram latencyNs, long eventCount,
            long eventHash, long stateHash) {
    }

    private EngineReplay() {
    }

    public static EngineConfig configFor(final Workload workload) {
        // pre-size so that the measured part does not grow tables: every place may rest, every
        // command may leave a pending settlement and a client order id behind
        final int orders = (int) Math.min(1 << 26, Math.max(1 << 16, workload.setup().length * 2L));
        final int transfers = (int) Math.min(1 << 27, Math.max(1 << 16,
                (workload.setup().length + 2L * workload.commands().length)));
        return new EngineConfig(orders, 1 << 14, transfers, 1 << 26, false);
    }

    public static Engine prepared(final Workload workload) {
        final Engine engine = new Engine(configFor(workload));
        for (final Command command : workload.setup()) {
            engine.apply(command, NoOpEventSink.INSTANCE);
        }
        return engine;
    }

    public static Result run(final Workload workload) {
        final Command[] commands = workload.commands();
        final Engine throughputEngine = prepared(workload);
        System.gc();
        final NoOpEventSink noOp = NoOpEventSink.INSTANCE;
        final long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        final long cpuStart = THREADS.getCurrentThreadCpuTime();
        final long start = System.nanoTime();
        for (final Command command : commands) {
            throughputEngine.apply(command, noOp);
        }
        final long elapsedNs = System.nanoTime() - start;
        final long cpuNs = THREADS.getCurrentThreadCpuTime() - cpuStart;
        final long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;

        final Engine latencyEngine = prepared(workload);
        final Histogram histogram = new Histogram(60_000_000_000L, 3);
        final HashingEventSink hashing = new HashingEventSink();
        System.gc();
        for (final Command command : commands) {
            final long t0 = System.nanoTime();
            latencyEngine.apply(command, hashing);
            histogram.recordValue(System.nanoTime() - t0);
        }
        final long stateHash = latencyEngine.stateHash();
        if (stateHash != throughputEngine.stateHash()) {
            throw new IllegalStateException("two replays of one workload ended in different states");
        }
        return new Result(commands.length * 1e9 / elapsedNs, commands.length * 1e9 / Math.max(1, cpuNs),
                (double) allocated / commands.length, histogram,
                hashing.eventCount(), hashing.hash(), stateHash);
    }
}
