package space.tokenta.bench.jitter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Measures how late the machine serves threads that have nothing to do but meet due times: each of
 * {@code threads} probe threads spins until "request" {@code i} is due at {@code start + i / rate} and
 * records how late it saw it (open loop, from the due time, as the latency benchmarks measure). A probe
 * does no work, so its lateness is the scheduler's alone: preemption by other threads, kernel work, a
 * hypervisor taking the virtual CPU away. No program that keeps as many threads busy can have a lower
 * tail than this on the same machine; it is the floor under every latency figure measured here.
 *
 * <p>Bounded: at most {@link #MAX_THREADS} threads, {@link #MAX_RATE} due times per second and
 * {@link #MAX_DURATION_NS} per run; a probe records into its own preallocated histogram (no allocation
 * while measuring) and stops at its last due time.
 */
public final class JitterProbe {
    public static final int MAX_THREADS = 64;
    public static final int MAX_RATE = 10_000_000;
    public static final long MAX_DURATION_NS = TimeUnit.SECONDS.toNanos(600);
    /** Lateness above this (10 s) is recorded as this. */
    static final long HIGHEST_TRACKABLE_NS = TimeUnit.SECONDS.toNanos(10);
    /** A lateness at least this long counts as a stall (the thread lost its core for a scheduler slice or more). */
    public static final long STALL_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Probes start together this long after {@link #run} is called (all threads created and spinning). */
    static final long START_DELAY_NS = TimeUnit.MILLISECONDS.toNanos(100);

    /** One probe thread's lateness (nanoseconds) and its count of stalls. */
    public record ThreadResult(Histogram latenessNs, long stalls) {
    }

    private JitterProbe() {
    }

    /** Runs {@code threads} probes at {@code rate} due times per second each for {@code durationNs}; blocks until all end. */
    public static List<ThreadResult> run(final int threads, final int rate, final long durationNs)
            throws InterruptedException {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be 1.." + MAX_THREADS);
        }
        if (rate < 1 || rate > MAX_RATE) {
            throw new IllegalArgumentException("rate must be 1.." + MAX_RATE + " per second");
        }
        if (durationNs < 1 || durationNs > MAX_DURATION_NS) {
            throw new IllegalArgumentException("duration must be 1 ns.." + MAX_DURATION_NS + " ns");
        }
        final long intervalNs = TimeUnit.SECONDS.toNanos(1) / rate;
        final long dueTimes = Math.max(1, durationNs / intervalNs);
        final long startNs = System.nanoTime() + START_DELAY_NS;
        final List<Probe> probes = new ArrayList<>(threads);
        final List<Thread> running = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            final Probe probe = new Probe(startNs, intervalNs, dueTimes);
            final Thread thread = new Thread(probe, "tokenta-jitter-probe-" + t);
            thread.setDaemon(true);
            probes.add(probe);
            running.add(thread);
            thread.start();
        }
        final List<ThreadResult> results = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            running.get(t).join();
            results.add(new ThreadResult(probes.get(t).latenessNs, probes.get(t).stalls));
        }
        return results;
    }

    private static final class Probe implements Runnable {
        private final long startNs;
        private final long intervalNs;
        private final long dueTimes;
        private final Histogram latenessNs = new Histogram(HIGHEST_TRACKABLE_NS, 3);
        private long stalls;

        Probe(final long startNs, final long intervalNs, final long dueTimes) {
            this.startNs = startNs;
            this.intervalNs = intervalNs;
            this.dueTimes = dueTimes;
        }

        @Override
        public void run() {
            for (long i = 0; i < dueTimes; i++) {
                final long dueNs = startNs + i * intervalNs;
                long nowNs;
                // bounded: the clock reaches every due time
                while ((nowNs = System.nanoTime()) - dueNs < 0) {
                    Thread.onSpinWait();
                }
                final long lateNs = nowNs - dueNs;
                latenessNs.recordValue(Math.min(lateNs, HIGHEST_TRACKABLE_NS));
                if (lateNs >= STALL_NS) {
                    stalls++;
                }
            }
        }
    }
}
