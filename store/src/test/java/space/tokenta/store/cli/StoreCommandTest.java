package space.tokenta.store.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import space.tokenta.store.TestPostgres;

class StoreCommandTest {

    private static String run(final List<String> args, final int expectedExit) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine cli = new CommandLine(new StoreCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        final int exit = cli.execute(args.toArray(new String[0]));
        assertEquals(expectedExit, exit, out + "\n" + err);
        return out.toString() + err;
    }

    @Test
    void rebuildThenStatusShowsNoLag(@TempDir final Path dir) throws Exception {
        final List<String> base = new ArrayList<>(List.of("--data-dir", dir.toString(), "--workload-seed", "5",
                "--workload-commands", "400"));
        TestPostgres external = null;
        final String url = System.getenv(TestPostgres.ENV_URL);
        if (url != null && !url.isBlank()) {
            external = TestPostgres.start();
            base.addAll(List.of("--db-url", external.withCredentials(external.createDatabase())));
        }
        try {
            final List<String> rebuild = new ArrayList<>(base);
            rebuild.addAll(List.of("rebuild", "--digest"));
            final String rebuilt = run(rebuild, 0);
            assertTrue(rebuilt.contains("rebuilt "), rebuilt);
            assertTrue(rebuilt.contains("trades"), rebuilt);

            final List<String> status = new ArrayList<>(base);
            status.add("status");
            final String shown = run(status, 0);
            final Matcher position = Pattern.compile("position\\s+(\\d+)").matcher(shown);
            final Matcher head = Pattern.compile("head\\s+(\\d+)").matcher(shown);
            assertTrue(position.find() && head.find(), shown);
            assertEquals(head.group(1), position.group(1));
            assertTrue(Long.parseLong(position.group(1)) > 0);
            assertTrue(shown.contains("lag           0"), shown);

            final List<String> bad = new ArrayList<>(base);
            bad.addAll(List.of("rebuild", "--batch", "0"));
            assertTrue(run(bad, 2).contains("--batch must be"));
        } finally {
            if (external != null) {
                external.close();
            }
        }
    }
}
