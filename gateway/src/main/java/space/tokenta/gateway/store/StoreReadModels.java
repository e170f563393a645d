package space.tokenta.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import space.tokenta.engine.instrument.FeeModel;
import space.tokenta.engine.instrument.InstrumentClass;
import space.tokenta.engine.order.OrderType;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.TimeInForce;
import space.tokenta.gateway.book.L2Book;
import space.tokenta.gateway.port.EventBatch;
import space.tokenta.engine.event.Event;
import space.tokenta.gateway.port.ReadModels;
import space.tokenta.store.escrow.EscrowState;
import space.tokenta.store.query.ReadModelQueries;
import space.tokenta.store.query.Views;

/**
 * Read models in PostgreSQL (projected by the store's projector), queried over JDBC with
 * {@link ReadModelQueries}; those calls block and the gateway makes them on its worker pool.
 * Three answers come from memory and never block: the instruments (reloaded from the database every
 * {@link #INSTRUMENT_REFRESH_MS}), the L2 books (a fold of the event feed's book-level events, with the
 * stream position as {@code sequence}, so a book snapshot and the feed's diffs share one position
 * space) and the projector's lag in milliseconds (age of the oldest batch the projector has not yet
 * committed).
 */
public final class StoreReadModels implements ReadModels, AutoCloseable {
    /** Quote assets (USDT, USDC) count in millionths: a tick of 10^k units shows 6-k price decimals. */
    public static final int QUOTE_DECIMALS = 6;
    public static final long INSTRUMENT_REFRESH_MS = 1_000;
    public static final int MAX_INSTRUMENTS = 10_000;
    /** Page bound of the verification and reputation queries. */
    public static final int MAX_RECORD_PAGE = 500;
    static final int MAX_LISTINGS = 1_000;
    static final int LAG_RING = 4_096;

    private final DataSource dataSource;
    private final ReadModelQueries queries;
    private final LongSupplier projectedPosition;
    private final ScheduledExecutorService refresher;
    private volatile Map<Integer, InstrumentView> instrumentsById = Map.of();
    private volatile Map<String, InstrumentView> instrumentsBySymbol = Map.of();
    private final Map<Integer, L2Book> books = new HashMap<>();
    private final long[] lagPositions = new long[LAG_RING];
    private final long[] lagSeenMs = new long[LAG_RING];
    private long lagHead;

    /**
     * @param projectedPosition the projector's committed log position (for the lag)
     */
    public StoreReadModels(final DataSource dataSource, final LongSupplier projectedPosition) {
        this.dataSource = dataSource;
        this.queries = new ReadModelQueries(dataSource);
        this.projectedPosition = projectedPosition;
        reloadInstruments();
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread t = new Thread(r, "tokenta-instrument-refresh");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(() -> {
            try {
                reloadInstruments();
            } catch (final RuntimeException e) {
                System.err.println("instrument refresh failed: " + e);
            }
        }, INSTRUMENT_REFRESH_MS, INSTRUMENT_REFRESH_MS, TimeUnit.MILLISECONDS);
    }

    /** Reads the instruments table into memory (blocking). */
    public void reloadInstruments() {
        final List<InstrumentView> rows = select("SELECT instrument_id, symbol, instrument_class, quote_asset_id,"
                + " tick_value_quote_units, min_quantity_lots, max_quantity_lots, min_price_ticks, max_price_ticks,"
                + " maker_fee_bps, taker_fee_bps, fee_model FROM instruments ORDER BY instrument_id LIMIT "
                + MAX_INSTRUMENTS,
                ps -> { }, rs -> new InstrumentView(rs.getInt(1), rs.getString(2),
                        InstrumentClass.valueOf(rs.getString(3)), rs.getInt(4), priceDecimals(rs.getLong(5)), 0,
                        rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getInt(10), rs.getInt(11),
                        FeeModel.valueOf(rs.getString(12))));
        if (rows.size() == instrumentsById.size()) {
            return;
        }
        final Map<Integer, InstrumentView> byId = new LinkedHashMap<>();
        final Map<String, InstrumentView> bySymbol = new HashMap<>();
        for (final InstrumentView i : rows) {
            byId.put(i.instrumentId(), i);
            bySymbol.put(i.symbol(), i);
        }
        instrumentsById = Collections.unmodifiableMap(byId);
        instrumentsBySymbol = Collections.unmodifiableMap(bySymbol);
    }

    /** A tick worth 10^k quote units shows {@code QUOTE_DECIMALS - k} decimals; other tick values show ticks. */
    static int priceDecimals(final long tickValueQuoteUnits) {
        long v = tickValueQuoteUnits;
        int k = 0;
        while (v > 1 && v % 10 == 0 && k < QUOTE_DECIMALS) {
            v /= 10;
            k++;
        }
        return v == 1 ? QUOTE_DECIMALS - k : 0;
    }

    /** Folds one batch of the event stream (feed thread, or catch-up before the feed starts). */
    public void onBatch(final EventBatch batch) {
        synchronized (books) {
            for (final Event event : batch.events()) {
                if (event instanceof Event.BookLevel e) {
                    books.computeIfAbsent(e.instrumentId(), k -> new L2Book()).apply(e, batch.sequence());
                }
            }
            final int slot = (int) (lagHead++ % LAG_RING);
            lagPositions[slot] = batch.sequence();
            lagSeenMs[slot] = System.currentTimeMillis();
        }
    }

    @Override
    public List<InstrumentView> instruments() {
        return List.copyOf(instrumentsById.values());
    }

    @Override
    public Optional<InstrumentView> instrument(final String symbol) {
        return Optional.ofNullable(instrumentsBySymbol.get(symbol));
    }

    @Override
    public BookSnapshot book(final int instrumentId, final int depth) {
        synchronized (books) {
            final L2Book book = books.get(instrumentId);
            return book == null ? L2Book.empty(instrumentId) : book.snapshot(instrumentId, depth);
        }
    }

    private static int page(final int limit) {
        return Math.max(1, Math.min(limit, ReadModelQueries.MAX_PAGE_SIZE));
    }

    @Override
    public List<TradeView> trades(final int instrumentId, final int limit) {
        return jdbc(() -> queries.trades(instrumentId, Long.MIN_VALUE, Long.MAX_VALUE, page(limit)).stream()
                .map(t -> new TradeView(t.tradeId(), t.instrumentId(), t.priceTicks(), t.quantityLots(),
                        Side.valueOf(t.takerSide()), t.tradeNs())).toList());
    }

    @Override
    public List<CandleView> candles(final int instrumentId, final long intervalSeconds, final int limit) {
        // newest first, as the other read models answer (the store's query pages oldest first by time range)
        return select("SELECT bucket_start_ns, open_ticks, high_ticks, low_ticks, close_ticks, volume_lots, trade_count"
                + " FROM candles WHERE instrument_id = ? AND interval_s = ? ORDER BY bucket_start_ns DESC LIMIT ?", ps -> {
                    ps.setInt(1, instrumentId);
                    ps.setInt(2, (int) intervalSeconds);
                    ps.setInt(3, page(limit));
                }, rs -> new CandleView(instrumentId, intervalSeconds, rs.getLong(1) / 1_000_000L, rs.getLong(2),
                        rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), (int) rs.getLong(7)));
    }

    @Override
    public List<OrderView> openOrders(final long accountId) {
        return jdbc(() -> queries.openOrders(accountId, null, ReadModelQueries.MAX_PAGE_SIZE).items().stream()
                .map(StoreReadModels::order).toList());
    }

    /**
     * Orders newest first, with the placements the engine rejected (the store projects those as orders
     * rows with status REJECTED, the placement's fields and the reason).
     */
    @Override
    public List<OrderView> orderHistory(final long accountId, final int limit) {
        return jdbc(() -> queries.orderHistory(accountId, null, page(limit)).items().stream()
                .map(StoreReadModels::order).toList());
    }

    private static final String ORDER_COLUMNS = ReadModelQueries.ORDER_COLUMNS;

    private static Views.OrderView orderRow(final ResultSet rs) throws SQLException {
        return ReadModelQueries.order(rs);
    }

    @Override
    public Optional<OrderView> order(final long accountId, final long orderId) {
        return select("SELECT " + ORDER_COLUMNS + " FROM orders WHERE order_id = ? AND account_id = ?", ps -> {
            ps.setLong(1, orderId);
            ps.setLong(2, accountId);
        }, StoreReadModels::orderRow).stream().findFirst().map(StoreReadModels::order);
    }

    @Override
    public Optional<OrderView> orderByClientId(final long accountId, final long clientOrderId) {
        if (clientOrderId == 0) {
            return Optional.empty();
        }
        // the order the id stands for: a later placement refused as a duplicate id does not hide it
        return select("SELECT " + ORDER_COLUMNS + " FROM orders WHERE account_id = ? AND client_order_id = ?"
                + " ORDER BY (status = 'REJECTED'), order_id DESC LIMIT 1", ps -> {
                    ps.setLong(1, accountId);
                    ps.setLong(2, clientOrderId);
                }, StoreReadModels::orderRow).stream().findFirst().map(StoreReadModels::order);
    }

    private static OrderView order(final Views.OrderView o) {
        final String reason = switch (o.status()) {
            case "CANCELLED", "EXPIRED" -> o.status();
            case "REJECTED" -> o.rejectReason();
            default -> null;
        };
        return new OrderView(o.orderId(), o.accountId(), o.clientOrderId(), o.instrumentId(),
                o.side() == null ? null : Side.valueOf(o.side()),
                o.orderType() == null ? null : OrderType.valueOf(o.orderType()),
                o.timeInForce() == null ? null : TimeInForce.valueOf(o.timeInForce()), o.priceTicks(),
                o.quantityLots(), o.filledLots(), o.remainingLots(), OrderStatus.valueOf(o.status()), reason,
                o.createdNs(), o.updatedNs());
    }

    @Override
    public List<FillView> fills(final long accountId, final int limit) {
        return jdbc(() -> queries.fills(accountId, null, page(limit)).items().stream()
                .map(f -> new FillView(f.tradeId(), f.orderId(), f.accountId(), f.instrumentId(), Side.valueOf(f.side()),
                        f.priceTicks(), f.quantityLots(), f.fee(), Liquidity.valueOf(f.liquidity()), f.fillNs()))
                .toList());
    }

    @Override
    public List<BalanceView> balances(final long accountId) {
        final TreeMap<Integer, long[]> byAsset = new TreeMap<>();
        for (final Views.BalanceView b : jdbc(() -> queries.balances(accountId))) {
            final long[] row = byAsset.computeIfAbsent(b.assetId(), k -> new long[2]);
            if (b.purpose().equals("AVAILABLE")) {
                row[0] += b.available();
            } else {
                row[1] += b.postedBalance();
            }
        }
        final List<BalanceView> out = new ArrayList<>(byAsset.size());
        byAsset.forEach((asset, b) -> out.add(new BalanceView(asset, b[0], b[1])));
        return out;
    }

    @Override
    public List<TransferView> transfers(final long accountId, final int limit) {
        return jdbc(() -> queries.transfers(accountId, null, page(limit)).items().stream()
                .map(t -> new TransferView(Long.toHexString(t.idHi()) + ":" + Long.toHexString(t.idLo()), t.kind(),
                        t.flags(), t.assetId(), t.amount(), t.debitOwner(), t.debitPurpose(), t.creditOwner(),
                        t.creditPurpose(), t.transferNs())).toList());
    }

    @Override
    public List<ListingView> listings() {
        return select("SELECT account_id, instrument_id, capacity_lots FROM listings ORDER BY account_id, instrument_id"
                + " LIMIT " + MAX_LISTINGS, ps -> { }, rs -> new ListingView(rs.getLong(1), rs.getInt(2), rs.getLong(3)));
    }

    private static final String ESCROW_COLUMNS = "e.escrow_id, e.instrument_id, e.trade_id, e.chain_id,"
            + " e.buyer_account_id, e.seller_account_id, e.asset_id, e.amount, e.state, e.open_tx_hash, e.last_tx_hash,"
            + " e.opened_ns, e.updated_ns";
    private static final RowMapper<EscrowView> ESCROW_ROW = rs -> new EscrowView(rs.getString(1), rs.getInt(2),
            rs.getLong(3), rs.getInt(4), rs.getLong(5), rs.getLong(6), rs.getInt(7), rs.getLong(8), rs.getString(9),
            rs.getString(10), rs.getString(11), rs.getLong(12), rs.getLong(13), nullableLong(rs, 14),
            nullableLong(rs, 15));

    /** The escrows read model with the deal's timelock and expiry where settlement keeps them. */
    private String escrowSelect() {
        return tableExists("settlement_escrows")
                ? "SELECT " + ESCROW_COLUMNS + ", s.release_after, s.expires_at FROM escrows e"
                        + " LEFT JOIN settlement_escrows s ON s.escrow_id = e.escrow_id"
                : "SELECT " + ESCROW_COLUMNS + ", NULL::bigint, NULL::bigint FROM escrows e";
    }
    private static final String ACTIVITY_COLUMNS = "id, (extract(epoch FROM at) * 1000)::bigint, code, subject, message";
    private static final RowMapper<ActivityView> ACTIVITY_ROW = rs -> new ActivityView(rs.getLong(1), rs.getLong(2),
            rs.getString(3), rs.getString(4), rs.getString(5));

    @Override
    public List<EscrowView> escrows(final boolean openOnly, final int limit) {
        return select(escrowSelect()
                + (openOnly ? " WHERE e.state IN " + EscrowState.OPEN_STATES_SQL : "") + " ORDER BY e.opened_ns DESC LIMIT ?",
                ps -> ps.setInt(1, page(limit)), ESCROW_ROW);
    }

    @Override
    public List<EscrowView> escrowsChangedSince(final long afterUpdatedNs, final int limit) {
        if (afterUpdatedNs < 0) {
            return reversed(select(escrowSelect() + " ORDER BY e.updated_ns DESC LIMIT ?",
                    ps -> ps.setInt(1, page(limit)), ESCROW_ROW));
        }
        return select(escrowSelect() + " WHERE e.updated_ns > ? ORDER BY e.updated_ns LIMIT ?",
                ps -> {
                    ps.setLong(1, afterUpdatedNs);
                    ps.setInt(2, page(limit));
                }, ESCROW_ROW);
    }

    @Override
    public Optional<List<ActivityView>> settlementActivity(final int limit) {
        if (!tableExists("settlement_activity")) {
            return Optional.empty();
        }
        return Optional.of(select("SELECT " + ACTIVITY_COLUMNS + " FROM settlement_activity ORDER BY id DESC LIMIT ?",
                ps -> ps.setInt(1, page(limit)), ACTIVITY_ROW));
    }

    @Override
    public List<ActivityView> settlementActivitySince(final long afterId, final int limit) {
        if (!tableExists("settlement_activity")) {
            return List.of();
        }
        if (afterId < 0) {
            return reversed(select("SELECT " + ACTIVITY_COLUMNS + " FROM settlement_activity ORDER BY id DESC LIMIT ?",
                    ps -> ps.setInt(1, page(limit)), ACTIVITY_ROW));
        }
        return select("SELECT " + ACTIVITY_COLUMNS + " FROM settlement_activity WHERE id > ? ORDER BY id LIMIT ?", ps -> {
            ps.setLong(1, afterId);
            ps.setInt(2, page(limit));
        }, ACTIVITY_ROW);
    }

    private static <T> List<T> reversed(final List<T> rows) {
        final List<T> out = new ArrayList<>(rows);
        java.util.Collections.reverse(out);
        return out;
    }

    @Override
    public TradeStats tradeStats(final int instrumentId, final long fromNs, final long toNs) {
        return select("SELECT count(*), coalesce(sum(quantity_lots), 0), coalesce(sum(price_ticks::numeric * quantity_lots), 0)"
                + " FROM trades WHERE instrument_id = ? AND trade_ns >= ? AND trade_ns < ?", ps -> {
                    ps.setInt(1, instrumentId);
                    ps.setLong(2, fromNs);
                    ps.setLong(3, toNs);
                }, rs -> new TradeStats(rs.getLong(1), rs.getBigDecimal(2).longValueExact(),
                        rs.getBigDecimal(3).toBigIntegerExact())).get(0);
    }

    /** Settled = reached RELEASED or REFUNDED; {@code updated_ns} of a settled escrow is when it settled. */
    private static final String SETTLED_IN_WINDOW = " FILTER (WHERE state IN ('RELEASED', 'REFUNDED')"
            + " AND updated_ns >= ? AND updated_ns < ?)";

    @Override
    public Optional<EscrowStats> escrowStats(final int instrumentId, final long fromNs, final long toNs) {
        if (!tableExists("escrows")) {
            return Optional.empty();
        }
        return Optional.of(select("SELECT coalesce(sum(amount) FILTER (WHERE state IN " + EscrowState.OPEN_STATES_SQL
                + "), 0), coalesce(sum(amount) FILTER (WHERE state = 'RELEASED' AND updated_ns >= ? AND updated_ns < ?), 0),"
                + " count(*)" + SETTLED_IN_WINDOW + ","
                + " percentile_disc(0.5) WITHIN GROUP (ORDER BY updated_ns - opened_ns)" + SETTLED_IN_WINDOW + ","
                + " percentile_disc(0.99) WITHIN GROUP (ORDER BY updated_ns - opened_ns)" + SETTLED_IN_WINDOW
                + " FROM escrows WHERE instrument_id = ?", ps -> {
                    int i = 1;
                    for (int k = 0; k < 4; k++) {
                        ps.setLong(i++, fromNs);
                        ps.setLong(i++, toNs);
                    }
                    ps.setInt(i, instrumentId);
                }, rs -> new EscrowStats(rs.getBigDecimal(1).toBigIntegerExact(), rs.getBigDecimal(2).toBigIntegerExact(),
                        rs.getLong(3), nullableLong(rs, 4), nullableLong(rs, 5))).get(0));
    }

    @Override
    public Optional<VerificationStats> verificationStats(final int instrumentId, final String symbol, final long fromMs,
            final long toMs) {
        // the verification service's table exists only where verification runs
        if (!tableExists("verification_runs")) {
            return Optional.empty();
        }
        // verification names a run's subject its own way (listing, model): the market is the run's escrow's
        final boolean escrows = tableExists("escrows");
        return Optional.of(select("SELECT count(*), count(*) FILTER (WHERE outcome = 'PASS'),"
                + " count(*) FILTER (WHERE outcome = 'FAIL') FROM verification_runs"
                + " WHERE started_at >= ? AND started_at < ? AND (symbol = ?"
                + (escrows ? " OR escrow_id IN (SELECT escrow_id FROM escrows WHERE instrument_id = ?)" : "") + ")", ps -> {
                    ps.setObject(1, java.time.OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(fromMs),
                            java.time.ZoneOffset.UTC));
                    ps.setObject(2, java.time.OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(toMs),
                            java.time.ZoneOffset.UTC));
                    ps.setString(3, symbol);
                    if (escrows) {
                        ps.setInt(4, instrumentId);
                    }
                }, rs -> new VerificationStats(rs.getLong(1), rs.getLong(2), rs.getLong(3))).get(0));
    }

    private static Long nullableLong(final ResultSet rs, final int column) throws SQLException {
        final long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** Settlement's tables exist only where settlement runs (a node with chains). */
    private boolean tableExists(final String table) {
        final List<Boolean> present = select("SELECT to_regclass(?) IS NOT NULL", ps -> ps.setString(1, table),
                rs -> rs.getBoolean(1));
        return !present.isEmpty() && present.get(0);
    }

    private static int recordPage(final int limit) {
        return Math.max(1, Math.min(limit, MAX_RECORD_PAGE));
    }

    private static long ms(final ResultSet rs, final int column) throws SQLException {
        final java.sql.Timestamp t = rs.getTimestamp(column);
        return t == null ? 0 : t.getTime();
    }

    private static final String RUN_COLUMNS = "run_id, escrow_id, chain_id, symbol, asset_class, seller_account,"
            + " buyer_account, outcome, failed_stage, stages::text, evidence_cid, signatures, quorum, started_at, finished_at";
    private static final RowMapper<VerificationRunView> RUN_ROW = rs -> new VerificationRunView(rs.getLong(1),
            rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5), (Long) rs.getObject(6, Long.class),
            (Long) rs.getObject(7, Long.class), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
            rs.getInt(12), rs.getInt(13), ms(rs, 14), rs.getTimestamp(15) == null ? null : ms(rs, 15));
    private static final String SELLER_COLUMNS = "seller_account, score, lower_bound, deals, passes, fails,"
            + " exposure_limit_lots, history::text, updated_at";
    private static final RowMapper<SellerReputationView> SELLER_ROW = rs -> new SellerReputationView(rs.getLong(1),
            rs.getDouble(2), rs.getDouble(3), rs.getInt(4), rs.getInt(5), rs.getInt(6),
            (Long) rs.getObject(7, Long.class), rs.getString(8), ms(rs, 9));
    private static final String RUN_CHANGED_AT = "coalesce(finished_at, started_at)";

    @Override
    public Optional<List<VerificationRunView>> verificationRuns(final String escrowId, final int limit) {
        if (!tableExists("verification_runs")) {
            return Optional.empty();
        }
        return Optional.of(select("SELECT " + RUN_COLUMNS
                + " FROM verification_runs WHERE (?::text IS NULL OR escrow_id = ?) ORDER BY run_id DESC LIMIT ?", ps -> {
                    ps.setString(1, escrowId);
                    ps.setString(2, escrowId);
                    ps.setInt(3, recordPage(limit));
                }, RUN_ROW));
    }

    @Override
    public List<VerificationRunView> verificationRunsChangedSince(final long afterChangeMs, final int limit) {
        return tableExists("verification_runs") ? changedSince("verification_runs", RUN_COLUMNS, RUN_CHANGED_AT,
                afterChangeMs, limit, RUN_ROW) : List.of();
    }

    @Override
    public List<SellerReputationView> sellerReputationChangedSince(final long afterChangeMs, final int limit) {
        return tableExists("reputation_sellers") ? changedSince("reputation_sellers", SELLER_COLUMNS, "updated_at",
                afterChangeMs, limit, SELLER_ROW) : List.of();
    }

    /** Rows changed (at {@code changedAt}, a timestamp expression) after an epoch-ms cursor, oldest first. */
    private <T> List<T> changedSince(final String table, final String columns, final String changedAt,
            final long afterChangeMs, final int limit, final RowMapper<T> row) {
        if (afterChangeMs < 0) {
            return reversed(select("SELECT " + columns + " FROM " + table + " ORDER BY " + changedAt + " DESC LIMIT ?",
                    ps -> ps.setInt(1, recordPage(limit)), row));
        }
        return select("SELECT " + columns + " FROM " + table + " WHERE " + changedAt + " > to_timestamp(? / 1000.0)"
                + " ORDER BY " + changedAt + " LIMIT ?", ps -> {
                    ps.setLong(1, afterChangeMs);
                    ps.setInt(2, recordPage(limit));
                }, row);
    }

    @Override
    public Optional<List<EvidenceView>> evidence(final int limit) {
        if (!tableExists("evidence")) {
            return Optional.empty();
        }
        final List<EvidenceView> heads = select("SELECT e.cid, e.escrow_id, e.kind, e.media_type, (SELECT r.outcome"
                + " FROM verification_runs r WHERE r.evidence_cid = e.cid OR r.statement_cid = e.cid"
                + " ORDER BY r.run_id DESC LIMIT 1), e.created_at FROM evidence e ORDER BY e.created_at DESC, e.cid"
                + " LIMIT ?", ps -> ps.setInt(1, recordPage(limit)),
                rs -> new EvidenceView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), ms(rs, 6), List.of()));
        if (heads.isEmpty()) {
            return Optional.of(heads);
        }
        final java.util.Map<String, List<AttestorSignatureView>> byCid = new java.util.HashMap<>();
        final String[] cids = heads.stream().map(EvidenceView::cid).toArray(String[]::new);
        select("SELECT evidence_cid, attestor, attestor_name, verdict, signed_at FROM verification_signatures"
                + " WHERE evidence_cid = ANY (?) ORDER BY evidence_cid, attestor", ps -> ps.setArray(1,
                        ps.getConnection().createArrayOf("text", cids)),
                rs -> byCid.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new AttestorSignatureView(
                        rs.getString(2), rs.getString(3), rs.getString(4), ms(rs, 5))));
        return Optional.of(heads.stream().map(e -> new EvidenceView(e.cid(), e.escrowId(), e.kind(), e.mediaType(),
                e.outcome(), e.createdAtMs(), List.copyOf(byCid.getOrDefault(e.cid(), List.of())))).toList());
    }

    @Override
    public Optional<EvidenceBody> evidenceBody(final String cid) {
        if (!tableExists("evidence")) {
            return Optional.empty();
        }
        return select("SELECT cid, media_type, body FROM evidence WHERE cid = ?", ps -> ps.setString(1, cid),
                rs -> new EvidenceBody(rs.getString(1), rs.getString(2), rs.getBytes(3))).stream().findFirst();
    }

    @Override
    public Optional<List<SellerReputationView>> sellerReputation(final int limit) {
        if (!tableExists("reputation_sellers")) {
            return Optional.empty();
        }
        return Optional.of(select("SELECT " + SELLER_COLUMNS
                + " FROM reputation_sellers ORDER BY lower_bound DESC, seller_account LIMIT ?",
                ps -> ps.setInt(1, recordPage(limit)), SELLER_ROW));
    }

    @Override
    public Optional<List<AttestorReputationView>> attestorReputation(final int limit) {
        if (!tableExists("reputation_attestors")) {
            return Optional.empty();
        }
        return Optional.of(select("SELECT attestor, name, agreement, stake, trust, slashed, signatures, updated_at"
                + " FROM reputation_attestors ORDER BY trust DESC, attestor LIMIT ?", ps -> ps.setInt(1, recordPage(limit)),
                rs -> new AttestorReputationView(rs.getString(1), rs.getString(2), rs.getDouble(3),
                        rs.getBigDecimal(4).stripTrailingZeros().toPlainString(), rs.getDouble(5), rs.getBoolean(6),
                        rs.getInt(7), ms(rs, 8))));
    }

    @Override
    public long projectorLagMs() {
        final long projected = projectedPosition.getAsLong();
        synchronized (books) {
            final long oldest = Math.max(0, lagHead - LAG_RING);
            for (long i = oldest; i < lagHead; i++) {
                final int slot = (int) (i % LAG_RING);
                if (lagPositions[slot] > projected) {
                    return Math.max(0, System.currentTimeMillis() - lagSeenMs[slot]);
                }
            }
        }
        return 0;
    }

    @FunctionalInterface
    private interface Query<T> {
        T run() throws SQLException;
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private static <T> T jdbc(final Query<T> query) {
        try {
            return query.run();
        } catch (final SQLException e) {
            throw new ReadModelUnavailableException("read models unavailable: " + e.getMessage(), e);
        }
    }

    private <T> List<T> select(final String sql, final Binder binder, final RowMapper<T> mapper) {
        return jdbc(() -> {
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
        });
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
