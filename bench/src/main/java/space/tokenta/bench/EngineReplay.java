package space.tokenta.bench;

import java.lang.management.ManagementFactory;
import org.HdrHistogram.Histogram;
import space.tokenta.engine.Engine;
import space.tokenta.engine.EngineConfig;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.event.HashingEventSink;
import space.tokenta.engine.event.NoOpEventSink;

/**
 * Replays a {@link Workload} into fresh engines, single-threaded: one un-instrumented pass for
 * throughput and allocation, one pass timing every command (and nothing else) with {@code System.nanoTime} into an
 * HdrHistogram, and one untimed pass hashing every event. The engine is sized by {@link #configFor}.
 *
 * <p>Two input paths ({@link Input}): {@code DECODED} decodes each measured command from its 128-byte
 * workload-file record into one reused {@link Command} inside the measured loop (and inside each timed
 * section), as the node decodes each sequenced command from the cluster's codec into one reused command;
 * {@code OBJECTS} applies the workload's pre-built command objects (one object of ~200 bytes per
 * command, read from a multi-hundred-megabyte array), and measures no decoding.
 */
public final class EngineReplay {
    /** Where each measured command comes from. */
    public enum Input {
        /** Decoded from its file record into one reused command, decoding counted in the measured time. */
        DECODED,
        /** A pre-built command object per command (nothing decoded in the measured time). */
        OBJECTS
    }

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

    /**
     * Sizes the engine for what this workload needs, measured by one replay with default sizes: the
     * most orders open at once and the most pending transfers alive at once (both with a quarter
     * headroom), and one client-order-id entry per place. Tables sized to the run stay dense (an
     * index sized far beyond its contents misses the cache on every lookup), and none grows inside
     * the measured part.
     */
    public static EngineConfig configFor(final Workload workload) {
        final Engine sizing = new Engine(EngineConfig.DEFAULT);
        int peakOrders = 0;
        int peakPending = 0;
        long places = 0;
        for (final Command[] part : new Command[][] {workload.setup(), workload.commands()}) {
            for (final Command command : part) {
                sizing.apply(command, NoOpEventSink.INSTANCE);
                peakOrders = Math.max(peakOrders, sizing.openOrderCount());
                peakPending = Math.max(peakPending, sizing.pendingTransferCount());
                if (command.type == CommandType.PLACE_ORDER || command.type == CommandType.CANCEL_REPLACE) {
                    places++;
                }
            }
        }
        final int orders = (int) Math.min(1 << 26, Math.max(1 << 10, peakOrders + peakOrders / 4L));
        final long transfersWanted = Math.max(peakPending + peakPending / 4L, places);
        final int transfers = (int) Math.min(1 << 27, Math.max(1 << 10, transfersWanted));
        return new EngineConfig(orders, 1 << 14, transfers, 1 << 26, false);
    }

    public static Engine prepared(final Workload workload) {
        return prepared(workload, configFor(workload));
    }

    public static Engine prepared(final Workload workload, final EngineConfig config) {
        final Engine engine = new Engine(config);
        for (final Command command : workload.setup()) {
            engine.apply(command, NoOpEventSink.INSTANCE);
        }
        return engine;
    }

    public static Result run(final Workload workload) {
        return run(workload, configFor(workload), Input.OBJECTS);
    }

    public static Result run(final Workload workload, final EngineConfig config, final Input input) {
        return input == Input.DECODED ? runDecoded(workload, config, WorkloadFile.records(workload.commands()))
                : run(workload, config);
    }

    /** {@link Input#DECODED}: {@code records} holds the measured commands as workload-file records. */
    public static Result runDecoded(final Workload workload, final EngineConfig config, final byte[] records) {
        final int count = workload.commands().length;
        if (records.length != (long) count * WorkloadFile.RECORD_BYTES) {
            throw new IllegalArgumentException("records do not match the workload's commands");
        }
        final Command command = new Command();
        final NoOpEventSink noOp = NoOpEventSink.INSTANCE;
        Engine engine = prepared(workload, config);
        System.gc();
        final long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        final long cpuStart = THREADS.getCurrentThreadCpuTime();
        final long start = System.nanoTime();
        for (int i = 0, offset = 0; i < count; i++, offset += WorkloadFile.RECORD_BYTES) {
            engine.apply(WorkloadFile.decode(records, offset, command), noOp);
        }
        final long elapsedNs = System.nanoTime() - start;
        final long cpuNs = THREADS.getCurrentThreadCpuTime() - cpuStart;
        final long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
        final long throughputStateHash = engine.stateHash();

        // latency: each timed section is one command's decode and apply
        engine = prepared(workload, config);
        final Histogram histogram = new Histogram(60_000_000_000L, 3);
        System.gc();
        for (int i = 0, offset = 0; i < count; i++, offset += WorkloadFile.RECORD_BYTES) {
            final long t0 = System.nanoTime();
            engine.apply(WorkloadFile.decode(records, offset, command), noOp);
            final long t1 = System.nanoTime();
            histogram.recordValue(t1 - t0);
        }
        final long latencyStateHash = engine.stateHash();

        engine = prepared(workload, config);
        final HashingEventSink hashing = new HashingEventSink();
        for (int i = 0, offset = 0; i < count; i++, offset += WorkloadFile.RECORD_BYTES) {
            engine.apply(WorkloadFile.decode(records, offset, command), hashing);
        }
        final long stateHash = engine.stateHash();
        if (stateHash != throughputStateHash || stateHash != latencyStateHash) {
            throw new IllegalStateException("replays of one workload ended in different states");
        }
        return new Result(count * 1e9 / elapsedNs, count * 1e9 / Math.max(1, cpuNs),
                (double) allocated / count, histogram, hashing.eventCount(), hashing.hash(), stateHash);
    }

    /** {@link Input#OBJECTS}. */
    public static Result run(final Workload workload, final EngineConfig config) {
        final Command[] commands = workload.commands();
        final NoOpEventSink noOp = NoOpEventSink.INSTANCE;
        Engine engine = prepared(workload, config);
        System.gc();
        final long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        final long cpuStart = THREADS.getCurrentThreadCpuTime();
        final long start = System.nanoTime();
        for (final Command command : commands) {
            engine.apply(command, noOp);
        }
        final long elapsedNs = System.nanoTime() - start;
        final long cpuNs = THREADS.getCurrentThreadCpuTime() - cpuStart;
        final long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
        final long throughputStateHash = engine.stateHash();

        // latency: only apply is timed, with the same discarding sink as the throughput pass
        engine = prepared(workload, config);
        final Histogram histogram = new Histogram(60_000_000_000L, 3);
        System.gc();
        for (final Command command : commands) {
            final long t0 = System.nanoTime();
            engine.apply(command, noOp);
            final long t1 = System.nanoTime();
            histogram.recordValue(t1 - t0);
        }
        final long latencyStateHash = engine.stateHash();

        // events are hashed in a third, untimed pass
        engine = prepared(workload, config);
        final HashingEventSink hashing = new HashingEventSink();
        for (final Command command : commands) {
            engine.apply(command, hashing);
        }
        final long stateHash = engine.stateHash();
        if (stateHash != throughputStateHash || stateHash != latencyStateHash) {
            throw new IllegalStateException("replays of one workload ended in different states");
        }
        return new Result(commands.length * 1e9 / elapsedNs, commands.length * 1e9 / Math.max(1, cpuNs),
                (double) allocated / commands.length, histogram,
                hashing.eventCount(), hashing.hash(), stateHash);
    }
}
