package space.tokenta.bench;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import space.tokenta.engine.Engine;
import space.tokenta.engine.EngineConfig;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.event.NoOpEventSink;

/**
 * Compares engine builds on one shared, noisy machine: every build runs in this one JVM, each in its
 * own class loader (its engine jar, this bench jar and the libraries), and their un-instrumented
 * replays alternate round by round (order reversed every other round). Each replay records the CPU
 * time of the replay thread per chunk of {@value #CHUNK_COMMANDS} commands. Other processes on the
 * same cores disturb single runs by tens of percent (descheduling empties the caches); the sum over
 * chunks of each chunk's fastest time across rounds 2..R is the figure least disturbed by them, and
 * the per-round medians are printed beside it.
 *
 * <pre>java --add-opens java.base/jdk.internal.misc=ALL-UNNAMED -cp "bench.jar:libs/*" \
 *   space.tokenta.bench.EngineBuildComparison one.tkwl 9 old=old/engine.jar:bench.jar:libs/* new=...</pre>
 *
 * Each {@code name=path:path…} names a build by its class path (jars; a {@code dir/*} entry adds every
 * jar of dir); {@code name@decoded=…} or {@code name@objects=…} picks that build's input path
 * ({@link EngineReplay.Input}; without it, command objects, which any bench jar of this tool runs). The
 * first round is warm-up.
 */
public final class EngineBuildComparison {
    static final int CHUNK_COMMANDS = 50_000;
    private static final int MAX_ROUNDS = 1_000;
    private static final int MAX_BUILDS = 8;

    private EngineBuildComparison() {
    }

    /** Runs inside each build's class loader: prepares an engine and replays the workload by chunks. */
    public static final class ChunkedReplay {
        private static final com.sun.management.ThreadMXBean THREADS =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        private static Workload workload;
        private static EngineConfig config;
        /** The measured commands as file records when the input path is decoded; null for command objects. */
        private static byte[] records;

        private ChunkedReplay() {
        }

        public static void load(final String file) throws java.io.IOException {
            workload = WorkloadFile.read(Path.of(file));
            config = EngineReplay.configFor(workload);
        }

        /** @param input "decoded" or "objects" ({@link EngineReplay.Input}) */
        public static void load(final String file, final String input) throws java.io.IOException {
            load(file);
            records = switch (input) {
                case "decoded" -> WorkloadFile.records(workload.commands());
                case "objects" -> null;
                default -> throw new IllegalArgumentException("input path must be decoded or objects: " + input);
            };
        }

        /** @return the state hash, then the CPU nanoseconds of each full chunk */
        public static long[] run() {
            final Engine engine = EngineReplay.prepared(workload, config);
            final Command[] commands = workload.commands();
            final int chunks = commands.length / CHUNK_COMMANDS;
            final long[] result = new long[1 + chunks];
            long before = THREADS.getCurrentThreadCpuTime();
            final Command reused = new Command();
            for (int k = 0; k < chunks; k++) {
                if (records != null) {
                    replayDecoded(engine, reused, k * CHUNK_COMMANDS, (k + 1) * CHUNK_COMMANDS);
                } else {
                    replay(engine, commands, k * CHUNK_COMMANDS, (k + 1) * CHUNK_COMMANDS);
                }
                final long after = THREADS.getCurrentThreadCpuTime();
                result[1 + k] = after - before;
                before = after;
            }
            if (records != null) {
                replayDecoded(engine, reused, chunks * CHUNK_COMMANDS, commands.length);
            } else {
                replay(engine, commands, chunks * CHUNK_COMMANDS, commands.length);
            }
            result[0] = engine.stateHash();
            return result;
        }

        private static void replay(final Engine engine, final Command[] commands, final int from, final int to) {
            for (int i = from; i < to; i++) {
                engine.apply(commands[i], NoOpEventSink.INSTANCE);
            }
        }

        private static void replayDecoded(final Engine engine, final Command reused, final int from, final int to) {
            final byte[] r = records;
            for (int i = from; i < to; i++) {
                engine.apply(WorkloadFile.decode(r, i * WorkloadFile.RECORD_BYTES, reused), NoOpEventSink.INSTANCE);
            }
        }
    }

    public static void main(final String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: EngineBuildComparison <workload file> <rounds> name=classpath ...");
            System.exit(2);
        }
        final String file = args[0];
        final int rounds = Integer.parseInt(args[1]);
        final int builds = args.length - 2;
        if (rounds < 2 || rounds > MAX_ROUNDS || builds > MAX_BUILDS) {
            throw new IllegalArgumentException("rounds 2.." + MAX_ROUNDS + ", at most " + MAX_BUILDS + " builds");
        }
        final String[] names = new String[builds];
        final Method[] runs = new Method[builds];
        for (int b = 0; b < builds; b++) {
            final String[] nameAndPath = args[2 + b].split("=", 2);
            names[b] = nameAndPath[0];
            final int at = names[b].indexOf('@');
            final List<URL> urls = new ArrayList<>();
            for (final String entry : nameAndPath[1].split(":")) {
                if (entry.endsWith("/*")) {
                    final java.io.File[] jars = new java.io.File(entry.substring(0, entry.length() - 2))
                            .listFiles((dir, name) -> name.endsWith(".jar"));
                    for (final java.io.File jar : jars == null ? new java.io.File[0] : jars) {
                        urls.add(jar.toURI().toURL());
                    }
                } else {
                    urls.add(Path.of(entry).toUri().toURL());
                }
            }
            final ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]),
                    ClassLoader.getPlatformClassLoader());
            // by name: this class is loaded without any engine on the class path of its own loader
            final Class<?> replay = loader.loadClass(EngineBuildComparison.class.getName() + "$ChunkedReplay");
            if (at < 0) {
                replay.getMethod("load", String.class).invoke(null, file);
            } else {
                replay.getMethod("load", String.class, String.class).invoke(null, file, names[b].substring(at + 1));
            }
            runs[b] = replay.getMethod("run");
        }
        final double[][] perRound = new double[builds][rounds - 1];
        final long[][] fastestChunk = new long[builds][];
        for (int r = 0; r < rounds; r++) {
            final StringBuilder line = new StringBuilder("round " + (r + 1) + ":");
            for (int k = 0; k < builds; k++) {
                final int b = r % 2 == 0 ? k : builds - 1 - k;
                System.gc();
                final long[] result = (long[]) runs[b].invoke(null);
                long cpuNs = 0;
                for (int c = 1; c < result.length; c++) {
                    cpuNs += result[c];
                }
                final double rate = (result.length - 1) * (double) CHUNK_COMMANDS * 1e3 / cpuNs;
                line.append(String.format(" %s %.2f M/s (state hash %x)", names[b], rate, result[0]));
                if (r > 0) {
                    perRound[b][r - 1] = rate;
                    final long[] chunks = Arrays.copyOfRange(result, 1, result.length);
                    if (fastestChunk[b] == null) {
                        fastestChunk[b] = chunks;
                    } else {
                        for (int c = 0; c < chunks.length; c++) {
                            fastestChunk[b][c] = Math.min(fastestChunk[b][c], chunks[c]);
                        }
                    }
                }
            }
            System.out.println(line);
        }
        for (int b = 0; b < builds; b++) {
            final double[] sorted = perRound[b].clone();
            Arrays.sort(sorted);
            final long sum = Arrays.stream(fastestChunk[b]).sum();
            System.out.printf("%s: per CPU-second median %.2f M/s, best round %.2f M/s, sum of per-chunk fastest %.2f M/s"
                    + " (rounds 2-%d)%n", names[b], sorted[sorted.length / 2], sorted[sorted.length - 1],
                    fastestChunk[b].length * (double) CHUNK_COMMANDS * 1e3 / sum, rounds);
        }
    }
}
