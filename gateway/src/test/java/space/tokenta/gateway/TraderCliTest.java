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
            assertEquals(0, run(new TraderCommands.Place(), concat(seller, "SELL", "1", TestExchange.SYMBOL, "--price", "4.5",
                    "--client-order-id", "cli-open")));
            // tables: numbers right-aligned with fixed decimals (4.5 shows as 4.50 next to 3.25)
            final String open = capture(new TraderCommands.Orders(), seller);
            final String[] lines = open.split("\n");
            assertTrue(lines[0].startsWith("orderId") && lines[0].contains("price") && lines[0].contains("status"), open);
            final String row = java.util.Arrays.stream(lines).filter(l -> l.contains(" 4.50 ")).findFirst()
                    .orElseThrow(() -> new AssertionError(open));
            assertTrue(row.contains("OPEN") && row.contains("SELL"), open);
            assertEquals(lines[0].indexOf("price") + "price".length(), row.indexOf(" 4.50 ") + " 4.50".length(),
                    "price right-aligned under its header\n" + open);
            final String history = capture(new TraderCommands.Orders(), concat(seller, "--history"));
            assertTrue(history.contains("FILLED") && history.contains("3.25") && history.contains("4.50"), history);
            final String bookTable = capture(new TraderCommands.Book(), concat(buyer, TestExchange.SYMBOL));
            assertTrue(bookTable.contains("ask qty") && bookTable.contains("4.50"), bookTable);
            // --json: the gateway's JSON, parseable, for every listing command
            for (final Object command : new Object[] {new TraderCommands.Orders(), new TraderCommands.Fills(),
                    new TraderCommands.Balances()}) {
                new io.vertx.core.json.JsonArray(capture(command, concat(seller, "--json")));
            }
            new io.vertx.core.json.JsonObject(capture(new TraderCommands.Book(), concat(buyer, TestExchange.SYMBOL, "--json")));
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
