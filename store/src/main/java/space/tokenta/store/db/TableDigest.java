package space.tokenta.store.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** md5 of each read-model table's rows in primary-key order, computed by PostgreSQL. */
public final class TableDigest {
    /** Projected tables and their primary keys (escrows are written by settlement, not projected). */
    public static final Map<String, String> PROJECTED_TABLES = tables();

    private TableDigest() {
    }

    private static Map<String, String> tables() {
        final Map<String, String> t = new LinkedHashMap<>();
        t.put("assets", "asset_id");
        t.put("instruments", "instrument_id");
        t.put("accounts", "account_id");
        t.put("listings", "account_id, instrument_id");
        t.put("orders", "order_id");
        t.put("order_events", "log_position, event_index");
        t.put("trades", "instrument_id, trade_id");
        t.put("fills", "instrument_id, trade_id, liquidity");
        t.put("balances", "owner_id, asset_id, purpose");
        t.put("transfers", "id_hi, id_lo, phase");
        t.put("candles", "instrument_id, interval_s, bucket_start_ns");
        return java.util.Collections.unmodifiableMap(t);
    }

    /** table name to "rowCount:md5" for every projected table. */
    public static Map<String, String> digest(final DataSource dataSource) throws SQLException {
        final Map<String, String> result = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (final Map.Entry<String, String> table : PROJECTED_TABLES.entrySet()) {
                final String sql = "SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY "
                        + qualified(table.getValue()) + ")), '') FROM " + table.getKey() + " t";
                try (ResultSet rs = s.executeQuery(sql)) {
                    rs.next();
                    result.put(table.getKey(), rs.getLong(1) + ":" + rs.getString(2));
                }
            }
        }
        return result;
    }

    private static String qualified(final String keys) {
        final StringBuilder b = new StringBuilder();
        for (final String key : List.of(keys.split(",\\s*"))) {
            if (!b.isEmpty()) {
                b.append(", ");
            }
            b.append("t.").append(key);
        }
        return b.toString();
    }
}
