package space.tokenta.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import space.tokenta.cluster.node.EmbeddedTokenta;
import space.tokenta.engine.command.Command;

/** {@code up} twice on one data directory: the market is loaded once, the second start resumes the same state. */
class EmbeddedTokentaTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void restartResumesAndDoesNotLoadTheMarketAgain() throws Exception {
        final int portBase = NodeProcess.freePortBase(1);
        final List<Command> bootstrap = Workload.setup();
        final String first = runOnce(portBase, bootstrap);
        assertTrue(first.contains("loaded the default market: 1 assets, 1 instruments"), first);
        final String second = runOnce(portBase, bootstrap);
        assertTrue(second.contains("resumed: 1 assets, 1 instruments"), second);
        final Pattern ready = Pattern.compile("log position (\\d+), state hash ([0-9a-f]+)");
        final Pattern stopped = Pattern.compile("stopped: log position (\\d+), state hash ([0-9a-f]+)");
        final Matcher stop1 = stopped.matcher(first);
        final Matcher ready2 = ready.matcher(second.substring(second.indexOf("ready:")));
        assertTrue(stop1.find() && ready2.find(), first + second);
        assertTrue(Long.parseLong(ready2.group(1)) > Long.parseLong(stop1.group(1)), "the log continues");
        final Journal journal = Journal.read(dir.resolve("node-0"));
        final long setupRecords = journal.entries().stream().filter(e -> e.sessionId() >= 0).count();
        assertEquals(bootstrap.size(), setupRecords, "bootstrap commands applied exactly once");
    }

    private String runOnce(final int portBase, final List<Command> bootstrap) throws Exception {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        final CountDownLatch stop = new CountDownLatch(1);
        final Throwable[] failure = new Throwable[1];
        final Thread thread = new Thread(() -> {
            try {
                EmbeddedTokenta.run(dir, portBase, bootstrap, out, stop);
            } catch (final Throwable t) {
                failure[0] = t;
            }
        });
        thread.start();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!bytes.toString(StandardCharsets.UTF_8).contains("ready:") && thread.isAlive()
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        stop.countDown();
        thread.join(20_000);
        if (failure[0] != null) {
            throw new AssertionError("embedded run failed", failure[0]);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
