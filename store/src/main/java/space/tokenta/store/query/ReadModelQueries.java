package space.tokenta.store.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import space.tokenta.store.escrow.EscrowState;
import space.tokenta.store.escrow.EscrowStore;
import space.tokenta.store.projection.CandleInterval;
import space.tokenta.store.query.Views.BalanceView;
import space.tokenta.store.query.Views.CandleView;
import space.tokenta.store.query.Views.EscrowView;
import space.tokenta.store.query.Views.FillView;
import space.tokenta.store.query.Views.OrderEventView;
import space.tokenta.store.query.Views.OrderView;
import space.tokenta.store.query.Views.Page;
import space.tokenta.store.query.Views.TradeView;
import space.tokenta.store.query.Views.TransferView;

/**
 * The reads the gateway and terminal need. Lists are bounded ({@link #MAX_PAGE_SIZE}) and paged
 * with keyset cursors (stable under concurrent inserts, no OFFSET scans).
 */
public final class ReadModelQueries {
    public static final int MAX_PAGE_SIZE = 500;
    /** Trader-owned ledger purposes (owner ids of other purposes are chains or the fee owner). */
    private static final String TRADER_PURPOSES = "('AVAILABLE', 'HOLD')";

    private final DataSource dataSource;

    public ReadModelQueries(final DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private static void checkLimit(final int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new InvalidQueryException("limit must be 1.." + MAX_PAGE_SIZE + ": " + limit);
        }
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private <T> List<T> list(final String sql, final Binder binder, final RowMapper<T> mapper) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                final List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        }
    }

    /** The columns of an orders row as {@link OrderView} carries them. */
    public static final String ORDER_COLUMNS = "order_id, account_id, instrument_id, client_order_id, side,"
            + " order_type, time_in_force, price_ticks, quantity_lots, filled_lots, remaining_lots, status,"
            + " created_ns, updated_ns, reject_reason";

    /** Maps a row of {@link #ORDER_COLUMNS} (in that order). */
    public static OrderView order(final ResultSet rs) throws SQLException {
        return new OrderView(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11),
                rs.getString(12), rs.getLong(13), rs.getLong(14), rs.getString(15));
    }

    /** An account's orders, newest first. */
    public Page<OrderView> orderHistory(final long accountId, final String cursor, final int limit)
            throws SQLException {
        return accountOrders(" AND order_id < ? ORDER BY order_id DESC LIMIT ?", Long.MAX_VALUE, accountId, cursor,
                limit);
    }

    /** An account's open orders, oldest first. */
    public Page<OrderView> openOrders(final long accountId, final String cursor, final int limit)
            throws SQLException {
        return accountOrders(" AND status IN ('OPEN', 'PARTIALLY_FILLED') AND order_id > ? ORDER BY order_id LIMIT ?",
                Long.MIN_VALUE, accountId, cursor, limit);
    }

    /**
     * One keyset page of an account's orders. {@code filterAndOrder} binds the cursor's order id (or
     * {@code firstBoundOrderId} on the first page) and then the limit; the next cursor is the last row's order id.
     */
    private Page<OrderView> accountOrders(final String filterAndOrder, final long firstBoundOrderId,
            final long accountId, final String cursor, final int limit) throws SQLException {
        checkLimit(limit);
        final long[] after = Cursor.parse(cursor, 1);
        final List<OrderView> rows = list("SELECT " + ORDER_COLUMNS + " FROM orders WHERE account_id = ?"
                + filterAndOrder, ps -> {
                    ps.setLong(1, accountId);
                    ps.setLong(2, after == null ? firstBoundOrderId : after[0]);
                    ps.setInt(3, limit);
                }, ReadModelQueries::order);
        return new Page<>(rows, rows.size() < limit ? null : Cursor.of(rows.get(rows.size() - 1).orderId()));
    }

    /** One order's state history in log order (at most {@link #MAX_PAGE_SIZE} events). */
    public List<OrderEventView> orderEvents(final long orderId) throws SQLException {
        return list("SELECT log_position, event_index, order_id, event_type, price_ticks, quantity_lots,"
                + " remaining_lots, reason, event_ns FROM order_events WHERE order_id = ?"
                + " ORDER BY log_position, event_index LIMIT " + MAX_PAGE_SIZE, ps -> ps.setLong(1, orderId),
                rs -> new OrderEventView(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getString(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getString(8), rs.getLong(9)));
    }

    /** An account's fills, newest first. */
    public Page<FillView> fills(final long accountId, final String cursor, final int limit) throws SQLException {
        checkLimit(limit);
        final long[] after = Cursor.parse(cursor, 4);
        final List<FillView> rows = list("SELECT instrument_id, trade_id, liquidity, account_id, order_id, side,"
                + " price_ticks, quantity_lots, notional, fee, fill_ns, log_position FROM fills WHERE account_id = ?"
                + " AND (log_position, instrument_id, trade_id, liquidity) < (?, ?, ?, ?)"
                + " ORDER BY log_position DESC, instrument_id DESC, trade_id DESC, liquidity DESC LIMIT ?", ps -> {
                    ps.setLong(1, accountId);
                    ps.setLong(2, after == null ? Long.MAX_VALUE : after[0]);
                    ps.setInt(3, after == null ? Integer.MAX_VALUE : (int) after[1]);
                    ps.setLong(4, after == null ? Long.MAX_VALUE : after[2]);
                    ps.setString(5, after == null || after[3] != 0 ? "TAKER" : "MAKER");
                    ps.setInt(6, limit);
                }, rs -> new FillView(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11),
                        rs.getLong(12)));
        final FillView last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
        return new Page<>(rows, rows.size() < limit ? null : Cursor.of(last.logPosition(), last.instrumentId(),
                last.tradeId(), "TAKER".equals(last.liquidity()) ? 1 : 0));
    }

    /** An account's trader balances (AVAILABLE and HOLD per asset). */
    public List<BalanceView> balances(final long accountId) throws SQLException {
        return list("SELECT owner_id, asset_id, purpose, credits_posted - debits_posted, debits_pending,"
                + " credits_pending FROM balances WHERE owner_id = ? AND purpose IN " + TRADER_PURPOSES
                + " ORDER BY asset_id, purpose", ps -> ps.setLong(1, accountId),
                rs -> new BalanceView(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(4) - rs.getLong(5)));
    }

    /** Transfers debiting or crediting an account, newest first. */
    public Page<TransferView> transfers(final long accountId, final String cursor, final int limit)
            throws SQLException {
        checkLimit(limit);
        final long[] after = Cursor.parse(cursor, 2);
        final List<TransferView> rows = list("SELECT id_hi, id_lo, phase, debit_owner, debit_purpose, credit_owner,"
                + " credit_purpose, asset_id, amount, kind, flags, pending_state, transfer_ns, log_position,"
                + " event_index FROM transfers WHERE ((debit_owner = ? AND debit_purpose IN " + TRADER_PURPOSES
                + ") OR (credit_owner = ? AND credit_purpose IN " + TRADER_PURPOSES + "))"
                + " AND (log_position, event_index) < (?, ?) ORDER BY log_position DESC, event_index DESC LIMIT ?",
                ps -> {
                    ps.setLong(1, accountId);
                    ps.setLong(2, accountId);
                    ps.setLong(3, after == null ? Long.MAX_VALUE : after[0]);
                    ps.setInt(4, after == null ? Integer.MAX_VALUE : (int) after[1]);
                    ps.setInt(5, limit);
                }, rs -> new TransferView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getLong(6), rs.getString(7), rs.getInt(8), rs.getLong(9), rs.getString(10),
                        rs.getInt(11), rs.getString(12), rs.getLong(13), rs.getLong(14), rs.getInt(15)));
        final TransferView last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
        return new Page<>(rows, rows.size() < limit ? null : Cursor.of(last.logPosition(), last.eventIndex()));
    }

    /** An instrument's trades with {@code fromNs <= trade time < toNs}, newest first. */
    public List<TradeView> trades(final int instrumentId, final long fromNs, final long toNs, final int limit)
            throws SQLException {
        checkLimit(limit);
        checkRange(fromNs, toNs);
        return list("SELECT instrument_id, trade_id, maker_order_id, maker_account_id, taker_order_id,"
                + " taker_account_id, taker_side, price_ticks, quantity_lots, notional, buyer_fee, seller_fee, trade_ns"
                + " FROM trades WHERE instrument_id = ? AND trade_ns >= ? AND trade_ns < ?"
                + " ORDER BY trade_ns DESC, trade_id DESC LIMIT ?", ps -> {
                    ps.setInt(1, instrumentId);
                    ps.setLong(2, fromNs);
                    ps.setLong(3, toNs);
                    ps.setInt(4, limit);
                }, rs -> new TradeView(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getString(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11),
                        rs.getLong(12), rs.getLong(13)));
    }

    /** An instrument's candles with {@code fromNs <= bucket start < toNs}, oldest first. */
    public List<CandleView> candles(final int instrumentId, final CandleInterval interval, final long fromNs,
            final long toNs, final int limit) throws SQLException {
        checkLimit(limit);
        checkRange(fromNs, toNs);
        return list("SELECT instrument_id, interval_s, bucket_start_ns, open_ticks, high_ticks, low_ticks,"
                + " close_ticks, volume_lots, trade_count, notional FROM candles WHERE instrument_id = ?"
                + " AND interval_s = ? AND bucket_start_ns >= ? AND bucket_start_ns < ? ORDER BY bucket_start_ns"
                + " LIMIT ?", ps -> {
                    ps.setInt(1, instrumentId);
                    ps.setInt(2, interval.seconds());
                    ps.setLong(3, fromNs);
                    ps.setLong(4, toNs);
                    ps.setInt(5, limit);
                }, rs -> new CandleView(rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10)));
    }

    /** Escrows not yet released or refunded, by escrow id. */
    public Page<EscrowView> openEscrows(final String afterEscrowId, final int limit) throws SQLException {
        checkLimit(limit);
        if (afterEscrowId != null && afterEscrowId.length() > Cursor.MAX_LENGTH) {
            throw new InvalidQueryException("cursor too long");
        }
        final List<EscrowView> rows = list("SELECT " + EscrowStore.COLUMNS + " FROM escrows WHERE state IN "
                + EscrowState.OPEN_STATES_SQL + " AND escrow_id > ? ORDER BY escrow_id LIMIT ?", ps -> {
                    ps.setString(1, afterEscrowId == null ? "" : afterEscrowId);
                    ps.setInt(2, limit);
                }, EscrowStore::escrow);
        return new Page<>(rows, rows.size() < limit ? null : rows.get(rows.size() - 1).escrowId());
    }

    private static void checkRange(final long fromNs, final long toNs) {
        if (fromNs >= toNs) {
            throw new InvalidQueryException("empty time range: from " + fromNs + " to " + toNs);
        }
    }
}
