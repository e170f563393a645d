package space.tokenta.gateway.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A plain-text table for the trader CLI: a column whose every value is a number is right-aligned and
 * shown with the same number of decimals (the most any of its values has, so decimal points line
 * up); other columns are left-aligned. Missing values show as {@code -}.
 */
public final class TextTable {
    static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    static final int MAX_ROWS = 100_000;
    static final String MISSING = "-";
    private final List<String> headers;
    private final List<String[]> rows = new ArrayList<>();

    public TextTable(final List<String> headers) {
        if (headers.isEmpty()) {
            throw new IllegalArgumentException("a table needs a column");
        }
        this.headers = List.copyOf(headers);
    }

    /** Adds a row; null cells are missing values. */
    public TextTable row(final List<?> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, table has " + headers.size() + " columns");
        }
        if (rows.size() >= MAX_ROWS) {
            throw new IllegalStateException("table full: " + MAX_ROWS + " rows");
        }
        final String[] row = new String[cells.size()];
        for (int c = 0; c < row.length; c++) {
            row[c] = cells.get(c) == null ? null : String.valueOf(cells.get(c));
        }
        rows.add(row);
        return this;
    }

    public String render() {
        final int columns = headers.size();
        final boolean[] numeric = new boolean[columns];
        final int[] decimals = new int[columns];
        for (int c = 0; c < columns; c++) {
            boolean any = false;
            boolean all = true;
            for (final String[] row : rows) {
                if (row[c] == null) {
                    continue;
                }
                any = true;
                if (!NUMBER.matcher(row[c]).matches()) {
                    all = false;
                    break;
                }
                final int dot = row[c].indexOf('.');
                decimals[c] = Math.max(decimals[c], dot < 0 ? 0 : row[c].length() - dot - 1);
            }
            numeric[c] = any && all;
        }
        final List<String[]> cells = new ArrayList<>(rows.size());
        final int[] width = new int[columns];
        for (int c = 0; c < columns; c++) {
            width[c] = headers.get(c).length();
        }
        for (final String[] row : rows) {
            final String[] shown = new String[columns];
            for (int c = 0; c < columns; c++) {
                shown[c] = row[c] == null ? MISSING : numeric[c] ? withDecimals(row[c], decimals[c]) : row[c];
                width[c] = Math.max(width[c], shown[c].length());
            }
            cells.add(shown);
        }
        final StringBuilder out = new StringBuilder();
        line(out, headers.toArray(String[]::new), width, numeric);
        for (final String[] shown : cells) {
            line(out, shown, width, numeric);
        }
        return out.toString();
    }

    private static void line(final StringBuilder out, final String[] cells, final int[] width, final boolean[] right) {
        final StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                line.append("  ");
            }
            final String pad = " ".repeat(width[c] - cells[c].length());
            line.append(right[c] ? pad + cells[c] : cells[c] + pad);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /** {@code 12.5} with 2 decimals is {@code 12.50}; never drops digits (decimals is the column's maximum). */
    static String withDecimals(final String number, final int decimals) {
        final int dot = number.indexOf('.');
        final int have = dot < 0 ? 0 : number.length() - dot - 1;
        if (decimals == have) {
            return number;
        }
        return (dot < 0 ? number + "." : number) + "0".repeat(decimals - have);
    }
}
