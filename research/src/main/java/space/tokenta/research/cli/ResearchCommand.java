package space.tokenta.research.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import space.tokenta.research.audit.AuditException;
import space.tokenta.research.audit.RunFiles;
import space.tokenta.research.audit.Verifier;
import space.tokenta.research.config.ConfigException;
import space.tokenta.research.config.ResearchConfig;
import space.tokenta.research.eval.Pipeline;

/** {@code tokenta research …}: the TN-NTN deep-RL handover harness. */
@Command(
        name = "research",
        mixinStandardHelpOptions = true,
        description = "TN-NTN deep-RL handover harness: train, eval, report, verify, smoke, run.",
        subcommands = {
            ResearchCommand.Train.class,
            ResearchCommand.Eval.class,
            ResearchCommand.ReportCmd.class,
            ResearchCommand.Verify.class,
            ResearchCommand.Run.class,
            ResearchCommand.Smoke.class
        })
public final class ResearchCommand implements Runnable {
    static final String DEFAULT_OUT = ".tokenta/research/run";
    static final int EXIT_VERIFY_FAILED = 1;
    static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code --config}: the JSON config, or the bundled default. */
    static final class ConfigOption {
        @Option(names = "--config", description = "JSON config (default: the bundled default-config.json)")
        Path config;

        ResearchConfig.Loaded load() {
            return config == null ? ResearchConfig.resource(ResearchConfig.DEFAULT_RESOURCE) : ResearchConfig.load(config);
        }
    }

    /** {@code --out}: the run directory every step reads and writes. */
    static final class RunDirOption {
        @Option(names = "--out", description = "run directory (default: ${DEFAULT-VALUE})", defaultValue = DEFAULT_OUT)
        Path out;

        RunFiles files() {
            return new RunFiles(out);
        }
    }

    /** A subcommand that is one step on one run directory ({@code --out}); failures map to exit codes. */
    abstract static class RunDirStep implements Callable<Integer> {
        @Mixin
        RunDirOption runDir;

        abstract void step(RunFiles files) throws IOException;

        @Override
        public Integer call() {
            return guarded(System.err, () -> {
                step(runDir.files());
                return 0;
            });
        }
    }

    /** Runs a step and maps typed failures to exit codes with a one-line message. */
    static int guarded(final PrintStream err, final Callable<Integer> step) {
        try {
            return step.call();
        } catch (ConfigException e) {
            err.println("research: " + e.getMessage());
            return EXIT_BAD_INPUT;
        } catch (AuditException e) {
            err.println("research: " + e.getMessage());
            return EXIT_VERIFY_FAILED;
        } catch (IllegalArgumentException e) {
            err.println("research: " + e.getMessage());
            return EXIT_BAD_INPUT;
        } catch (Exception e) {
            err.println("research: failed: " + e);
            return EXIT_BAD_INPUT;
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true, description = "Train one Double-DQN agent per training seed.")
    static final class Train extends RunDirStep {
        @Mixin
        ConfigOption config;

        @Override
        void step(final RunFiles files) {
            Pipeline.train(config.load(), files, System.out);
        }
    }

    @Command(name = "eval", aliases = "evaluate", mixinStandardHelpOptions = true,
            description = "Tune A3 on tuning seeds, evaluate the agent and every baseline on held-out episodes.")
    static final class Eval extends RunDirStep {
        @Override
        void step(final RunFiles files) {
            Pipeline.evaluate(files, System.out);
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true, description = "Print (and write report.md) from results.json.")
    static final class ReportCmd extends RunDirStep {
        @Override
        void step(final RunFiles files) {
            Pipeline.report(files, System.out);
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Recompute the hash chain and every metric from the log; re-run logged episodes.")
    static final class Verify extends RunDirStep {
        @Override
        void step(final RunFiles files) {
            Verifier.verify(files, System.out);
            System.out.println("research: verify passed");
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "train, eval, report and verify in one go.")
    static final class Run extends RunDirStep {
        @Mixin
        ConfigOption config;

        @Override
        void step(final RunFiles files) throws IOException {
            all(config.load(), files, System.out);
        }
    }

    @Command(name = "smoke", mixinStandardHelpOptions = true,
            description = "The small bundled configuration end to end (train, eval, report, verify).")
    static final class Smoke implements Callable<Integer> {
        @Option(names = "--out", description = "run directory (default: a new temporary directory)")
        Path out;

        @Override
        public Integer call() {
            return guarded(System.err, () -> {
                final Path dir = out != null ? out : Files.createTempDirectory("tokenta-research-smoke");
                System.out.println("research: smoke run in " + dir);
                return all(ResearchConfig.resource(ResearchConfig.SMOKE_RESOURCE), new RunFiles(dir), System.out);
            });
        }
    }

    static int all(final ResearchConfig.Loaded loaded, final RunFiles files, final PrintStream out) throws IOException {
        final long start = System.nanoTime();
        Pipeline.train(loaded, files, out);
        Pipeline.evaluate(files, out);
        Verifier.verify(files, out);
        out.printf("research: train, eval, report and verify done in %.1f s; artifacts in %s%n",
                (System.nanoTime() - start) / 1e9, files.dir());
        return 0;
    }
}
