package space.tokenta.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import space.tokenta.bench.jitter.JitterProbe;

/** {@code tokenta bench jitter}: the machine's scheduling floor under latency figures ({@link JitterProbe}). */
@Command(name = "jitter", mixinStandardHelpOptions = true,
        description = {"Measures how late this machine serves threads that only wait for due times (open loop,",
            "no work): the floor under every latency benchmark that keeps that many threads busy."})
public final class JitterBenchCommand implements Callable<Integer> {

    @Option(names = "--threads", split = ",", paramLabel = "N[,N…]",
            description = "probe thread counts, one run each (default 1,2,4)")
    int[] threadCounts = {1, 2, 4};

    @Option(names = "--rate", paramLabel = "N", description = "due times per second per thread (default ${DEFAULT-VALUE})")
    int rate = 100_000;

    @Option(names = "--duration-s", paramLabel = "S", description = "seconds per run (default ${DEFAULT-VALUE})")
    int durationS = 5;

    private final PrintStream out;

    public JitterBenchCommand() {
        this(System.out);
    }

    public JitterBenchCommand(final PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (durationS < 1 || durationS > 600) {
            throw new IllegalArgumentException("--duration-s must be 1..600");
        }
        out.printf("jitter probe: %d due times/s per thread, %d s per run, %d cores; lateness in us from the due time%n",
                rate, durationS, Runtime.getRuntime().availableProcessors());
        out.printf("%-8s %-7s %10s %10s %10s %10s %12s%n", "threads", "thread", "p50 us", "p99 us", "p99.9 us",
                "max us", "stalls>=1ms");
        for (final int threads : threadCounts) {
            final List<JitterProbe.ThreadResult> results = JitterProbe.run(threads, rate,
                    TimeUnit.SECONDS.toNanos(durationS));
            final Histogram all = new Histogram(3);
            long stalls = 0;
            for (int t = 0; t < results.size(); t++) {
                final JitterProbe.ThreadResult r = results.get(t);
                all.add(r.latenessNs());
                stalls += r.stalls();
                print(Integer.toString(threads), Integer.toString(t), r.latenessNs(), r.stalls());
            }
            if (results.size() > 1) {
                print(Integer.toString(threads), "all", all, stalls);
            }
        }
        return 0;
    }

    private void print(final String threads, final String thread, final Histogram ns, final long stalls) {
        out.printf("%-8s %-7s %10.1f %10.1f %10.1f %10.1f %12d%n", threads, thread,
                ns.getValueAtPercentile(50) / 1e3, ns.getValueAtPercentile(99) / 1e3,
                ns.getValueAtPercentile(99.9) / 1e3, ns.getMaxValue() / 1e3, stalls);
    }
}
