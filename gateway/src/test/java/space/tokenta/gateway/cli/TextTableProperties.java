package space.tokenta.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Numbers right-aligned with the column's decimals and unchanged in value; text left-aligned. */
class TextTableProperties {

    @Property(tries = 300)
    void numbersLineUpAndKeepTheirValue(@ForAll("seeds") final long seed, @ForAll @IntRange(min = 0, max = 20) final int rowCount) {
        final java.util.Random random = new java.util.Random(seed);
        final List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < rowCount; r++) {
            final int decimals = random.nextInt(4);
            final String price = BigDecimal.valueOf(random.nextLong(-1_000_000, 1_000_000), decimals).toPlainString();
            rows.add(Arrays.asList(price, random.nextBoolean() ? "BUY" : "SELL", random.nextInt(5) == 0 ? null
                    : Long.toString(random.nextLong(0, 100_000))));
        }
        final TextTable table = new TextTable(List.of("price", "side", "qty"));
        rows.forEach(table::row);
        final String[] lines = table.render().split("\n");
        assertEquals(rowCount + 1, lines.length);
        final int maxDecimals = rows.stream().mapToInt(r -> r.get(0).contains(".") ? r.get(0).length() - r.get(0).indexOf('.') - 1 : 0)
                .max().orElse(0);
        int priceEnd = -1;
        for (int r = 0; r < rowCount; r++) {
            final String line = lines[r + 1];
            final String[] cells = line.trim().split(" +");
            // value kept, decimals fixed per column
            assertEquals(0, new BigDecimal(cells[0]).compareTo(new BigDecimal(rows.get(r).get(0))), line);
            final int dot = cells[0].indexOf('.');
            assertEquals(maxDecimals, dot < 0 ? 0 : cells[0].length() - dot - 1, line);
            // right-aligned: every price ends in the same column
            final int end = line.indexOf(cells[0]) + cells[0].length();
            if (priceEnd >= 0) {
                assertEquals(priceEnd, end, line);
            }
            priceEnd = end;
            assertEquals(rows.get(r).get(1), cells[1]);
            assertEquals(rows.get(r).get(2) == null ? "-" : rows.get(r).get(2), cells[2]);
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Long> seeds() {
        return net.jqwik.api.Arbitraries.longs();
    }

    @Test
    void exampleAndBadShapes() {
        final String out = new TextTable(List.of("symbol", "price", "qty")).row(List.of("GPT", "12.5", "3"))
                .row(List.of("CLAUDE-X", "101.25", "10")).render();
        assertEquals("""
                symbol     price  qty
                GPT        12.50    3
                CLAUDE-X  101.25   10
                """, out);
        assertThrows(IllegalArgumentException.class, () -> new TextTable(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new TextTable(List.of("a")).row(List.of("1", "2")));
    }
}
