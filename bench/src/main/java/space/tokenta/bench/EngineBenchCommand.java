package space.tokenta.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import space.tokenta.engine.EngineConfig;

/** {@code tokenta bench engine}: replays a workload into the engine and prints throughput, latency, allocation and an event hash. */
@Command(name = "engine", mixinStandardHelpOptions = true,
        description = {"Replays a seeded workload into the matching engine (one thread) and prints throughput,",
            "per-command latency (p50/p99/p99.9/max), allocation per command and a hash of all events.",
            "With no options: generates and runs the one-book scenario."})
public final class EngineBenchCommand implements Callable<Integer> {

    @Option(names = "--scenario", paramLabel = "S",
            description = "one-book (default), 100-books, 10k-books, ai-taker-heavy, or all")
    String scenario = "one-book";

    @Option(names = "--file", paramLabel = "F", description = "replay this workload file instead of generating")
    Path file;

    @Option(names = "--generate", paramLabel = "F", description = "write the generated workload to this file (then run it)")
    Path generate;

    @Option(names = "--commands", paramLabel = "N", description = "measured commands (default: per scenario)")
    Integer commands;

    @Option(names = "--seed", paramLabel = "N", description = "generator seed (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--input", paramLabel = "PATH",
            description = "objects (default): pre-built command objects, nothing decoded in the measured time;"
                    + " decoded: each command decoded from its file record into one reused command inside the"
                    + " measured loop and each timed section, as the node does")
    String inputName = "objects";

    private EngineReplay.Input input;

    @Option(names = "--runs", paramLabel = "N", description = "replays; the first is warm-up when N > 1 (default ${DEFAULT-VALUE})")
    int runs = 5;

    private final PrintStream out;

    public EngineBenchCommand() {
        this(System.out);
    }

    public EngineBenchCommand(final PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        input = switch (inputName) {
            case "decoded" -> EngineReplay.Input.DECODED;
            case "objects" -> EngineReplay.Input.OBJECTS;
            default -> throw new IllegalArgumentException("--input must be decoded or objects");
        };
        if (runs < 1 || runs > 100) {
            throw new IllegalArgumentException("--runs must be 1..100");
        }
        if (commands != null && (commands < 1 || commands > 50_000_000)) {
            throw new IllegalArgumentException("--commands must be 1..50000000");
        }
        if (file != null) {
            final Workload workload = WorkloadFile.read(file);
            out.printf("workload file %s%n", file);
            report(workload);
            return 0;
        }
        final List<Scenario> scenarios = new ArrayList<>();
        if (scenario.equals("all")) {
            scenarios.addAll(Arrays.asList(Scenario.ALL));
        } else {
            scenarios.add(Scenario.byName(scenario));
        }
        for (final Scenario s : scenarios) {
            final int count = commands != null ? commands : s.defaultCommands();
            out.printf("generating %s: %,d books, %,d accounts, %,d resting orders, %,d commands, seed %d%n",
                    s.cliName(), s.books(), s.accounts(), s.restingOrders(), count, seed);
            final long t0 = System.nanoTime();
            final Workload workload = WorkloadGenerator.generate(s, seed, count);
            out.printf("generated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            if (generate != null) {
                final Path target = scenarios.size() == 1 ? generate
                        : generate.resolveSibling(generate.getFileName() + "." + s.cliName());
                WorkloadFile.write(workload, target);
                out.printf("wrote %s%n", target);
            }
            report(workload);
        }
        return 0;
    }

    private void report(final Workload workload) {
        out.printf("scenario %s: %,d measured commands after %,d setup commands, seed %d, %d run(s)%n",
                workload.scenario(), workload.commands().length, workload.setup().length, workload.seed(), runs);
        final double[] throughputs = new double[runs];
        final double[] cpuThroughputs = new double[runs];
        final Histogram merged = new Histogram(60_000_000_000L, 3);
        double bytesPerCommand = 0;
        long eventHash = 0;
        long eventCount = 0;
        long stateHash = 0;
        boolean identical = true;
        final EngineConfig config = EngineReplay.configFor(workload);
        out.printf("engine sized for this run: %,d orders, %,d transfers / client order ids%n",
                config.initialOrders(), config.initialTransfers());
        final String inputPath = input == EngineReplay.Input.DECODED
                ? "decoded: each command decoded from its file record into one reused command, decoding measured"
                : "objects: pre-built command objects, no decoding measured";
        out.printf("input %s%n", inputPath);
        final byte[] records = input == EngineReplay.Input.DECODED ? WorkloadFile.records(workload.commands()) : null;
        for (int run = 0; run < runs; run++) {
            final EngineReplay.Result result = records != null ? EngineReplay.runDecoded(workload, config, records)
                    : EngineReplay.run(workload, config);
            throughputs[run] = result.commandsPerSecond();
            final Histogram h = result.latencyNs();
            cpuThroughputs[run] = result.commandsPerCpuSecond();
            out.printf("run %d/%d: %,.0f commands/s (%,.0f per CPU-second), %.2f B/command, latency p50 %,d ns, p99 %,d ns, p99.9 %,d ns, "
                    + "max %,d ns, %,d events, event hash %016x%n", run + 1, runs, result.commandsPerSecond(),
                    result.commandsPerCpuSecond(),
                    result.bytesPerCommand(), h.getValueAtPercentile(50), h.getValueAtPercentile(99),
                    h.getValueAtPercentile(99.9), h.getMaxValue(), result.eventCount(), result.eventHash());
            if (run == 0) {
                eventHash = result.eventHash();
                eventCount = result.eventCount();
                stateHash = result.stateHash();
            } else {
                identical &= eventHash == result.eventHash() && stateHash == result.stateHash();
            }
            if (run > 0 || runs == 1) {
                merged.add(h);
                bytesPerCommand = Math.max(bytesPerCommand, result.bytesPerCommand());
            }
        }
        final double[] measured = runs > 1 ? Arrays.copyOfRange(throughputs, 1, runs) : throughputs;
        Arrays.sort(measured);
        final double median = measured[measured.length / 2];
        final String which = runs > 1 ? "runs 2-" + runs : "1 run";
        final double[] cpuMeasured = runs > 1 ? Arrays.copyOfRange(cpuThroughputs, 1, runs) : cpuThroughputs;
        Arrays.sort(cpuMeasured);
        final String path = inputName;
        out.printf("throughput: %.0f commands/s (median of %s, un-instrumented pass, wall clock, input %s)%n", median,
                which, path);
        out.printf("cpu throughput: %.0f commands/s per CPU-second of the replay thread (median; the machine is shared;"
                + " input %s)%n", cpuMeasured[cpuMeasured.length / 2], path);
        out.printf("latency: p50 %d ns, p99 %d ns, p99.9 %d ns, max %d ns (per-command service time, %s, input %s)%n",
                merged.getValueAtPercentile(50), merged.getValueAtPercentile(99), merged.getValueAtPercentile(99.9),
                merged.getMaxValue(), which, path);
        out.printf("allocation: %.2f B/command (worst of %s)%n", bytesPerCommand, which);
        out.printf("events: %d, event hash: %016x, state hash: %016x, identical in every run: %s%n", eventCount,
                eventHash, stateHash, identical ? "yes" : "NO");
        if (!identical) {
            throw new IllegalStateException("replays of one workload differed");
        }
    }
}
