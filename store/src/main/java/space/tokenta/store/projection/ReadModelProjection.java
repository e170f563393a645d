package space.tokenta.store.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.event.Event;
import space.tokenta.engine.ledger.AccountPurpose;
import space.tokenta.engine.order.OrderType;
import space.tokenta.engine.order.Side;
import space.tokenta.store.source.LogEntry;

/**
 * Writes the read models for a run of log entries in one transaction together with the position
 * reached. Entries at or below the stored position are skipped, so re-delivering a committed run
 * (after a crash between commit and acknowledgement) changes nothing.
 *
 * <p>Open orders and ledger balances are kept in memory (loaded from the database on start) so that
 * each touched row is written once per transaction with its final values. After any failure call
 * {@link #reset()}: the next transaction reloads them from the database.
 */
public final class ReadModelProjection {
    /** The projection's row in {@code projection_position}. */
    public static final String NAME = "read_models";

    private final Map<Long, OrderRow> openOrders = new HashMap<>();
    private final Map<BalanceKey, long[]> balances = new HashMap<>();
    private final CommitHook commitHook;
    private boolean loaded;

    // per transaction
    private final Map<Long, OrderRow> touchedOrders = new LinkedHashMap<>();
    private final Map<BalanceKey, long[]> touchedBalances = new LinkedHashMap<>();
    private final Map<CandleKey, long[]> candles = new LinkedHashMap<>();

    private record BalanceKey(long owner, int assetId, AccountPurpose purpose) {
    }

    private record CandleKey(int instrumentId, CandleInterval interval, long bucketStartNs) {
    }

    public ReadModelProjection(final CommitHook commitHook) {
        this.commitHook = commitHook;
    }

    /** Forgets the in-memory rows; the next {@link #apply} reloads them. */
    public void reset() {
        openOrders.clear();
        balances.clear();
        loaded = false;
    }

    /** The stored position of this projection (0 = nothing projected). */
    public static long storedPosition(final Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT log_position FROM projection_position WHERE projection = ?")) {
            ps.setString(1, NAME);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /**
     * Applies {@code entries} (in log order) in one transaction on {@code connection} (auto-commit off)
     * and commits. Returns the position stored afterwards.
     */
    public long apply(final Connection connection, final List<LogEntry> entries) throws SQLException {
        if (connection.getAutoCommit()) {
            throw new IllegalArgumentException("the connection must not be in auto-commit mode");
        }
        try {
            if (!loaded) {
                load(connection);
            }
            final long stored = lockPosition(connection);
            long reached = stored;
            final Statements s = new Statements(connection);
            try (s) {
                for (final LogEntry entry : entries) {
                    if (entry.position() <= reached) {
                        continue; // already projected (exactly-once effect on re-delivery)
                    }
                    applyEntry(s, entry);
                    reached = entry.position();
                }
                if (reached == stored) {
                    connection.rollback();
                    return stored;
                }
                flush(s, reached);
            }
            commitHook.beforeCommit(stored, reached);
            connection.commit();
            evictClosedOrders();
            commitHook.afterCommit(stored, reached);
            return reached;
        } catch (final SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (final SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            reset();
            throw e;
        } finally {
            touchedOrders.clear();
            touchedBalances.clear();
            candles.clear();
        }
    }

    private long lockPosition(final Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO projection_position (projection, log_position) VALUES (?, 0) ON CONFLICT DO NOTHING")) {
            ps.setString(1, NAME);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT log_position FROM projection_position WHERE projection = ? FOR UPDATE")) {
            ps.setString(1, NAME);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void load(final Connection connection) throws SQLException {
        openOrders.clear();
        balances.clear();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT order_id, account_id, instrument_id, client_order_id, side, order_type, time_in_force,"
                        + " price_ticks, quantity_lots, filled_lots, remaining_lots, status, created_ns, updated_ns,"
                        + " log_position FROM orders WHERE status IN ('OPEN', 'PARTIALLY_FILLED')");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                final OrderRow o = new OrderRow();
                o.orderId = rs.getLong(1);
                o.accountId = rs.getLong(2);
                o.instrumentId = rs.getInt(3);
                o.clientOrderId = rs.getLong(4);
                o.side = rs.getString(5);
                o.orderType = rs.getString(6);
                o.timeInForce = rs.getString(7);
                o.priceTicks = rs.getLong(8);
                o.quantityLots = rs.getLong(9);
                o.filledLots = rs.getLong(10);
                o.remainingLots = rs.getLong(11);
                o.status = OrderStatus.valueOf(rs.getString(12));
                o.createdNs = rs.getLong(13);
                o.updatedNs = rs.getLong(14);
                o.logPosition = rs.getLong(15);
                openOrders.put(o.orderId, o);
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT owner_id, asset_id, purpose, debits_posted, credits_posted, debits_pending, credits_pending"
                        + " FROM balances");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                balances.put(new BalanceKey(rs.getLong(1), rs.getInt(2), AccountPurpose.valueOf(rs.getString(3))),
                        new long[] {rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), 0, 0});
            }
        }
        loaded = true;
    }

    private void evictClosedOrders() {
        for (final OrderRow o : touchedOrders.values()) {
            if (o.isOpen()) {
                openOrders.put(o.orderId, o);
            } else {
                openOrders.remove(o.orderId);
            }
        }
    }

    private void applyEntry(final Statements s, final LogEntry entry) throws SQLException {
        final long position = entry.position();
        final List<Event> events = entry.events();
        for (int index = 0; index < events.size(); index++) {
            final Event event = events.get(index);
            switch (event) {
                case Event.OrderAccepted a -> {
                    final OrderRow o = new OrderRow();
                    o.orderId = a.orderId();
                    o.accountId = a.accountId();
                    o.instrumentId = a.instrumentId();
                    o.clientOrderId = a.clientOrderId();
                    o.side = a.side().name();
                    o.orderType = a.orderType().name();
                    o.timeInForce = a.timeInForce().name();
                    o.priceTicks = a.priceTicks();
                    o.quantityLots = a.quantityLots();
                    o.remainingLots = a.quantityLots();
                    o.status = OrderStatus.OPEN;
                    o.createdNs = a.timestampNs();
                    touch(o, a.timestampNs(), position);
                    orderEvent(s, position, index, a.orderId(), a.accountId(), a.instrumentId(), "ACCEPTED",
                            a.priceTicks(), a.quantityLots(), a.quantityLots(), null, a.timestampNs());
                }
                case Event.OrderRejected r -> {
                    rejectedPlacement(s, entry.command(), r, position);
                    orderEvent(s, position, index, r.orderId(), r.accountId(), r.instrumentId(), "REJECTED", 0, 0, 0,
                            r.commandType().name() + ":" + r.reason().name(), r.timestampNs());
                }
                case Event.DuplicateOrder d -> orderEvent(s, position, index, d.orderId(), d.accountId(),
                        d.instrumentId(), "DUPLICATE", 0, 0, 0, d.originalOutcome().name(), d.timestampNs());
                case Event.Trade t -> trade(s, position, index, t);
                case Event.OrderCancelled x -> {
                    final OrderRow o = order(s, x.orderId());
                    if (o != null) {
                        o.remainingLots = x.remainingLots();
                        o.status = OrderStatus.CANCELLED;
                        touch(o, x.timestampNs(), position);
                    }
                    orderEvent(s, position, index, x.orderId(), x.accountId(), x.instrumentId(), "CANCELLED", 0, 0,
                            x.remainingLots(), x.reason().name(), x.timestampNs());
                }
                case Event.OrderExpired x -> {
                    final OrderRow o = order(s, x.orderId());
                    if (o != null) {
                        o.remainingLots = x.remainingLots();
                        o.status = OrderStatus.EXPIRED;
                        touch(o, x.timestampNs(), position);
                    }
                    orderEvent(s, position, index, x.orderId(), x.accountId(), x.instrumentId(), "EXPIRED", 0, 0,
                            x.remainingLots(), null, x.timestampNs());
                }
                case Event.OrderAmended m -> {
                    final OrderRow o = order(s, m.orderId());
                    if (o != null) {
                        o.priceTicks = m.priceTicks();
                        o.remainingLots = m.quantityLots();
                        o.quantityLots = o.filledLots + m.quantityLots();
                        touch(o, m.timestampNs(), position);
                    }
                    orderEvent(s, position, index, m.orderId(), m.accountId(), m.instrumentId(), "AMENDED",
                            m.priceTicks(), m.quantityLots(), m.quantityLots(),
                            m.priorityKept() ? "PRIORITY_KEPT" : "PRIORITY_LOST", m.timestampNs());
                }
                case Event.SelfTradePrevented p -> {
                    if (p.mode() == space.tokenta.engine.order.StpMode.DECREMENT) {
                        decrement(s, p.takerOrderId(), p.quantityLots(), p.timestampNs(), position);
                        decrement(s, p.makerOrderId(), p.quantityLots(), p.timestampNs(), position);
                    }
                    orderEvent(s, position, index, p.takerOrderId(), p.accountId(), p.instrumentId(),
                            "SELF_TRADE_PREVENTED", 0, p.quantityLots(), 0,
                            p.mode().name() + ":maker=" + p.makerOrderId(), p.timestampNs());
                }
                case Event.Transfer x -> transfer(s, position, index, x);
                case Event.CommandApplied a -> commandApplied(s, position, entry.command(), a);
                case Event.BookLevel ignored -> {
                    // L2 depth is market data served live by the gateway, not a read model.
                }
                case Event.CommandRejected ignored -> {
                    // A rejected command changed nothing.
                }
            }
        }
    }

    /**
     * A refused placement (PLACE_ORDER, or the replacement of a CANCEL_REPLACE) becomes an orders row with
     * status REJECTED, the placement's fields and the reason, so history shows it like any other order.
     * Refusals of an existing order (amend, cancel, a replace whose original is unknown, an order id that
     * is already open) write no orders row; the row is only ever inserted, never changes an existing one.
     */
    private void rejectedPlacement(final Statements s, final Command c, final Event.OrderRejected r,
            final long position) throws SQLException {
        final long orderId = r.orderId();
        if (orderId <= 0 || r.reason() == space.tokenta.engine.event.RejectReason.DUPLICATE_ORDER_ID
                || order(s, orderId) != null) {
            return;
        }
        final String side;
        if (r.commandType() == CommandType.PLACE_ORDER && orderId == c.orderId) {
            side = c.side == null ? null : c.side.name();
        } else if (r.commandType() == CommandType.CANCEL_REPLACE && orderId == c.newOrderId && orderId != c.orderId) {
            // the replacement keeps the side of the order it replaces (cancelled earlier in this entry)
            final OrderRow replaced = order(s, c.orderId);
            side = replaced == null ? null : replaced.side;
        } else {
            return;
        }
        final PreparedStatement ps = s.insertRejectedOrder;
        int i = 1;
        ps.setLong(i++, orderId);
        ps.setLong(i++, r.accountId());
        ps.setInt(i++, r.instrumentId());
        ps.setLong(i++, r.clientOrderId());
        setText(ps, i++, side);
        setText(ps, i++, c.orderType == null ? null : c.orderType.name());
        setText(ps, i++, c.timeInForce == null ? null : c.timeInForce.name());
        ps.setLong(i++, c.orderType == OrderType.MARKET ? c.protectionPriceTicks : c.priceTicks);
        ps.setLong(i++, c.quantityLots);
        ps.setLong(i++, r.timestampNs());
        ps.setLong(i++, r.timestampNs());
        ps.setLong(i++, position);
        ps.setString(i, r.reason().name());
        ps.addBatch();
    }

    private static void setText(final PreparedStatement ps, final int index, final String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    private void decrement(final Statements s, final long orderId, final long lots, final long ns,
            final long position) throws SQLException {
        final OrderRow o = order(s, orderId);
        if (o != null) {
            o.remainingLots = Math.max(0, o.remainingLots - lots);
            o.quantityLots = Math.max(o.filledLots, o.quantityLots - lots);
            touch(o, ns, position);
        }
    }

    private void touch(final OrderRow o, final long ns, final long position) {
        o.updatedNs = ns;
        o.logPosition = position;
        touchedOrders.put(o.orderId, o);
    }

    private OrderRow order(final Statements s, final long orderId) throws SQLException {
        OrderRow o = touchedOrders.get(orderId);
        if (o == null) {
            o = openOrders.get(orderId);
        }
        return o;
    }

    private void trade(final Statements s, final long position, final int index, final Event.Trade t)
            throws SQLException {
        final PreparedStatement ps = s.insertTrade;
        int i = 1;
        ps.setInt(i++, t.instrumentId());
        ps.setLong(i++, t.tradeId());
        ps.setLong(i++, t.makerOrderId());
        ps.setLong(i++, t.makerAccountId());
        ps.setLong(i++, t.takerOrderId());
        ps.setLong(i++, t.takerAccountId());
        ps.setString(i++, t.takerSide().name());
        ps.setLong(i++, t.priceTicks());
        ps.setLong(i++, t.quantityLots());
        ps.setLong(i++, t.notional());
        ps.setLong(i++, t.buyerFee());
        ps.setLong(i++, t.sellerFee());
        ps.setLong(i++, t.settlementIdHi());
        ps.setLong(i++, t.settlementIdLo());
        ps.setLong(i++, t.timestampNs());
        ps.setLong(i, position);
        ps.addBatch();
        final Side makerSide = t.takerSide() == Side.BUY ? Side.SELL : Side.BUY;
        fill(s, t, "MAKER", t.makerAccountId(), t.makerOrderId(), makerSide, position);
        fill(s, t, "TAKER", t.takerAccountId(), t.takerOrderId(), t.takerSide(), position);
        fillOrder(s, t.makerOrderId(), t.quantityLots(), t.makerRemainingLots(), t.timestampNs(), position);
        fillOrder(s, t.takerOrderId(), t.quantityLots(), t.takerRemainingLots(), t.timestampNs(), position);
        orderEvent(s, position, index, t.takerOrderId(), t.takerAccountId(), t.instrumentId(), "FILL",
                t.priceTicks(), t.quantityLots(), t.takerRemainingLots(), "trade=" + t.tradeId() + ":maker="
                        + t.makerOrderId(), t.timestampNs());
        for (final CandleInterval interval : CandleInterval.values()) {
            final CandleKey key = new CandleKey(t.instrumentId(), interval, interval.bucketStartNs(t.timestampNs()));
            final long[] c = candles.get(key);
            if (c == null) {
                candles.put(key, new long[] {t.priceTicks(), t.priceTicks(), t.priceTicks(), t.priceTicks(),
                        t.quantityLots(), 1, t.notional()});
            } else {
                c[1] = Math.max(c[1], t.priceTicks());
                c[2] = Math.min(c[2], t.priceTicks());
                c[3] = t.priceTicks();
                c[4] += t.quantityLots();
                c[5]++;
                c[6] += t.notional();
            }
        }
    }

    private void fillOrder(final Statements s, final long orderId, final long lots, final long remaining,
            final long ns, final long position) throws SQLException {
        final OrderRow o = order(s, orderId);
        if (o != null) {
            o.filledLots += lots;
            o.remainingLots = remaining;
            o.status = remaining == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
            touch(o, ns, position);
        }
    }

    private static void fill(final Statements s, final Event.Trade t, final String liquidity, final long accountId,
            final long orderId, final Side side, final long position) throws SQLException {
        final PreparedStatement ps = s.insertFill;
        int i = 1;
        ps.setInt(i++, t.instrumentId());
        ps.setLong(i++, t.tradeId());
        ps.setString(i++, liquidity);
        ps.setLong(i++, accountId);
        ps.setLong(i++, orderId);
        ps.setString(i++, side.name());
        ps.setLong(i++, t.priceTicks());
        ps.setLong(i++, t.quantityLots());
        ps.setLong(i++, t.notional());
        ps.setLong(i++, side == Side.BUY ? t.buyerFee() : t.sellerFee());
        ps.setLong(i++, t.timestampNs());
        ps.setLong(i, position);
        ps.addBatch();
    }

    private void orderEvent(final Statements s, final long position, final int index, final long orderId,
            final long accountId, final int instrumentId, final String type, final long priceTicks,
            final long quantityLots, final long remainingLots, final String reason, final long ns)
            throws SQLException {
        final PreparedStatement ps = s.insertOrderEvent;
        int i = 1;
        ps.setLong(i++, position);
        ps.setInt(i++, index);
        ps.setLong(i++, orderId);
        ps.setLong(i++, accountId);
        ps.setInt(i++, instrumentId);
        ps.setString(i++, type);
        ps.setLong(i++, priceTicks);
        ps.setLong(i++, quantityLots);
        ps.setLong(i++, remainingLots);
        if (reason == null) {
            ps.setNull(i++, Types.VARCHAR);
        } else {
            ps.setString(i++, reason);
        }
        ps.setLong(i, ns);
        ps.addBatch();
    }

    private void transfer(final Statements s, final long position, final int index, final Event.Transfer x)
            throws SQLException {
        final TransferPhase phase = TransferPhase.of(x.flags());
        final PreparedStatement ps = s.insertTransfer;
        int i = 1;
        ps.setLong(i++, x.idHi());
        ps.setLong(i++, x.idLo());
        ps.setString(i++, phase.name());
        ps.setLong(i++, x.debitOwner());
        ps.setString(i++, x.debitPurpose().name());
        ps.setLong(i++, x.creditOwner());
        ps.setString(i++, x.creditPurpose().name());
        ps.setInt(i++, x.assetId());
        ps.setLong(i++, x.amount());
        ps.setString(i++, x.kind().name());
        ps.setInt(i++, x.flags());
        if (phase == TransferPhase.PENDING) {
            ps.setString(i++, "PENDING");
        } else {
            ps.setNull(i++, Types.VARCHAR);
        }
        ps.setLong(i++, x.timestampNs());
        ps.setLong(i++, position);
        ps.setInt(i, index);
        ps.addBatch();
        if (phase == TransferPhase.POST || phase == TransferPhase.VOID) {
            final PreparedStatement u = s.finishPending;
            u.setString(1, phase == TransferPhase.POST ? "POSTED" : "VOIDED");
            u.setLong(2, x.idHi());
            u.setLong(3, x.idLo());
            u.addBatch();
        }
        final long[] debit = balance(x.debitOwner(), x.assetId(), x.debitPurpose());
        final long[] credit = balance(x.creditOwner(), x.assetId(), x.creditPurpose());
        final long amount = x.amount();
        switch (phase) {
            case POSTED -> {
                debit[0] += amount;
                credit[1] += amount;
            }
            case PENDING -> {
                debit[2] += amount;
                credit[3] += amount;
            }
            case POST -> {
                debit[2] -= amount;
                credit[3] -= amount;
                debit[0] += amount;
                credit[1] += amount;
            }
            case VOID -> {
                debit[2] -= amount;
                credit[3] -= amount;
            }
        }
        touchBalance(x.debitOwner(), x.assetId(), x.debitPurpose(), debit, x.timestampNs(), position);
        touchBalance(x.creditOwner(), x.assetId(), x.creditPurpose(), credit, x.timestampNs(), position);
    }

    /** {debitsPosted, creditsPosted, debitsPending, creditsPending, updatedNs, logPosition}. */
    private long[] balance(final long owner, final int assetId, final AccountPurpose purpose) {
        return balances.computeIfAbsent(new BalanceKey(owner, assetId, purpose), k -> new long[6]);
    }

    private void touchBalance(final long owner, final int assetId, final AccountPurpose purpose, final long[] row,
            final long ns, final long position) {
        row[4] = ns;
        row[5] = position;
        touchedBalances.put(new BalanceKey(owner, assetId, purpose), row);
    }

    private static void commandApplied(final Statements s, final long position, final Command c,
            final Event.CommandApplied a) throws SQLException {
        switch (a.commandType()) {
            case ADD_ASSET -> {
                final PreparedStatement ps = s.upsertAsset;
                ps.setInt(1, (int) a.key());
                ps.setLong(2, a.timestampNs());
                ps.setLong(3, position);
                ps.addBatch();
            }
            case ADD_ACCOUNT -> {
                final PreparedStatement ps = s.upsertAccount;
                ps.setLong(1, a.key());
                ps.setLong(2, a.timestampNs());
                ps.setLong(3, position);
                ps.addBatch();
            }
            case ADD_INSTRUMENT -> {
                final PreparedStatement ps = s.upsertInstrument;
                int i = 1;
                ps.setInt(i++, c.instrumentId);
                ps.setString(i++, c.symbol);
                ps.setString(i++, c.instrumentClass.name());
                ps.setInt(i++, c.assetId);
                ps.setLong(i++, c.tickValueQuoteUnits);
                ps.setLong(i++, c.lotSizeUnits);
                ps.setLong(i++, c.minQuantityLots);
                ps.setLong(i++, c.maxQuantityLots);
                ps.setLong(i++, c.minPriceTicks);
                ps.setLong(i++, c.maxPriceTicks);
                ps.setInt(i++, c.makerFeeBps);
                ps.setInt(i++, c.takerFeeBps);
                ps.setLong(i++, c.timeoutNs);
                ps.setLong(i++, a.timestampNs());
                ps.setLong(i++, position);
                ps.setString(i, c.feeModel.name());
                ps.addBatch();
            }
            case REGISTER_LISTING -> {
                final PreparedStatement ps = s.upsertListing;
                ps.setLong(1, c.accountId);
                ps.setInt(2, c.instrumentId);
                ps.setLong(3, c.quantityLots);
                ps.setLong(4, a.timestampNs());
                ps.setLong(5, position);
                ps.addBatch();
            }
            default -> {
                // Other applied commands are fully described by their transfer and order events.
            }
        }
    }

    private void flush(final Statements s, final long reached) throws SQLException {
        for (final OrderRow o : touchedOrders.values()) {
            final PreparedStatement ps = s.upsertOrder;
            int i = 1;
            ps.setLong(i++, o.orderId);
            ps.setLong(i++, o.accountId);
            ps.setInt(i++, o.instrumentId);
            ps.setLong(i++, o.clientOrderId);
            ps.setString(i++, o.side);
            ps.setString(i++, o.orderType);
            ps.setString(i++, o.timeInForce);
            ps.setLong(i++, o.priceTicks);
            ps.setLong(i++, o.quantityLots);
            ps.setLong(i++, o.filledLots);
            ps.setLong(i++, o.remainingLots);
            ps.setString(i++, o.status.name());
            ps.setLong(i++, o.createdNs);
            ps.setLong(i++, o.updatedNs);
            ps.setLong(i, o.logPosition);
            ps.addBatch();
        }
        for (final Map.Entry<BalanceKey, long[]> e : touchedBalances.entrySet()) {
            final PreparedStatement ps = s.upsertBalance;
            final long[] b = e.getValue();
            int i = 1;
            ps.setLong(i++, e.getKey().owner());
            ps.setInt(i++, e.getKey().assetId());
            ps.setString(i++, e.getKey().purpose().name());
            ps.setLong(i++, b[0]);
            ps.setLong(i++, b[1]);
            ps.setLong(i++, b[2]);
            ps.setLong(i++, b[3]);
            ps.setLong(i++, b[4]);
            ps.setLong(i, b[5]);
            ps.addBatch();
        }
        for (final Map.Entry<CandleKey, long[]> e : candles.entrySet()) {
            final PreparedStatement ps = s.upsertCandle;
            final long[] c = e.getValue();
            int i = 1;
            ps.setInt(i++, e.getKey().instrumentId());
            ps.setInt(i++, e.getKey().interval().seconds());
            ps.setLong(i++, e.getKey().bucketStartNs());
            for (final long v : c) {
                ps.setLong(i++, v);
            }
            ps.addBatch();
        }
        // Dependent statements last: a pending transfer's PENDING row is inserted before it is finished.
        s.executeAll();
        try (PreparedStatement ps = s.connection.prepareStatement(
                "UPDATE projection_position SET log_position = ?, updated_at = now() WHERE projection = ?")) {
            ps.setLong(1, reached);
            ps.setString(2, NAME);
            ps.executeUpdate();
        }
    }

    /** The prepared statements of one transaction, executed as JDBC batches in dependency order. */
    private static final class Statements implements AutoCloseable {
        final Connection connection;
        final PreparedStatement upsertAsset;
        final PreparedStatement upsertAccount;
        final PreparedStatement upsertInstrument;
        final PreparedStatement upsertListing;
        final PreparedStatement upsertOrder;
        final PreparedStatement insertRejectedOrder;
        final PreparedStatement insertOrderEvent;
        final PreparedStatement insertTrade;
        final PreparedStatement insertFill;
        final PreparedStatement insertTransfer;
        final PreparedStatement finishPending;
        final PreparedStatement upsertBalance;
        final PreparedStatement upsertCandle;
        private final PreparedStatement[] inOrder;

        Statements(final Connection connection) throws SQLException {
            this.connection = connection;
            upsertAsset = connection.prepareStatement("INSERT INTO assets (asset_id, created_ns, log_position)"
                    + " VALUES (?, ?, ?) ON CONFLICT (asset_id) DO NOTHING");
            upsertAccount = connection.prepareStatement("INSERT INTO accounts (account_id, created_ns, log_position)"
                    + " VALUES (?, ?, ?) ON CONFLICT (account_id) DO NOTHING");
            upsertInstrument = connection.prepareStatement("INSERT INTO instruments (instrument_id, symbol,"
                    + " instrument_class, quote_asset_id, tick_value_quote_units, lot_size_units, min_quantity_lots,"
                    + " max_quantity_lots, min_price_ticks, max_price_ticks, maker_fee_bps, taker_fee_bps,"
                    + " settlement_timeout_ns, created_ns, log_position, fee_model)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (instrument_id) DO NOTHING");
            upsertListing = connection.prepareStatement("INSERT INTO listings (account_id, instrument_id,"
                    + " capacity_lots, updated_ns, log_position) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (account_id, instrument_id) DO UPDATE SET capacity_lots = EXCLUDED.capacity_lots,"
                    + " updated_ns = EXCLUDED.updated_ns, log_position = EXCLUDED.log_position");
            upsertOrder = connection.prepareStatement("INSERT INTO orders (order_id, account_id, instrument_id,"
                    + " client_order_id, side, order_type, time_in_force, price_ticks, quantity_lots, filled_lots,"
                    + " remaining_lots, status, created_ns, updated_ns, log_position)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (order_id) DO UPDATE SET"
                    + " account_id = EXCLUDED.account_id, instrument_id = EXCLUDED.instrument_id,"
                    + " client_order_id = EXCLUDED.client_order_id, side = EXCLUDED.side,"
                    + " order_type = EXCLUDED.order_type, time_in_force = EXCLUDED.time_in_force,"
                    + " price_ticks = EXCLUDED.price_ticks, quantity_lots = EXCLUDED.quantity_lots,"
                    + " filled_lots = EXCLUDED.filled_lots, remaining_lots = EXCLUDED.remaining_lots,"
                    + " status = EXCLUDED.status, created_ns = EXCLUDED.created_ns,"
                    + " updated_ns = EXCLUDED.updated_ns, log_position = EXCLUDED.log_position");
            // a refused placement never overwrites an order (e.g. DUPLICATE_ORDER_ID names an open one)
            insertRejectedOrder = connection.prepareStatement("INSERT INTO orders (order_id, account_id,"
                    + " instrument_id, client_order_id, side, order_type, time_in_force, price_ticks, quantity_lots,"
                    + " filled_lots, remaining_lots, status, created_ns, updated_ns, log_position, reject_reason)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 'REJECTED', ?, ?, ?, ?) ON CONFLICT (order_id) DO NOTHING");
            insertOrderEvent = connection.prepareStatement("INSERT INTO order_events (log_position, event_index,"
                    + " order_id, account_id, instrument_id, event_type, price_ticks, quantity_lots, remaining_lots,"
                    + " reason, event_ns) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            insertTrade = connection.prepareStatement("INSERT INTO trades (instrument_id, trade_id, maker_order_id,"
                    + " maker_account_id, taker_order_id, taker_account_id, taker_side, price_ticks, quantity_lots,"
                    + " notional, buyer_fee, seller_fee, settlement_id_hi, settlement_id_lo, trade_ns, log_position)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            insertFill = connection.prepareStatement("INSERT INTO fills (instrument_id, trade_id, liquidity,"
                    + " account_id, order_id, side, price_ticks, quantity_lots, notional, fee, fill_ns, log_position)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            insertTransfer = connection.prepareStatement("INSERT INTO transfers (id_hi, id_lo, phase, debit_owner,"
                    + " debit_purpose, credit_owner, credit_purpose, asset_id, amount, kind, flags, pending_state,"
                    + " transfer_ns, log_position, event_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            finishPending = connection.prepareStatement("UPDATE transfers SET pending_state = ?"
                    + " WHERE id_hi = ? AND id_lo = ? AND phase = 'PENDING'");
            upsertBalance = connection.prepareStatement("INSERT INTO balances (owner_id, asset_id, purpose,"
                    + " debits_posted, credits_posted, debits_pending, credits_pending, updated_ns, log_position)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (owner_id, asset_id, purpose) DO UPDATE SET"
                    + " debits_posted = EXCLUDED.debits_posted, credits_posted = EXCLUDED.credits_posted,"
                    + " debits_pending = EXCLUDED.debits_pending, credits_pending = EXCLUDED.credits_pending,"
                    + " updated_ns = EXCLUDED.updated_ns, log_position = EXCLUDED.log_position");
            upsertCandle = connection.prepareStatement("INSERT INTO candles (instrument_id, interval_s,"
                    + " bucket_start_ns, open_ticks, high_ticks, low_ticks, close_ticks, volume_lots, trade_count,"
                    + " notional) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (instrument_id, interval_s, bucket_start_ns) DO UPDATE SET"
                    + " high_ticks = GREATEST(candles.high_ticks, EXCLUDED.high_ticks),"
                    + " low_ticks = LEAST(candles.low_ticks, EXCLUDED.low_ticks), close_ticks = EXCLUDED.close_ticks,"
                    + " volume_lots = candles.volume_lots + EXCLUDED.volume_lots,"
                    + " trade_count = candles.trade_count + EXCLUDED.trade_count,"
                    + " notional = candles.notional + EXCLUDED.notional");
            inOrder = new PreparedStatement[] {upsertAsset, upsertAccount, upsertInstrument, upsertListing,
                upsertOrder, insertRejectedOrder, insertOrderEvent, insertTrade, insertFill, insertTransfer, finishPending,
                upsertBalance, upsertCandle};
        }

        void executeAll() throws SQLException {
            for (final PreparedStatement ps : inOrder) {
                ps.executeBatch();
            }
        }

        @Override
        public void close() throws SQLException {
            for (final PreparedStatement ps : inOrder) {
                ps.close();
            }
        }
    }
}
