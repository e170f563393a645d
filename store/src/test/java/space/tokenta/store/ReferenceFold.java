package space.tokenta.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import space.tokenta.engine.event.Event;
import space.tokenta.engine.ledger.TransferFlags;
import space.tokenta.store.source.LogEntry;

/** A plain Java fold of the same log entries the projector reads: what the database must hold. */
public final class ReferenceFold {
    /** "owner/asset/purpose" to {debitsPosted, creditsPosted, debitsPending, creditsPending}. */
    public final Map<String, List<Long>> balances = new TreeMap<>();
    public final Map<String, Long> rowCounts = new TreeMap<>();
    /** orderId to "status:filled:remaining". */
    public final Map<Long, String> orders = new TreeMap<>();

    public static ReferenceFold of(final List<LogEntry> entries) {
        final ReferenceFold f = new ReferenceFold();
        final Map<String, long[]> b = new HashMap<>();
        final Map<Long, long[]> filled = new HashMap<>();
        long orderEvents = 0;
        long trades = 0;
        long transfers = 0;
        for (final LogEntry entry : entries) {
            for (final Event e : entry.events()) {
                switch (e) {
                    case Event.OrderAccepted a -> {
                        orderEvents++;
                        filled.put(a.orderId(), new long[] {0, a.quantityLots()});
                        f.orders.put(a.orderId(), "OPEN:0:" + a.quantityLots());
                    }
                    case Event.OrderRejected r -> {
                        orderEvents++;
                        // a refused placement (or replacement) is an order that never rested
                        final space.tokenta.engine.command.Command c = entry.command();
                        final boolean placement = r.commandType() == space.tokenta.engine.command.CommandType.PLACE_ORDER
                                && r.orderId() == c.orderId;
                        final boolean replacement = r.commandType() == space.tokenta.engine.command.CommandType.CANCEL_REPLACE
                                && r.orderId() == c.newOrderId && r.orderId() != c.orderId;
                        if (r.orderId() > 0 && (placement || replacement)
                                && r.reason() != space.tokenta.engine.event.RejectReason.DUPLICATE_ORDER_ID) {
                            f.orders.putIfAbsent(r.orderId(), "REJECTED:0:0");
                        }
                    }
                    case Event.DuplicateOrder d -> orderEvents++;
                    case Event.SelfTradePrevented p -> orderEvents++;
                    case Event.OrderAmended m -> {
                        orderEvents++;
                        filled.get(m.orderId())[1] = m.quantityLots();
                        f.orders.put(m.orderId(), f.orders.get(m.orderId()).split(":")[0] + ":"
                                + filled.get(m.orderId())[0] + ":" + m.quantityLots());
                    }
                    case Event.OrderCancelled x -> {
                        orderEvents++;
                        f.orders.put(x.orderId(), "CANCELLED:" + filled.get(x.orderId())[0] + ":" + x.remainingLots());
                    }
                    case Event.OrderExpired x -> {
                        orderEvents++;
                        f.orders.put(x.orderId(), "EXPIRED:" + filled.get(x.orderId())[0] + ":" + x.remainingLots());
                    }
                    case Event.Trade t -> {
                        orderEvents++;
                        trades++;
                        fold(f, filled, t.makerOrderId(), t.quantityLots(), t.makerRemainingLots());
                        fold(f, filled, t.takerOrderId(), t.quantityLots(), t.takerRemainingLots());
                    }
                    case Event.Transfer x -> {
                        transfers++;
                        final long[] d = b.computeIfAbsent(x.debitOwner() + "/" + x.assetId() + "/" + x.debitPurpose(),
                                k -> new long[4]);
                        final long[] c = b.computeIfAbsent(x.creditOwner() + "/" + x.assetId() + "/"
                                + x.creditPurpose(), k -> new long[4]);
                        final long amount = x.amount();
                        if ((x.flags() & TransferFlags.PENDING) != 0) {
                            d[2] += amount;
                            c[3] += amount;
                        } else if ((x.flags() & TransferFlags.POST_PENDING) != 0) {
                            d[2] -= amount;
                            c[3] -= amount;
                            d[0] += amount;
                            c[1] += amount;
                        } else if ((x.flags() & TransferFlags.VOID_PENDING) != 0) {
                            d[2] -= amount;
                            c[3] -= amount;
                        } else {
                            d[0] += amount;
                            c[1] += amount;
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        b.forEach((k, v) -> f.balances.put(k, List.of(v[0], v[1], v[2], v[3])));
        f.rowCounts.put("order_events", orderEvents);
        f.rowCounts.put("trades", trades);
        f.rowCounts.put("fills", trades * 2);
        f.rowCounts.put("transfers", transfers);
        f.rowCounts.put("orders", (long) f.orders.size());
        return f;
    }

    private static void fold(final ReferenceFold f, final Map<Long, long[]> filled, final long orderId,
            final long lots, final long remaining) {
        final long[] o = filled.get(orderId);
        o[0] += lots;
        o[1] = remaining;
        f.orders.put(orderId, (remaining == 0 ? "FILLED" : "PARTIALLY_FILLED") + ":" + o[0] + ":" + remaining);
    }

    /** The same view read from the database. */
    public static ReferenceFold fromDatabase(final DataSource ds) throws SQLException {
        final ReferenceFold f = new ReferenceFold();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT owner_id, asset_id, purpose, debits_posted, credits_posted,"
                    + " debits_pending, credits_pending FROM balances")) {
                while (rs.next()) {
                    f.balances.put(rs.getLong(1) + "/" + rs.getInt(2) + "/" + rs.getString(3),
                            List.of(rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)));
                }
            }
            for (final String table : List.of("order_events", "trades", "fills", "transfers", "orders")) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    f.rowCounts.put(table, rs.getLong(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT order_id, status, filled_lots, remaining_lots FROM orders")) {
                while (rs.next()) {
                    f.orders.put(rs.getLong(1), rs.getString(2) + ":" + rs.getLong(3) + ":" + rs.getLong(4));
                }
            }
        }
        return f;
    }

    /** Per asset: posted credits minus debits over all accounts, and pending credits minus debits (both must be 0). */
    public static Map<Integer, List<Long>> assetSums(final DataSource ds) throws SQLException {
        final Map<Integer, List<Long>> sums = new TreeMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT asset_id, sum(credits_posted - debits_posted),"
                        + " sum(credits_pending - debits_pending) FROM balances GROUP BY asset_id")) {
            while (rs.next()) {
                sums.put(rs.getInt(1), List.of(rs.getLong(2), rs.getLong(3)));
            }
        }
        return sums;
    }
}
