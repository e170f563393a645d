package space.tokenta.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import space.tokenta.gateway.bench.GatewayLoadDriver;

/** The load driver against a gateway on the in-process exchange: every order answered, every buy's fill seen. */
class GatewayLoadDriverTest {

    @Test
    void everyOrderIsAnsweredAndEveryBuyFillTimedOverBothTransports(@TempDir final Path dir) throws Exception {
        try (TestExchange x = new TestExchange()) {
            final Path credentials = dir.resolve("keys");
            Files.writeString(credentials, "port " + x.server.port() + "\nbuyer " + x.buyer.keyId() + " "
                    + x.buyer.secret() + "\nseller " + x.seller.keyId() + " " + x.seller.secret() + "\n");
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            final PrintStream was = System.out;
            final int exit;
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            try {
                exit = new CommandLine(new GatewayLoadDriver()).execute("--credentials", credentials.toString(),
                        "--rates", "40", "--duration-s", "1", "--warmup-s", "0", "--transport", "both");
            } finally {
                System.setOut(was);
            }
            final String out = bytes.toString(StandardCharsets.UTF_8);
            assertEquals(0, exit, out);
            for (final String transport : List.of("websocket", "rest")) {
                final String line = out.lines().filter(l -> l.startsWith(transport + " ")).findFirst().orElseThrow(
                        () -> new AssertionError("no " + transport + " line in\n" + out));
                // transport rate sent acks | p50 p99 p99.9 max | fills | p50 p99 p99.9 max
                final String[] f = line.replace("|", " ").trim().split("\\s+");
                assertEquals("40", f[1], line);
                assertEquals("40", f[2], line);
                assertEquals("40", f[3], "every order answered: " + line);
                assertEquals("20", f[8], "every buy's fill seen: " + line);
                assertTrue(Long.parseLong(f[4]) <= Long.parseLong(f[7]), "p50 <= max: " + line);
                assertTrue(Long.parseLong(f[9]) <= Long.parseLong(f[12]), "fill p50 <= max: " + line);
            }
            assertTrue(out.contains("sustained (every order answered, ack p99 < 10 ms):"), out);
            assertTrue(!out.contains("answers with status"), out);
        }
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyLoad(@TempDir final Path dir) throws Exception {
        final Path credentials = Files.writeString(dir.resolve("keys"), "port 1\nbuyer a b\nseller c d\n");
        for (final String[] args : List.of(new String[] {"--transport", "udp"}, new String[] {"--rates", "0"},
                new String[] {"--duration-s", "0"}, new String[] {"--rates", "1,x"})) {
            final String[] full = new String[args.length + 2];
            full[0] = "--credentials";
            full[1] = credentials.toString();
            System.arraycopy(args, 0, full, 2, args.length);
            final CommandLine cl = new CommandLine(new GatewayLoadDriver());
            cl.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
            assertEquals(2, cl.execute(full), String.join(" ", args));
        }
    }
}
