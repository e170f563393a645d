package space.tokenta.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bench gateway} is registered under {@code bench} and refuses bad arguments before it starts a node. */
class GatewayBenchCommandTest {

    @Test
    void registeredUnderBenchAndBadArgumentsExitTwoWithoutStartingANode() {
        final CommandLine main = Main.commandLine();
        assertTrue(main.getSubcommands().get("bench").getSubcommands().containsKey("gateway"));
        for (final String[] args : List.of(new String[] {"--transport", "tcp"}, new String[] {"--rates", "0"},
                new String[] {"--duration-s", "0"}, new String[] {"--warmup-s", "-1"}, new String[] {"--idle", "fast"},
                new String[] {"--rates", "10,abc"})) {
            final CommandLine cl = Main.commandLine();
            final StringWriter err = new StringWriter();
            cl.setErr(new PrintWriter(err));
            final String[] full = new String[args.length + 2];
            full[0] = "bench";
            full[1] = "gateway";
            System.arraycopy(args, 0, full, 2, args.length);
            final long startNs = System.nanoTime();
            assertEquals(2, cl.execute(full), String.join(" ", args) + ": " + err);
            // a node takes seconds to start: refusing well under that means none was started
            assertTrue(System.nanoTime() - startNs < 2_000_000_000L, String.join(" ", args));
        }
    }
}
