package space.tokenta.store.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import space.tokenta.store.ReferenceFold;
import space.tokenta.store.PostgresPerClass;
import space.tokenta.store.db.TableDigest;
import space.tokenta.store.source.InProcessEventSource;

class ProjectorCrashTest {
    private static final long SEED = 9;
    private static final int COMMANDS = 1_500;
    @RegisterExtension
    static final PostgresPerClass POSTGRES = new PostgresPerClass();
    private static InProcessEventSource source;
    private static Map<String, String> cleanDigest;

    /** A simulated crash: the projector's thread dies at this point. */
    static final class Crash extends RuntimeException {
        Crash(final String where) {
            super(where, null, false, false);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        source = ProjectorProcess.log(SEED, COMMANDS);
        final DataSource clean = POSTGRES.server().migratedDatabase();
        new Projector(clean, source, 100, CommitHook.NONE).catchUp();
        cleanDigest = TableDigest.digest(clean);
    }

    @Test
    void crashesBeforeAndAfterCommitLoseAndDuplicateNothing() throws Exception {
        final DataSource ds = POSTGRES.server().migratedDatabase();
        final SplittableRandom random = new SplittableRandom(SEED);
        final int[] crashes = new int[2];
        final CommitHook hook = new CommitHook() {
            @Override
            public void beforeCommit(final long from, final long to) {
                if (random.nextInt(4) == 0) {
                    crashes[0]++;
                    throw new Crash("before commit at " + to);
                }
            }

            @Override
            public void afterCommit(final long from, final long to) {
                if (random.nextInt(4) == 0) {
                    crashes[1]++;
                    throw new Crash("after commit at " + to);
                }
            }
        };
        int restarts = 0;
        Projector projector = new Projector(ds, source, 1 + random.nextInt(30), hook);
        while (projector.projectedPosition() < source.headPosition()) {
            assertTrue(restarts < 10_000, "bounded restarts");
            try {
                projector.doWork();
                for (final Map.Entry<Integer, List<Long>> sum : ReferenceFold.assetSums(ds).entrySet()) {
                    assertEquals(List.of(0L, 0L), sum.getValue(), "asset " + sum.getKey());
                }
            } catch (final Crash crash) {
                restarts++;
                // A restarted process keeps nothing in memory: a new projector resumes from the stored position.
                projector = new Projector(ds, source, 1 + random.nextInt(30), hook);
            }
        }
        assertTrue(crashes[0] > 3 && crashes[1] > 3, "crashes before/after commit: " + crashes[0] + "/" + crashes[1]);
        assertEquals(cleanDigest, TableDigest.digest(ds));
        final ReferenceFold expected = ReferenceFold.of(source.entries());
        final ReferenceFold actual = ReferenceFold.fromDatabase(ds);
        assertEquals(expected.rowCounts, actual.rowCounts);
        assertEquals(expected.balances, actual.balances);
        assertEquals(expected.orders, actual.orders);
    }

    @Test
    void killedProjectorProcessResumesWithoutMissingOrDuplicatedRows() throws Exception {
        final String url = POSTGRES.server().createDatabase();
        final DataSource ds = POSTGRES.server().pool(url);
        space.tokenta.store.db.StoreDatabase.migrate(ds);
        final SplittableRandom random = new SplittableRandom(SEED + 1);
        final List<Long> killedAt = new ArrayList<>();
        for (int run = 0; run < 4; run++) {
            final boolean kill = run < 3;
            final Process child = startChild(url);
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                final int commitsBeforeKill = 5 + random.nextInt(60);
                int commits = 0;
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("committed ")) {
                        commits++;
                        if (kill && commits == commitsBeforeKill) {
                            killedAt.add(Long.parseLong(line.substring("committed ".length())));
                            child.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback by the client
                            break;
                        }
                    }
                }
            } finally {
                if (!child.waitFor(60, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                    child.waitFor();
                }
            }
            if (!kill) {
                assertEquals(0, child.exitValue(), "the last run finishes");
            }
        }
        assertEquals(3, killedAt.size(), "three kills mid-run: " + killedAt);
        assertTrue(killedAt.get(0) < source.headPosition());
        assertEquals(cleanDigest, TableDigest.digest(ds));
        final ReferenceFold expected = ReferenceFold.of(source.entries());
        final ReferenceFold actual = ReferenceFold.fromDatabase(ds);
        assertEquals(expected.rowCounts, actual.rowCounts);
        assertEquals(expected.balances, actual.balances);
    }

    private static Process startChild(final String url) throws Exception {
        final String java = ProcessHandle.current().info().command().orElse("java");
        final ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ProjectorProcess.class.getName(), url, POSTGRES.server().user(),
                POSTGRES.server().password() == null ? "-" : POSTGRES.server().password(), Long.toString(SEED),
                Integer.toString(COMMANDS), "5");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }
}
