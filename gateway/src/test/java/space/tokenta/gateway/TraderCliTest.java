package space.tokenta.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import space.tokenta.gateway.cli.TraderCommands;

class TraderCliTest {
    @Test
    void placeBookBalancesAndFillsOverHttpWithHmacKeys() throws Exception {
        try (TestExchange x = new TestExchange()) {
            final String[] seller = {"--url", x.base(), "--key", x.seller.keyId(), "--secret", x.seller.secret()};
            final String[] buyer = {"--url", x.base(), "--key", x.buyer.keyId(), "--secret", x.buyer.secret()};
            assertEquals(0, run(new TraderCommands.Place(), concat(seller, "SELL", "2", TestExchange.SYMBOL, "--price", "3.25")));
            final String book = capture(new TraderCommands.Book(), concat(buyer, TestExchange.SYMBOL));
            assertTrue(book.contains("3.25"), book);
            assertEquals(0, run(new TraderCommands.Place(), concat(buyer, "BUY", "2", TestExchange.SYMBOL, "--price", "3.25")));
            final String fills = capture(new TraderCommands.Fills(), buyer);
            assertTrue(fills.contains("TAKER") && fills.contains("3.25"), fills);
            assertTrue(capture(new TraderCommands.Balances(), concat(buyer, "--json")).startsWith("["));
            assertEquals(1, run(new TraderCommands.Place(), concat(buyer, "BUY", "2", TestExchange.SYMBOL, "--price", "3.251")),
                    "non-multiple of the tick is a typed error");
        }
    }

    private static String[] concat(final String[] a, final String... b) {
        final String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int run(final Object command, final String[] args) {
        return new CommandLine(command).execute(args);
    }

    private static String capture(final Object command, final String[] args) {
        final PrintStream old = System.out;
        final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, run(command, args));
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
