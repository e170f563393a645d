package space.tokenta.store.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import space.tokenta.store.db.DatabaseConfig;
import space.tokenta.store.db.StoreDatabase;
import space.tokenta.store.projection.CommitHook;
import space.tokenta.store.projection.Projector;
import space.tokenta.store.projection.ProjectorRunner;
import space.tokenta.store.projection.StoreRebuild;
import space.tokenta.store.source.InProcessEventSource;
import space.tokenta.store.source.SeededWorkload;

/**
 * Projection throughput and lag: a producer appends a seeded engine workload to an in-process log
 * as fast as it can while the projector follows on its own thread into PostgreSQL (embedded in a
 * temporary folder, or {@code TOKENTA_DB_URL}). Prints figures; asserts nothing.
 *
 * <p>Arguments (all optional): {@code commands=200000 batch=1000 runs=3 seed=1 instruments=8 accounts=200}.
 */
public final class ProjectionBenchmark {
    private static final long SAMPLE_MS = 50;

    private ProjectionBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final int commands = intArg(args, "commands", 200_000);
        final int batch = intArg(args, "batch", 1_000);
        final int runs = intArg(args, "runs", 3);
        final long seed = intArg(args, "seed", 1);
        final int instruments = intArg(args, "instruments", 8);
        final int accounts = intArg(args, "accounts", 200);
        final Path dir = Files.createTempDirectory("tokenta-projection-bench");
        final DatabaseConfig config = DatabaseConfig.fromEnvironment(System.getenv(), dir);
        System.out.printf("projection benchmark: commands=%d batch=%d runs=%d seed=%d instruments=%d accounts=%d db=%s%n",
                commands, batch, runs, seed, instruments, accounts, config.isEmbedded() ? "embedded" : "external");
        final List<double[]> results = new ArrayList<>();
        try (StoreDatabase db = StoreDatabase.open(config)) {
            for (int run = 0; run < runs; run++) {
                StoreRebuild.truncate(db.dataSource());
                final InProcessEventSource source = new InProcessEventSource();
                final SeededWorkload workload = new SeededWorkload(source, seed + run, instruments, accounts);
                workload.setup();
                try (ProjectorRunner runner = new ProjectorRunner(new Projector(db.dataSource(), source, batch,
                        CommitHook.NONE)).start()) {
                    final long startNs = System.nanoTime();
                    long maxLag = 0;
                    long nextSampleNs = startNs;
                    final int chunk = 1_000;
                    for (int done = 0; done < commands; done += chunk) {
                        workload.run(Math.min(chunk, commands - done));
                        if (System.nanoTime() >= nextSampleNs) {
                            maxLag = Math.max(maxLag, runner.lag());
                            nextSampleNs = System.nanoTime() + SAMPLE_MS * 1_000_000L;
                        }
                    }
                    final long producedNs = System.nanoTime() - startNs;
                    final long lagAtEnd = runner.lag();
                    maxLag = Math.max(maxLag, lagAtEnd);
                    if (!runner.awaitPosition(source.headPosition(), 600_000)) {
                        throw new IllegalStateException("projector did not catch up in 10 minutes");
                    }
                    final long totalNs = System.nanoTime() - startNs;
                    final Projector p = runner.projector();
                    final long entries = source.entryCount();
                    final double eventsPerS = p.eventsProjected() / (totalNs / 1e9);
                    final double entriesPerS = entries / (totalNs / 1e9);
                    final double producerPerS = entries / (producedNs / 1e9);
                    System.out.printf("run %d: %d log entries, %d events, %d transactions; producer %.0f entries/s;"
                            + " projection %.0f events/s (%.0f entries/s); lag at producer end %d (max %d) position"
                            + " units, caught up %.0f ms after the producer finished%n", run + 1, entries,
                            p.eventsProjected(), p.transactions(), producerPerS, eventsPerS, entriesPerS, lagAtEnd,
                            maxLag, (totalNs - producedNs) / 1e6);
                    results.add(new double[] {eventsPerS, entriesPerS, producerPerS});
                }
            }
        }
        final double[] events = new double[results.size()];
        final double[] entries = new double[results.size()];
        for (int i = 0; i < results.size(); i++) {
            events[i] = results.get(i)[0];
            entries[i] = results.get(i)[1];
        }
        Arrays.sort(events);
        Arrays.sort(entries);
        System.out.printf("median over %d runs: projection %.0f events/s, %.0f log entries/s (noisy shared machine)%n",
                runs, events[events.length / 2], entries[entries.length / 2]);
        deleteTree(dir);
    }

    private static int intArg(final String[] args, final String name, final int defaultValue) {
        return Arrays.stream(args).filter(a -> a.startsWith(name + "=")).findFirst()
                .map(a -> Integer.parseInt(a.substring(name.length() + 1))).orElse(defaultValue);
    }

    private static void deleteTree(final Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
