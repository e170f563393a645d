package space.tokenta.research.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import space.tokenta.research.eval.Policies;

class SmokeTest {
    @TempDir
    static Path tmp;
    static Path run;
    static String smokeOutput;

    record Result(int exit, String out, String err) {}

    static Result research(final String... args) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream oldOut = System.out;
        final PrintStream oldErr = System.err;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            final int exit = new CommandLine(new ResearchCommand()).execute(args);
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @BeforeAll
    static void smoke() {
        run = tmp.resolve("smoke");
        final Result r = research("smoke", "--out", run.toString());
        smokeOutput = r.out();
        assertEquals(0, r.exit(), r.out() + r.err());
    }

    @Test
    void smokeRunsEndToEndAndTheReportNamesEveryBaseline() throws Exception {
        for (String policy : Policies.ALL) {
            assertTrue(smokeOutput.contains("| " + policy + " |"), "report row for " + policy);
        }
        assertTrue(smokeOutput.contains("research: verify passed") || smokeOutput.contains("re-run of seed"), smokeOutput);
        for (String f : new String[] {"config.json", "manifest.json", "train.json", "tuning.json", "results.json", "report.md", "events.log"}) {
            assertTrue(Files.exists(run.resolve(f)), f);
        }
        assertEquals(0, research("verify", "--out", run.toString()).exit());
        assertEquals(0, research("report", "--out", run.toString()).exit());
    }

    private static Path copyRun(final String name) throws Exception {
        final Path copy = tmp.resolve(name);
        try (Stream<Path> files = Files.walk(run)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                final Path target = copy.resolve(run.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return copy;
    }

    @Test
    void verifyDetectsAFlippedByteInTheEventLog() throws Exception {
        final Path copy = copyRun("flipped");
        final Path log = copy.resolve("events.log");
        final byte[] bytes = Files.readAllBytes(log);
        final int at = bytes.length / 2;
        bytes[at] = (byte) (bytes[at] == '7' ? '8' : (bytes[at] == '\n' ? 'x' : '7'));
        Files.write(log, bytes);
        final Result r = research("verify", "--out", copy.toString());
        assertEquals(ResearchCommand.EXIT_VERIFY_FAILED, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("line"), r.err());
    }

    @Test
    void verifyDetectsAnEditedResultAndATruncatedLog() throws Exception {
        final Path edited = copyRun("edited");
        final Path results = edited.resolve("results.json");
        Files.writeString(results, Files.readString(results).replaceFirst("\"handovers\" : (\\d+)", "\"handovers\" : 1$1"));
        assertEquals(ResearchCommand.EXIT_VERIFY_FAILED, research("verify", "--out", edited.toString()).exit());

        final Path truncated = copyRun("truncated");
        final Path log = truncated.resolve("events.log");
        final var lines = Files.readAllLines(log);
        Files.write(log, lines.subList(0, lines.size() - 1));
        assertEquals(ResearchCommand.EXIT_VERIFY_FAILED, research("verify", "--out", truncated.toString()).exit());
    }

    @Test
    void badInputIsATypedErrorThatChangesNothing() throws Exception {
        final Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"name\":\"x\"}");
        final Path out = tmp.resolve("never");
        final Result r = research("train", "--config", bad.toString(), "--out", out.toString());
        assertEquals(ResearchCommand.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("invalid config") || r.err().contains("config is not valid"), r.err());
        assertTrue(!Files.exists(out));
        assertEquals(ResearchCommand.EXIT_BAD_INPUT, research("train", "--out", run.toString()).exit(), "an existing run is never overwritten");
    }
}
