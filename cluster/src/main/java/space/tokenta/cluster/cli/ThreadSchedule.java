package space.tokenta.cluster.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the kernel says about this process's threads (Linux {@code /proc/self/task/N/schedstat}): CPU time
 * used, time spent runnable but waiting for a core, and how many times each ran. On a shared 2-core
 * machine the wait column is what separates "the design is slow" from "the cores were busy elsewhere".
 * Threads are grouped by name (Aeron agents name their threads); elsewhere than Linux it reports nothing.
 */
final class ThreadSchedule {
    /** name -> {cpuNs, waitNs, slices} summed over threads of that name. */
    private final Map<String, long[]> byName;

    private ThreadSchedule(final Map<String, long[]> byName) {
        this.byName = byName;
    }

    static ThreadSchedule sample() {
        final Map<String, long[]> byName = new TreeMap<>();
        final Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return new ThreadSchedule(byName);
        }
        try (Stream<Path> list = Files.list(tasks)) {
            list.limit(4_096).forEach(task -> {
                try {
                    final String name = Files.readString(task.resolve("comm")).trim();
                    final String[] f = Files.readString(task.resolve("schedstat")).trim().split(" ");
                    final long[] sum = byName.computeIfAbsent(name, k -> new long[3]);
                    for (int i = 0; i < 3 && i < f.length; i++) {
                        sum[i] += Long.parseLong(f[i]);
                    }
                } catch (final IOException | NumberFormatException gone) {
                    // the thread ended between listing and reading: it has nothing more to report
                }
            });
        } catch (final IOException e) {
            return new ThreadSchedule(byName);
        }
        return new ThreadSchedule(byName);
    }

    /** Threads that used at least 1% of the interval, busiest first: CPU %, run-queue wait per slice. */
    String since(final ThreadSchedule before, final long intervalNs) {
        final StringBuilder out = new StringBuilder();
        byName.entrySet().stream()
                .map(e -> {
                    final long[] was = before.byName.getOrDefault(e.getKey(), new long[3]);
                    return Map.entry(e.getKey(), new long[] {e.getValue()[0] - was[0], e.getValue()[1] - was[1],
                            e.getValue()[2] - was[2]});
                })
                .filter(e -> e.getValue()[0] * 100 >= intervalNs)
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(e -> {
                    final long[] d = e.getValue();
                    out.append(String.format("    %-16s cpu %5.1f%%  runnable-waiting %5.1f%%  %8d slices  %7.1f us wait/slice%n",
                            e.getKey(), 100.0 * d[0] / intervalNs, 100.0 * d[1] / intervalNs, d[2],
                            d[2] == 0 ? 0.0 : d[1] / 1e3 / d[2]));
                });
        return out.toString();
    }
}
