package space.tokenta.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tokenta bench}: benchmark subcommands. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (print figures; see bench/README.md).",
        subcommands = {EngineBenchCommand.class, JitterBenchCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
