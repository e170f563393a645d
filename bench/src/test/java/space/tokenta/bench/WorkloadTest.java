package space.tokenta.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;

class WorkloadTest {
    private static final Scenario SMALL = new Scenario("small", 3, 50, 10, 40, 5_000, 13, 2, 0, 7, 71, 7);

    @Test
    void theFileFormatRoundTripsEveryCommandField(@TempDir final Path dir) throws IOException {
        final Workload workload = WorkloadGenerator.generate(SMALL, 7, 3_000);
        final Path file = dir.resolve("w.tkwl");
        WorkloadFile.write(workload, file);
        assertEquals(WorkloadFile.HEADER_BYTES
                + (long) (workload.setup().length + workload.commands().length) * WorkloadFile.RECORD_BYTES,
                Files.size(file));
        final Workload read = WorkloadFile.read(file);
        assertEquals("small", read.scenario());
        assertEquals(7, read.seed());
        assertEquals(workload.setup().length, read.setup().length);
        for (int i = 0; i < workload.setup().length; i++) {
            assertEquals(workload.setup()[i].toString(), read.setup()[i].toString());
        }
        for (int i = 0; i < workload.commands().length; i++) {
            assertEquals(workload.commands()[i].toString(), read.commands()[i].toString());
        }
        Files.write(file, new byte[] {1, 2, 3});
        assertThrows(IOException.class, () -> WorkloadFile.read(file));
    }

    @Test
    void bothInputPathsReplayTheSameCommands() {
        final Workload workload = WorkloadGenerator.generate(SMALL, 5, 20_000);
        // one reused command decoded record by record equals each pre-built command, whatever came before
        final byte[] records = WorkloadFile.records(workload.commands());
        final Command reused = new Command();
        final Command[] all = workload.setup();
        final byte[] setupRecords = WorkloadFile.records(all);
        for (int i = 0; i < all.length; i++) {
            assertEquals(all[i].toString(), WorkloadFile.decode(setupRecords, i * WorkloadFile.RECORD_BYTES, reused).toString());
        }
        for (int i = 0; i < workload.commands().length; i++) {
            assertEquals(workload.commands()[i].toString(),
                    WorkloadFile.decode(records, i * WorkloadFile.RECORD_BYTES, reused).toString());
        }
        final EngineReplay.Result objects = EngineReplay.run(workload, EngineReplay.configFor(workload),
                EngineReplay.Input.OBJECTS);
        final EngineReplay.Result decoded = EngineReplay.run(workload, EngineReplay.configFor(workload),
                EngineReplay.Input.DECODED);
        assertEquals(objects.eventHash(), decoded.eventHash());
        assertEquals(objects.eventCount(), decoded.eventCount());
        assertEquals(objects.stateHash(), decoded.stateHash());
    }

    @Test
    void theGeneratorIsDeterministicAndFollowsTheMix() {
        final Workload a = WorkloadGenerator.generate(SMALL, 11, 20_000);
        final Workload b = WorkloadGenerator.generate(SMALL, 11, 20_000);
        final EngineReplay.Result ra = EngineReplay.run(a);
        final EngineReplay.Result rb = EngineReplay.run(b);
        assertEquals(ra.eventHash(), rb.eventHash());
        assertEquals(ra.stateHash(), rb.stateHash());
        assertNotEquals(ra.eventHash(), EngineReplay.run(WorkloadGenerator.generate(SMALL, 12, 20_000)).eventHash());
        int amends = 0;
        int places = 0;
        for (final Command c : a.commands()) {
            if (c.type == CommandType.AMEND_ORDER) {
                amends++;
            } else if (c.type == CommandType.PLACE_ORDER) {
                places++;
            }
        }
        assertTrue(amends > 20_000 * 0.6 && amends < 20_000 * 0.9, "amends: " + amends);
        assertTrue(places > 20_000 * 0.1 && places < 20_000 * 0.3, "places: " + places);
    }

    @Test
    void benchEngineCommandPrintsTheFiguresForAFileItWrote(@TempDir final Path dir) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        final Path file = dir.resolve("one.tkwl");
        final int exit = new CommandLine(new EngineBenchCommand(out)).execute("--scenario", "one-book", "--commands",
                "20000", "--runs", "2", "--generate", file.toString());
        final String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text);
        assertTrue(text.contains("throughput: ") && text.contains(" commands/s"), text);
        assertTrue(text.contains("latency: p50 ") && text.contains("allocation: ") && text.contains("identical in every run: yes"),
                text);
        bytes.reset();
        assertEquals(0, new CommandLine(new EngineBenchCommand(out)).execute("--file", file.toString(), "--runs", "1"));
        final String replayed = bytes.toString(StandardCharsets.UTF_8);
        final String hashLine = text.lines().filter(l -> l.startsWith("events: ")).findFirst().orElseThrow();
        assertTrue(replayed.contains(hashLine.substring(0, hashLine.indexOf(", identical"))), replayed);
    }
}
