package space.tokenta.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class UpCommandTest {

    @Test
    void upStartsTheEngineReportsReadyAndStopsCleanly(@TempDir final Path dir) throws Exception {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        final UpCommand up = new UpCommand(out);
        final CommandLine commandLine = new CommandLine(up);
        final int[] exit = {-1};
        final Thread thread = new Thread(() -> exit[0] = commandLine.execute("--data-dir", dir.resolve("d").toString()));
        thread.start();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!bytes.toString(StandardCharsets.UTF_8).contains("ready:") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        final String started = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(started.contains("ready: 4 instruments"), started);
        assertTrue(started.contains("GPT-FT-04") && started.contains("H100-80G.1H.2026-12-01T00Z")
                && started.contains("VISION-V2") && started.contains("LLM-DATA-X"), started);
        assertTrue(Files.isDirectory(dir.resolve("d")));
        up.requestStop();
        thread.join(10_000);
        assertEquals(0, exit[0]);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("stopped:"));
    }

    @Test
    void mainUpRunsAsAProcessAndStopsOnSigterm(@TempDir final Path dir) throws Exception {
        final String java = ProcessHandle.current().info().command().orElse("java");
        final Process process = new ProcessBuilder(java, "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "up", "--data-dir", dir.toString()).redirectErrorStream(true).start();
        try {
            final BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            final List<String> lines = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("ready:")) {
                    break;
                }
            }
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("ready:")), lines.toString());
            process.toHandle().destroy(); // SIGTERM, keeping our end of the pipe open
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "up did not stop on SIGTERM");
            final String rest = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(rest.contains("stopped:"), rest);
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
