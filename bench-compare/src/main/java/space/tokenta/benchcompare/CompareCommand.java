package space.tokenta.benchcompare;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import space.tokenta.bench.EngineReplay;
import space.tokenta.bench.Scenario;
import space.tokenta.bench.Workload;
import space.tokenta.bench.WorkloadFile;
import space.tokenta.bench.WorkloadGenerator;
import space.tokenta.engine.EngineConfig;

/**
 * Replays one workload into exchange-core 0.5.3's order book and into the Tokenta engine, back to
 * back in each round, single-threaded, and prints a side-by-side table.
 */
@Command(name = "bench-compare", mixinStandardHelpOptions = true,
        description = {"Replays the same workload into exchange-core 0.5.3's order book (IOrderBook) and the",
            "Tokenta engine, back to back per round, and prints throughput, latency and allocation side by side."})
public final class CompareCommand implements Callable<Integer> {

    @Option(names = "--scenario", paramLabel = "S", description = "one-book (default), 100-books, 10k-books, ai-taker-heavy")
    String scenario = "one-book";

    @Option(names = "--file", paramLabel = "F", description = "replay this workload file instead of generating")
    Path file;

    @Option(names = "--generate", paramLabel = "F", description = "write the generated workload to this file first")
    Path generate;

    @Option(names = "--commands", paramLabel = "N", description = "measured commands (default: per scenario)")
    Integer commands;

    @Option(names = "--seed", paramLabel = "N", description = "generator seed (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--runs", paramLabel = "N", description = "rounds; the first is warm-up when N > 1 (default ${DEFAULT-VALUE})")
    int runs = 5;

    @Option(names = "--impl", paramLabel = "I", description = "exchange-core order book: DIRECT (default) or NAIVE")
    ExchangeCoreBooks.Impl impl = ExchangeCoreBooks.Impl.DIRECT;

    private final PrintStream out;

    public CompareCommand() {
        this(System.out);
    }

    public CompareCommand(final PrintStream out) {
        this.out = out;
    }

    public static void main(final String[] args) {
        System.exit(new CommandLine(new CompareCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || runs > 100) {
            throw new IllegalArgumentException("--runs must be 1..100");
        }
        if (commands != null && (commands < 1 || commands > 50_000_000)) {
            throw new IllegalArgumentException("--commands must be 1..50000000");
        }
        final Workload workload;
        if (file != null) {
            workload = WorkloadFile.read(file);
            out.printf("workload file %s%n", file);
        } else {
            final Scenario s = Scenario.byName(scenario);
            workload = WorkloadGenerator.generate(s, seed, commands != null ? commands : s.defaultCommands());
            if (generate != null) {
                WorkloadFile.write(workload, generate);
                out.printf("wrote %s%n", generate);
            }
        }
        final ExchangeCoreStream stream = ExchangeCoreStream.translate(workload);
        out.printf("scenario %s, seed %d: ours %,d measured commands (%,d setup); exchange-core (%s) %,d measured "
                + "(%,d setup orders), %,d measured records without equivalent, %,d places with STP mode != NONE, "
                + "%,d amends after the books diverged%n",
                workload.scenario(), workload.seed(), workload.commands().length, workload.setup().length, impl,
                stream.commands().length, stream.setup().length, stream.skipped(), stream.stpOrders(), stream.divergedAmends());
        final Side ours = new Side(runs);
        final Side theirs = new Side(runs);
        final EngineConfig config = EngineReplay.configFor(workload);
        for (int run = 0; run < runs; run++) {
            final EngineReplay.Result a = EngineReplay.run(workload, config);
            ours.add(run, a.commandsPerSecond(), a.commandsPerCpuSecond(), a.bytesPerCommand(), a.latencyNs());
            final ExchangeCoreReplay.Result b = ExchangeCoreReplay.run(stream, impl);
            theirs.add(run, b.commandsPerSecond(), b.commandsPerCpuSecond(), b.bytesPerCommand(), b.latencyNs());
            out.printf("round %d/%d: tokenta %,.0f cmd/s (%,.0f per CPU-s) p99 %,d ns | exchange-core %,.0f cmd/s "
                    + "(%,.0f per CPU-s) p99 %,d ns, %,d rejected%n", run + 1, runs, a.commandsPerSecond(),
                    a.commandsPerCpuSecond(), a.latencyNs().getValueAtPercentile(99), b.commandsPerSecond(),
                    b.commandsPerCpuSecond(), b.latencyNs().getValueAtPercentile(99), b.rejected());
        }
        final String which = runs > 1 ? "median of rounds 2-" + runs : "1 round";
        out.printf("%n| %-28s | %16s | %25s |%n", which, "tokenta engine", "exchange-core " + impl.name().toLowerCase()
                + " book");
        out.printf("|%s|%s|%s|%n", "-".repeat(30), "-".repeat(18), "-".repeat(27));
        row("throughput (wall), cmd/s", ours.median(ours.throughput), theirs.median(theirs.throughput));
        row("per CPU-second, cmd/s", ours.median(ours.cpuThroughput), theirs.median(theirs.cpuThroughput));
        rowNs("latency p50", ours.latency.getValueAtPercentile(50), theirs.latency.getValueAtPercentile(50));
        rowNs("latency p99", ours.latency.getValueAtPercentile(99), theirs.latency.getValueAtPercentile(99));
        rowNs("latency p99.9", ours.latency.getValueAtPercentile(99.9), theirs.latency.getValueAtPercentile(99.9));
        out.printf("| %-28s | %16.2f | %25.2f |%n", "allocation B/command (worst)", ours.bytes, theirs.bytes);
        out.printf("%nThe machine is shared: compare rounds run back to back; figures are medians and still noisy.%n");
        return 0;
    }

    private void row(final String name, final double a, final double b) {
        out.printf("| %-28s | %,16.0f | %,25.0f |%n", name, a, b);
    }

    private void rowNs(final String name, final long a, final long b) {
        out.printf("| %-28s | %13d ns | %22d ns |%n", name, a, b);
    }

    /** Figures of one side over the rounds; round 1 is warm-up when there is more than one. */
    private static final class Side {
        final double[] throughput;
        final double[] cpuThroughput;
        final Histogram latency = new Histogram(60_000_000_000L, 3);
        double bytes;
        private final int runs;

        Side(final int runs) {
            this.runs = runs;
            throughput = new double[runs];
            cpuThroughput = new double[runs];
        }

        void add(final int run, final double tput, final double cpuTput, final double bytesPerCommand, final Histogram h) {
            throughput[run] = tput;
            cpuThroughput[run] = cpuTput;
            if (run > 0 || runs == 1) {
                latency.add(h);
                bytes = Math.max(bytes, bytesPerCommand);
            }
        }

        double median(final double[] values) {
            final double[] measured = runs > 1 ? Arrays.copyOfRange(values, 1, runs) : values.clone();
            Arrays.sort(measured);
            return measured[measured.length / 2];
        }
    }
}
