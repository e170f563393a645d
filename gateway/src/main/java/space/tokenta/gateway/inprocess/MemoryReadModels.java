package space.tokenta.gateway.inprocess;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.ledger.AccountPurpose;
import space.tokenta.engine.ledger.TransferFlags;
import space.tokenta.engine.order.Side;
import space.tokenta.gateway.book.L2Book;
import space.tokenta.engine.event.Event;
import space.tokenta.gateway.port.ReadModels;

/**
 * Read models projected synchronously on the sequencer thread from each command's events; queries
 * take the same lock. Every collection is bounded.
 */
public final class MemoryReadModels implements ReadModels {
    static final int MAX_TRADES_PER_INSTRUMENT = 1_000;
    static final int MAX_CANDLES_PER_SERIES = 1_000;
    static final int MAX_ORDERS = 200_000;
    static final int MAX_PER_ACCOUNT = 1_000;

    private final Map<Integer, InstrumentView> instrumentsById = new LinkedHashMap<>();
    private final Map<Integer, L2Book> books = new HashMap<>();
    private final Map<Integer, Deque<TradeView>> trades = new HashMap<>();
    private final Map<String, TreeMap<Long, long[]>> candles = new HashMap<>();
    private final LinkedHashMap<Long, OrderView> orders = new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(final Map.Entry<Long, OrderView> eldest) {
            return size() > MAX_ORDERS;
        }
    };
    private final Map<Long, Deque<Long>> historyByAccount = new HashMap<>();
    private final Map<Long, Deque<FillView>> fillsByAccount = new HashMap<>();
    private final Map<Long, Deque<TransferView>> transfersByAccount = new HashMap<>();
    private final Map<String, long[]> ledger = new HashMap<>(); // key owner:asset:purpose -> {posted, pendingDebits}
    private final Map<String, Object[]> pending = new HashMap<>(); // transfer id -> {debitKey, amount}
    private final Map<String, ListingView> listings = new LinkedHashMap<>();

    synchronized void addInstrument(final InstrumentView view) {
        instrumentsById.put(view.instrumentId(), view);
        books.put(view.instrumentId(), new L2Book());
        trades.put(view.instrumentId(), new ArrayDeque<>());
    }

    synchronized void apply(final long sequence, final Command command, final List<Event> events) {
        for (final Event event : events) {
            switch (event) {
                case Event.OrderAccepted e -> {
                    final OrderView view = new OrderView(e.orderId(), e.accountId(), e.clientOrderId(),
                            e.instrumentId(), e.side(), e.orderType(), e.timeInForce(), e.priceTicks(),
                            e.quantityLots(), 0, e.quantityLots(), OrderStatus.OPEN, null, e.timestampNs(),
                            e.timestampNs());
                    orders.put(e.orderId(), view);
                    remember(historyByAccount, e.accountId(), e.orderId());
                }
                case Event.OrderRejected e -> {
                    if (e.commandType() == CommandType.PLACE_ORDER || e.commandType() == CommandType.CANCEL_REPLACE) {
                        final long orderId = e.commandType() == CommandType.CANCEL_REPLACE ? command.newOrderId
                                : e.orderId();
                        orders.put(orderId, new OrderView(orderId, e.accountId(), e.clientOrderId(), e.instrumentId(),
                                command.side, command.orderType, command.timeInForce, command.priceTicks,
                                command.quantityLots, 0, 0, OrderStatus.REJECTED, e.reason().name(), e.timestampNs(),
                                e.timestampNs()));
                        remember(historyByAccount, e.accountId(), orderId);
                    }
                }
                case Event.Trade e -> applyTrade(e);
                case Event.OrderCancelled e -> close(e.orderId(), OrderStatus.CANCELLED, e.reason().name(),
                        e.timestampNs());
                case Event.OrderExpired e -> close(e.orderId(), OrderStatus.EXPIRED, "EXPIRED", e.timestampNs());
                case Event.OrderAmended e -> {
                    final OrderView o = orders.get(e.orderId());
                    if (o != null) {
                        orders.put(e.orderId(), new OrderView(o.orderId(), o.accountId(), o.clientOrderId(),
                                o.instrumentId(), o.side(), o.orderType(), o.timeInForce(), e.priceTicks(),
                                o.filledLots() + e.quantityLots(), o.filledLots(), e.quantityLots(), o.status(),
                                o.reason(), o.createdNs(), e.timestampNs()));
                    }
                }
                case Event.BookLevel e -> {
                    final L2Book book = books.get(e.instrumentId());
                    if (book != null) {
                        book.apply(e, sequence);
                    }
                }
                case Event.Transfer e -> applyTransfer(e);
                case Event.CommandApplied e -> {
                    if (e.commandType() == CommandType.REGISTER_LISTING) {
                        listings.put(command.accountId + ":" + command.instrumentId,
                                new ListingView(command.accountId, command.instrumentId, command.quantityLots));
                    }
                }
                default -> {
                }
            }
        }
    }

    private void applyTrade(final Event.Trade e) {
        final Deque<TradeView> tape = trades.get(e.instrumentId());
        if (tape != null) {
            tape.addFirst(new TradeView(e.tradeId(), e.instrumentId(), e.priceTicks(), e.quantityLots(), e.takerSide(),
                    e.timestampNs()));
            while (tape.size() > MAX_TRADES_PER_INSTRUMENT) {
                tape.removeLast();
            }
        }
        for (final long intervalSeconds : space.tokenta.gateway.api.CandleIntervals.SECONDS) {
            final TreeMap<Long, long[]> series = candles.computeIfAbsent(e.instrumentId() + ":" + intervalSeconds,
                    k -> new TreeMap<>());
            final long openMs = space.tokenta.gateway.api.CandleIntervals.openTimeMs(e.timestampNs(), intervalSeconds);
            final long[] c = series.get(openMs);
            if (c == null) {
                series.put(openMs, new long[] {e.priceTicks(), e.priceTicks(), e.priceTicks(), e.priceTicks(),
                        e.quantityLots(), 1});
                while (series.size() > MAX_CANDLES_PER_SERIES) {
                    series.pollFirstEntry();
                }
            } else {
                c[1] = Math.max(c[1], e.priceTicks());
                c[2] = Math.min(c[2], e.priceTicks());
                c[3] = e.priceTicks();
                c[4] += e.quantityLots();
                c[5]++;
            }
        }
        fill(e, e.makerOrderId(), e.makerAccountId(), e.takerSide() == Side.BUY ? Side.SELL : Side.BUY,
                e.makerRemainingLots(), Liquidity.MAKER);
        fill(e, e.takerOrderId(), e.takerAccountId(), e.takerSide(), e.takerRemainingLots(), Liquidity.TAKER);
    }

    private void fill(final Event.Trade e, final long orderId, final long accountId, final Side side,
            final long remainingLots, final Liquidity liquidity) {
        final long fee = side == Side.BUY ? e.buyerFee() : e.sellerFee();
        final Deque<FillView> fills = fillsByAccount.computeIfAbsent(accountId, k -> new ArrayDeque<>());
        fills.addFirst(new FillView(e.tradeId(), orderId, accountId, e.instrumentId(), side, e.priceTicks(),
                e.quantityLots(), fee, liquidity, e.timestampNs()));
        while (fills.size() > MAX_PER_ACCOUNT) {
            fills.removeLast();
        }
        final OrderView o = orders.get(orderId);
        if (o != null) {
            final long filled = o.filledLots() + e.quantityLots();
            orders.put(orderId, new OrderView(o.orderId(), o.accountId(), o.clientOrderId(), o.instrumentId(), o.side(),
                    o.orderType(), o.timeInForce(), o.priceTicks(), o.quantityLots(), filled, remainingLots,
                    remainingLots == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED, o.reason(), o.createdNs(),
                    e.timestampNs()));
        }
    }

    private void close(final long orderId, final OrderStatus status, final String reason, final long ts) {
        final OrderView o = orders.get(orderId);
        if (o != null) {
            orders.put(orderId, new OrderView(o.orderId(), o.accountId(), o.clientOrderId(), o.instrumentId(), o.side(),
                    o.orderType(), o.timeInForce(), o.priceTicks(), o.quantityLots(), o.filledLots(), 0, status, reason,
                    o.createdNs(), ts));
        }
    }

    private void applyTransfer(final Event.Transfer e) {
        final String id = Long.toHexString(e.idHi()) + ":" + Long.toHexString(e.idLo());
        final String debitKey = e.debitOwner() + ":" + e.assetId() + ":" + e.debitPurpose();
        final String creditKey = e.creditOwner() + ":" + e.assetId() + ":" + e.creditPurpose();
        final int flags = e.flags();
        if ((flags & TransferFlags.PENDING) != 0) {
            ledger.computeIfAbsent(debitKey, k -> new long[2])[1] += e.amount();
            pending.put(id, new Object[] {debitKey, e.amount()});
        } else if ((flags & (TransferFlags.POST_PENDING | TransferFlags.VOID_PENDING)) != 0) {
            final Object[] p = pending.remove(id);
            if (p != null) {
                ledger.computeIfAbsent((String) p[0], k -> new long[2])[1] -= (Long) p[1];
            }
            if ((flags & TransferFlags.POST_PENDING) != 0) {
                ledger.computeIfAbsent(debitKey, k -> new long[2])[0] -= e.amount();
                ledger.computeIfAbsent(creditKey, k -> new long[2])[0] += e.amount();
            }
        } else {
            ledger.computeIfAbsent(debitKey, k -> new long[2])[0] -= e.amount();
            ledger.computeIfAbsent(creditKey, k -> new long[2])[0] += e.amount();
        }
        final TransferView view = new TransferView(id, e.kind().name(), flags, e.assetId(), e.amount(), e.debitOwner(),
                e.debitPurpose().name(), e.creditOwner(), e.creditPurpose().name(), e.timestampNs());
        rememberTransfer(e.debitOwner(), view);
        if (e.creditOwner() != e.debitOwner()) {
            rememberTransfer(e.creditOwner(), view);
        }
    }

    private void rememberTransfer(final long owner, final TransferView view) {
        final Deque<TransferView> list = transfersByAccount.computeIfAbsent(owner, k -> new ArrayDeque<>());
        list.addFirst(view);
        while (list.size() > MAX_PER_ACCOUNT) {
            list.removeLast();
        }
    }

    private static void remember(final Map<Long, Deque<Long>> index, final long accountId, final long id) {
        final Deque<Long> list = index.computeIfAbsent(accountId, k -> new ArrayDeque<>());
        list.addFirst(id);
        while (list.size() > MAX_PER_ACCOUNT) {
            list.removeLast();
        }
    }

    @Override
    public synchronized List<InstrumentView> instruments() {
        return List.copyOf(instrumentsById.values());
    }

    @Override
    public synchronized Optional<InstrumentView> instrument(final String symbol) {
        return instrumentsById.values().stream().filter(i -> i.symbol().equals(symbol)).findFirst();
    }

    @Override
    public synchronized BookSnapshot book(final int instrumentId, final int depth) {
        final L2Book book = books.get(instrumentId);
        return book == null ? L2Book.empty(instrumentId) : book.snapshot(instrumentId, depth);
    }

    @Override
    public synchronized List<TradeView> trades(final int instrumentId, final int limit) {
        final Deque<TradeView> tape = trades.get(instrumentId);
        return tape == null ? List.of() : tape.stream().limit(limit).toList();
    }

    @Override
    public synchronized List<CandleView> candles(final int instrumentId, final long intervalSeconds, final int limit) {
        final TreeMap<Long, long[]> series = candles.get(instrumentId + ":" + intervalSeconds);
        if (series == null) {
            return List.of();
        }
        final List<CandleView> out = new ArrayList<>();
        for (final Map.Entry<Long, long[]> e : series.descendingMap().entrySet()) {
            if (out.size() >= limit) {
                break;
            }
            final long[] c = e.getValue();
            out.add(new CandleView(instrumentId, intervalSeconds, e.getKey(), c[0], c[1], c[2], c[3], c[4], (int) c[5]));
        }
        return out;
    }

    @Override
    public synchronized List<OrderView> openOrders(final long accountId) {
        final Deque<Long> ids = historyByAccount.get(accountId);
        if (ids == null) {
            return List.of();
        }
        return ids.stream().map(orders::get).filter(o -> o != null && (o.status() == OrderStatus.OPEN
                || o.status() == OrderStatus.PARTIALLY_FILLED)).toList();
    }

    @Override
    public synchronized List<OrderView> orderHistory(final long accountId, final int limit) {
        final Deque<Long> ids = historyByAccount.get(accountId);
        return ids == null ? List.of() : ids.stream().map(orders::get).filter(o -> o != null).limit(limit).toList();
    }

    @Override
    public synchronized Optional<OrderView> order(final long accountId, final long orderId) {
        final OrderView o = orders.get(orderId);
        return o != null && o.accountId() == accountId ? Optional.of(o) : Optional.empty();
    }

    @Override
    public synchronized Optional<OrderView> orderByClientId(final long accountId, final long clientOrderId) {
        final Deque<Long> ids = historyByAccount.get(accountId);
        if (ids == null || clientOrderId == 0) {
            return Optional.empty();
        }
        return ids.stream().map(orders::get).filter(o -> o != null && o.clientOrderId() == clientOrderId).findFirst();
    }

    @Override
    public synchronized List<FillView> fills(final long accountId, final int limit) {
        final Deque<FillView> fills = fillsByAccount.get(accountId);
        return fills == null ? List.of() : fills.stream().limit(limit).toList();
    }

    @Override
    public synchronized List<BalanceView> balances(final long accountId) {
        final TreeMap<Integer, long[]> byAsset = new TreeMap<>();
        for (final Map.Entry<String, long[]> e : ledger.entrySet()) {
            final String[] parts = e.getKey().split(":");
            if (Long.parseLong(parts[0]) != accountId) {
                continue;
            }
            final AccountPurpose purpose = AccountPurpose.valueOf(parts[2]);
            final long[] b = byAsset.computeIfAbsent(Integer.parseInt(parts[1]), k -> new long[2]);
            if (purpose == AccountPurpose.AVAILABLE) {
                b[0] += e.getValue()[0] - e.getValue()[1];
            } else if (purpose == AccountPurpose.HOLD) {
                b[1] += e.getValue()[0];
            }
        }
        final List<BalanceView> out = new ArrayList<>();
        byAsset.forEach((asset, b) -> out.add(new BalanceView(asset, b[0], b[1])));
        return out;
    }

    @Override
    public synchronized List<TransferView> transfers(final long accountId, final int limit) {
        final Deque<TransferView> list = transfersByAccount.get(accountId);
        return list == null ? List.of() : list.stream().limit(limit).toList();
    }

    @Override
    public synchronized List<ListingView> listings() {
        return List.copyOf(listings.values());
    }

    /** From the bounded trade tape: trades older than the last {@link #MAX_TRADES_PER_INSTRUMENT} are not counted. */
    @Override
    public synchronized TradeStats tradeStats(final int instrumentId, final long fromNs, final long toNs) {
        final Deque<TradeView> tape = trades.get(instrumentId);
        long count = 0;
        long volumeLots = 0;
        java.math.BigInteger priceTimesLots = java.math.BigInteger.ZERO;
        if (tape != null) {
            for (final TradeView t : tape) {
                if (t.timestampNs() >= fromNs && t.timestampNs() < toNs) {
                    count++;
                    volumeLots = Math.addExact(volumeLots, t.quantityLots());
                    priceTimesLots = priceTimesLots.add(java.math.BigInteger.valueOf(t.priceTicks())
                            .multiply(java.math.BigInteger.valueOf(t.quantityLots())));
                }
            }
        }
        return new TradeStats(count, volumeLots, priceTimesLots);
    }

    /** The in-process exchange settles nothing on chain: no escrow figures. */
    @Override
    public Optional<EscrowStats> escrowStats(final int instrumentId, final long fromNs, final long toNs) {
        return Optional.empty();
    }

    /** The in-process exchange runs no verification. */
    @Override
    public Optional<VerificationStats> verificationStats(final int instrumentId, final String symbol, final long fromMs,
            final long toMs) {
        return Optional.empty();
    }

    /** The in-process exchange runs no settlement. */
    @Override
    public Optional<List<ActivityView>> settlementActivity(final int limit) {
        return Optional.empty();
    }

    @Override
    public List<ActivityView> settlementActivitySince(final long afterId, final int limit) {
        return List.of();
    }

    @Override
    public List<EscrowView> escrowsChangedSince(final long afterUpdatedNs, final int limit) {
        return List.of();
    }

    /** The in-process exchange verifies no deliveries: nothing recorded. */
    @Override
    public Optional<List<VerificationRunView>> verificationRuns(final String escrowId, final int limit) {
        return Optional.empty();
    }

    @Override
    public Optional<List<EvidenceView>> evidence(final int limit) {
        return Optional.empty();
    }

    @Override
    public Optional<EvidenceBody> evidenceBody(final String cid) {
        return Optional.empty();
    }

    @Override
    public List<VerificationRunView> verificationRunsChangedSince(final long afterChangeMs, final int limit) {
        return List.of();
    }

    @Override
    public List<SellerReputationView> sellerReputationChangedSince(final long afterChangeMs, final int limit) {
        return List.of();
    }

    @Override
    public Optional<List<SellerReputationView>> sellerReputation(final int limit) {
        return Optional.empty();
    }

    @Override
    public Optional<List<AttestorReputationView>> attestorReputation(final int limit) {
        return Optional.empty();
    }

    /** The in-process exchange settles nothing on chain: it has no escrows. */
    @Override
    public List<EscrowView> escrows(final boolean openOnly, final int limit) {
        return List.of();
    }

    @Override
    public long projectorLagMs() {
        return 0;
    }
}
