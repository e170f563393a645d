package space.tokenta.benchcompare;

import exchange.core2.core.common.cmd.OrderCommand;
import java.lang.management.ManagementFactory;
import org.HdrHistogram.Histogram;

/**
 * Replays an {@link ExchangeCoreStream} into fresh exchange-core books in the style of
 * {@code space.tokenta.bench.EngineReplay}: one un-instrumented pass (throughput, CPU throughput,
 * allocation), one pass timing every command into an HdrHistogram.
 */
public final class ExchangeCoreReplay {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /**
     * @param tradeHash hash over every trade (maker id, price, size), equal in both passes
     * @param rejected  commands exchange-core did not apply (unknown order ids and the like)
     */
    public record Result(double commandsPerSecond, double commandsPerCpuSecond, double bytesPerCommand,
            Histogram latencyNs, long eventCount, long tradeHash, long rejected) {
    }

    private ExchangeCoreReplay() {
    }

    public static ExchangeCoreBooks prepared(final ExchangeCoreStream stream, final ExchangeCoreBooks.Impl impl) {
        final ExchangeCoreBooks books = new ExchangeCoreBooks(stream.maxInstrumentId(), impl);
        for (final OrderCommand cmd : stream.setup()) {
            books.apply(cmd);
        }
        return books;
    }

    public static Result run(final ExchangeCoreStream stream, final ExchangeCoreBooks.Impl impl) {
        final OrderCommand[] commands = stream.commands();
        final ExchangeCoreBooks throughputBooks = prepared(stream, impl);
        System.gc();
        final long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        final long cpuStart = THREADS.getCurrentThreadCpuTime();
        final long start = System.nanoTime();
        for (final OrderCommand cmd : commands) {
            throughputBooks.apply(cmd);
        }
        final long elapsedNs = System.nanoTime() - start;
        final long cpuNs = THREADS.getCurrentThreadCpuTime() - cpuStart;
        final long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;

        final ExchangeCoreBooks latencyBooks = prepared(stream, impl);
        final Histogram histogram = new Histogram(60_000_000_000L, 3);
        System.gc();
        for (final OrderCommand cmd : commands) {
            final long t0 = System.nanoTime();
            latencyBooks.apply(cmd);
            histogram.recordValue(System.nanoTime() - t0);
        }
        if (latencyBooks.tradeHash() != throughputBooks.tradeHash()) {
            throw new IllegalStateException("two exchange-core replays of one stream traded differently");
        }
        return new Result(commands.length * 1e9 / elapsedNs, commands.length * 1e9 / Math.max(1, cpuNs),
                (double) allocated / Math.max(1, commands.length), histogram, latencyBooks.eventCount(),
                latencyBooks.tradeHash(), latencyBooks.rejectedCount());
    }
}
