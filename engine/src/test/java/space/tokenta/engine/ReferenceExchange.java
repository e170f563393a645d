package space.tokenta.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.event.CancelReason;
import space.tokenta.engine.event.EventSink;
import space.tokenta.engine.event.RejectReason;
import space.tokenta.engine.instrument.FeeModel;
import space.tokenta.engine.instrument.InstrumentClass;
import space.tokenta.engine.ledger.AccountPurpose;
import space.tokenta.engine.ledger.TransferFlags;
import space.tokenta.engine.ledger.TransferKind;
import space.tokenta.engine.order.OrderType;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;

/**
 * A deliberately naive model of the engine's documented behaviour: plain lists scanned and sorted
 * on every use, maps keyed by strings, no pools, no indexes. Property tests require the real engine
 * to emit exactly the events this model emits.
 */
final class ReferenceExchange {
    private static final long HI = Limits.ENGINE_TRANSFER_ID_HI;

    record Instr(int id, String symbol, int asset, long tickValue, long minQty, long maxQty, long minPx, long maxPx,
            int makerBps, int takerBps, long timeoutNs, boolean sellerPays) {
        long notional(final long price, final long lots) {
            return price * lots * tickValue;
        }

        /** The buyer's rate on a fill: its role's, or nothing when the seller pays every fee. */
        int buyerBps(final boolean buyerRested) {
            return sellerPays ? 0 : buyerRested ? makerBps : takerBps;
        }

        long buyHold(final long price, final long lots) {
            final long n = notional(price, lots);
            return n + n * Math.max(buyerBps(true), buyerBps(false)) / 10_000;
        }
    }

    static final class Ord {
        long orderId;
        long account;
        int instrument;
        Side side;
        TimeInForce tif;
        StpMode stp;
        long price;
        long remaining;
        long held;
        long expireAt;
        long seq;
        long queueSeq;
        boolean resting;
    }

    static final class Acct {
        long owner;
        int asset;
        AccountPurpose purpose;
        long dp;
        long cp;
        long dpend;
        long cpend;

        long available() {
            return cp - dp - dpend;
        }
    }

    static final class Pending {
        long hi;
        long lo;
        TransferKind kind;
        Acct debit;
        Acct credit;
        long amount;
        Acct feeCredit;
        long fee;
        long timeoutAt;
        long seq;
        long seller;
        long gross;
    }

    record ClientKey(long account, long clientOrderId) {
    }

    record Params(int instrument, Side side, OrderType type, TimeInForce tif, long price, long protection, long qty,
            long expireAt, StpMode stp) {
    }

    record ClientOutcome(Params params, long orderId, RejectReason outcome) {
    }

    private final Set<Integer> assets = new HashSet<>();
    private final Map<Integer, Instr> instruments = new HashMap<>();
    private final Set<String> symbols = new HashSet<>();
    private final Map<Long, long[]> traders = new HashMap<>(); // {exposureLimit, exposureUsed}
    private final Map<String, Acct> ledger = new LinkedHashMap<>();
    private final Map<String, long[]> listings = new HashMap<>(); // {capacity, reserved, sold}
    private final List<Ord> orders = new ArrayList<>(); // every open order
    private final List<Pending> pendings = new ArrayList<>();
    private final Set<String> usedTransferIds = new HashSet<>();
    private final Map<ClientKey, ClientOutcome> clientOrders = new HashMap<>();
    private long clock;
    private long orderSeq;
    private long tradeSeq;
    private long transferSeq;
    private long pendingSeq;
    private long queueSeq;
    private EventSink sink;
    private long now;

    void apply(final Command c, final EventSink eventSink) {
        sink = eventSink;
        now = c.timestampNs;
        final CommandType type = c.type;
        if (type == null) {
            sink.onCommandRejected(now, null, c.accountId, 0, RejectReason.INVALID_COMMAND);
            return;
        }
        if (now < clock) {
            reject(c, type, RejectReason.CLOCK_WENT_BACKWARDS);
            return;
        }
        clock = now;
        switch (type) {
            case PLACE_ORDER -> place(c, type, c.orderId, c.instrumentId, c.side);
            case AMEND_ORDER -> amend(c);
            case CANCEL_ORDER -> {
                final Ord o = owned(c, type);
                if (o != null) {
                    removeResting(o, CancelReason.USER, false);
                }
            }
            case CANCEL_REPLACE -> {
                final Ord o = owned(c, type);
                if (o != null) {
                    removeResting(o, CancelReason.REPLACED, false);
                    place(c, type, c.newOrderId, o.instrument, o.side);
                }
            }
            case MASS_CANCEL -> massCancel(c);
            case TIME_TICK -> timeTick();
            case ADD_ASSET -> {
                if (c.assetId <= 0 || c.assetId > Limits.MAX_ASSET_ID) {
                    reject(c, type, RejectReason.INVALID_ID);
                } else if (!assets.add(c.assetId)) {
                    reject(c, type, RejectReason.ASSET_EXISTS);
                } else {
                    sink.onCommandApplied(now, type, c.accountId, c.assetId);
                }
            }
            case ADD_INSTRUMENT -> addInstrument(c);
            case ADD_ACCOUNT -> {
                if (c.accountId <= 0 || c.accountId > Limits.MAX_ACCOUNT_ID) {
                    reject(c, type, RejectReason.INVALID_ID);
                } else if (traders.containsKey(c.accountId)) {
                    reject(c, type, RejectReason.ACCOUNT_EXISTS);
                } else {
                    traders.put(c.accountId, new long[2]);
                    sink.onCommandApplied(now, type, c.accountId, c.accountId);
                }
            }
            case CREDIT_DEPOSIT -> deposit(c);
            case REQUEST_WITHDRAWAL -> withdraw(c);
            case POST_PENDING_TRANSFER, VOID_PENDING_TRANSFER -> {
                final Pending p = pendings.stream().filter(x -> x.hi == c.transferIdHi && x.lo == c.transferIdLo)
                        .findFirst().orElse(null);
                if (p == null) {
                    reject(c, type, RejectReason.PENDING_TRANSFER_NOT_FOUND);
                } else {
                    if (type == CommandType.POST_PENDING_TRANSFER) {
                        post(p);
                    } else {
                        voidPending(p, 0);
                    }
                    sink.onCommandApplied(now, type, c.accountId, c.transferIdLo);
                }
            }
            case REGISTER_LISTING -> listing(c);
            case SET_EXPOSURE_LIMIT -> {
                if (!traders.containsKey(c.accountId)) {
                    reject(c, type, RejectReason.UNKNOWN_ACCOUNT);
                } else if (c.amount < 0 || c.amount > Limits.MAX_AMOUNT) {
                    reject(c, type, RejectReason.INVALID_AMOUNT);
                } else {
                    traders.get(c.accountId)[0] = c.amount;
                    sink.onCommandApplied(now, type, c.accountId, c.amount);
                }
            }
        }
    }

    private void reject(final Command c, final CommandType type, final RejectReason reason) {
        if (type == CommandType.PLACE_ORDER || type == CommandType.AMEND_ORDER || type == CommandType.CANCEL_ORDER
                || type == CommandType.CANCEL_REPLACE) {
            sink.onOrderRejected(now, type, c.instrumentId, c.orderId, c.accountId, c.clientOrderId, reason);
            return;
        }
        final long key = switch (type) {
            case ADD_ASSET -> c.assetId;
            case ADD_INSTRUMENT, MASS_CANCEL, REGISTER_LISTING -> c.instrumentId;
            case ADD_ACCOUNT -> c.accountId;
            case CREDIT_DEPOSIT, REQUEST_WITHDRAWAL, POST_PENDING_TRANSFER, VOID_PENDING_TRANSFER -> c.transferIdLo;
            case SET_EXPOSURE_LIMIT -> c.amount;
            case TIME_TICK -> c.timestampNs;
            default -> c.orderId;
        };
        sink.onCommandRejected(now, type, c.accountId, key, reason);
    }

    // ---------------------------------------------------------------------------------------------- ledger

    private Acct account(final long owner, final int asset, final AccountPurpose purpose, final boolean create) {
        final String key = owner + "/" + asset + "/" + purpose;
        Acct a = ledger.get(key);
        if (a == null && create) {
            a = new Acct();
            a.owner = owner;
            a.asset = asset;
            a.purpose = purpose;
            ledger.put(key, a);
        }
        return a;
    }

    private void transfer(final Acct debit, final Acct credit, final long amount, final TransferKind kind) {
        debit.dp += amount;
        credit.cp += amount;
        sink.onTransfer(now, HI, ++transferSeq, debit.owner, debit.purpose, credit.owner, credit.purpose, debit.asset,
                amount, kind, TransferFlags.POSTED);
    }

    private RejectReason externalTransferProblem(final Command c) {
        if ((c.transferIdHi == 0 && c.transferIdLo == 0) || c.transferIdHi == HI) {
            return RejectReason.INVALID_TRANSFER_ID;
        }
        if (usedTransferIds.contains(c.transferIdHi + ":" + c.transferIdLo)) {
            return RejectReason.DUPLICATE_TRANSFER_ID;
        }
        if (c.chainId <= 0) {
            return RejectReason.INVALID_ID;
        }
        if (!traders.containsKey(c.accountId)) {
            return RejectReason.UNKNOWN_ACCOUNT;
        }
        if (!assets.contains(c.assetId)) {
            return RejectReason.UNKNOWN_ASSET;
        }
        if (c.amount <= 0 || c.amount > Limits.MAX_AMOUNT) {
            return RejectReason.INVALID_AMOUNT;
        }
        return null;
    }

    private void deposit(final Command c) {
        final RejectReason problem = externalTransferProblem(c);
        if (problem != null) {
            reject(c, c.type, problem);
            return;
        }
        usedTransferIds.add(c.transferIdHi + ":" + c.transferIdLo);
        final Acct omnibus = account(c.chainId, c.assetId, AccountPurpose.OMNIBUS, true);
        final Acct available = account(c.accountId, c.assetId, AccountPurpose.AVAILABLE, true);
        omnibus.dp += c.amount;
        available.cp += c.amount;
        sink.onTransfer(now, c.transferIdHi, c.transferIdLo, c.chainId, AccountPurpose.OMNIBUS, c.accountId,
                AccountPurpose.AVAILABLE, c.assetId, c.amount, TransferKind.DEPOSIT, TransferFlags.POSTED);
        sink.onCommandApplied(now, c.type, c.accountId, c.transferIdLo);
    }

    private void withdraw(final Command c) {
        RejectReason problem = externalTransferProblem(c);
        if (problem == null && (c.timeoutNs < 0 || c.timeoutNs > Long.MAX_VALUE - now)) {
            problem = RejectReason.INVALID_AMOUNT;
        }
        final Acct available = account(c.accountId, c.assetId, AccountPurpose.AVAILABLE, false);
        if (problem == null && (available == null || available.available() < c.amount)) {
            problem = RejectReason.INSUFFICIENT_FUNDS;
        }
        if (problem != null) {
            reject(c, c.type, problem);
            return;
        }
        usedTransferIds.add(c.transferIdHi + ":" + c.transferIdLo);
        final Pending p = new Pending();
        p.hi = c.transferIdHi;
        p.lo = c.transferIdLo;
        p.kind = TransferKind.WITHDRAWAL;
        p.debit = available;
        p.credit = account(c.chainId, c.assetId, AccountPurpose.OMNIBUS, true);
        p.amount = c.amount;
        p.seq = ++pendingSeq;
        p.timeoutAt = c.timeoutNs > 0 ? now + c.timeoutNs : 0;
        p.debit.dpend += p.amount;
        p.credit.cpend += p.amount;
        pendings.add(p);
        sink.onTransfer(now, p.hi, p.lo, c.accountId, AccountPurpose.AVAILABLE, c.chainId, AccountPurpose.OMNIBUS,
                c.assetId, c.amount, TransferKind.WITHDRAWAL, TransferFlags.PENDING);
        sink.onCommandApplied(now, c.type, c.accountId, c.transferIdLo);
    }

    private void post(final Pending p) {
        p.debit.dpend -= p.amount;
        p.credit.cpend -= p.amount;
        p.debit.dp += p.amount;
        p.credit.cp += p.amount;
        sink.onTransfer(now, p.hi, p.lo, p.debit.owner, p.debit.purpose, p.credit.owner, p.credit.purpose,
                p.debit.asset, p.amount, p.kind, TransferFlags.POST_PENDING);
        if (p.kind == TransferKind.SETTLEMENT) {
            p.debit.dpend -= p.fee;
            p.feeCredit.cpend -= p.fee;
            p.debit.dp += p.fee;
            p.feeCredit.cp += p.fee;
            sink.onTransfer(now, p.hi, p.lo + 1, p.debit.owner, p.debit.purpose, p.feeCredit.owner,
                    AccountPurpose.FEES, p.debit.asset, p.fee, TransferKind.FEE,
                    TransferFlags.POST_PENDING | TransferFlags.LINKED);
            traders.get(p.seller)[1] -= p.gross;
        }
        pendings.remove(p);
    }

    private void voidPending(final Pending p, final int extraFlags) {
        p.debit.dpend -= p.amount;
        p.credit.cpend -= p.amount;
        sink.onTransfer(now, p.hi, p.lo, p.debit.owner, p.debit.purpose, p.credit.owner, p.credit.purpose,
                p.debit.asset, p.amount, p.kind, TransferFlags.VOID_PENDING | extraFlags);
        if (p.kind == TransferKind.SETTLEMENT) {
            p.debit.dpend -= p.fee;
            p.feeCredit.cpend -= p.fee;
            sink.onTransfer(now, p.hi, p.lo + 1, p.debit.owner, p.debit.purpose, p.feeCredit.owner,
                    AccountPurpose.FEES, p.debit.asset, p.fee, TransferKind.FEE,
                    TransferFlags.VOID_PENDING | TransferFlags.LINKED | extraFlags);
            traders.get(p.seller)[1] -= p.gross;
            transfer(p.debit, account(p.debit.owner, p.debit.asset, AccountPurpose.AVAILABLE, true), p.amount + p.fee,
                    TransferKind.HOLD_RELEASE);
        }
        pendings.remove(p);
    }

    // ---------------------------------------------------------------------------------------------- reference data

    private void addInstrument(final Command c) {
        final RejectReason problem;
        if (c.instrumentId <= 0 || c.instrumentId > Limits.MAX_INSTRUMENT_ID) {
            problem = RejectReason.INVALID_ID;
        } else if (instruments.containsKey(c.instrumentId) || (c.symbol != null && symbols.contains(c.symbol))) {
            problem = RejectReason.INSTRUMENT_EXISTS;
        } else if (!assets.contains(c.assetId)) {
            problem = RejectReason.UNKNOWN_ASSET;
        } else if (c.symbol == null || c.symbol.isEmpty() || c.symbol.length() > 64
                || !c.symbol.chars().allMatch(ch -> ch > ' ' && ch <= '~') || c.instrumentClass == null
                || c.tickValueQuoteUnits < 1 || c.lotSizeUnits < 1 || c.minQuantityLots < 1
                || c.maxQuantityLots < c.minQuantityLots || c.minPriceTicks < 1 || c.maxPriceTicks < c.minPriceTicks
                || c.makerFeeBps < 0 || c.makerFeeBps > 1_000 || c.takerFeeBps < 0 || c.takerFeeBps > 1_000
                || c.feeModel == null || c.timeoutNs < 0 || java.math.BigInteger.valueOf(c.maxPriceTicks)
                        .multiply(java.math.BigInteger.valueOf(c.maxQuantityLots))
                        .multiply(java.math.BigInteger.valueOf(c.tickValueQuoteUnits))
                        .compareTo(java.math.BigInteger.valueOf(Limits.MAX_NOTIONAL)) > 0) {
            problem = RejectReason.INVALID_INSTRUMENT;
        } else {
            problem = null;
        }
        if (problem != null) {
            reject(c, c.type, problem);
            return;
        }
        final InstrumentClass unused = c.instrumentClass;
        instruments.put(c.instrumentId, new Instr(c.instrumentId, c.symbol, c.assetId, c.tickValueQuoteUnits,
                c.minQuantityLots, c.maxQuantityLots, c.minPriceTicks, c.maxPriceTicks, c.makerFeeBps, c.takerFeeBps,
                c.timeoutNs, c.feeModel == FeeModel.SELLER_PAYS));
        symbols.add(c.symbol);
        sink.onCommandApplied(now, c.type, c.accountId, c.instrumentId + 0L * unused.code());
    }

    private void listing(final Command c) {
        final RejectReason problem;
        final long[] existing = listings.get(c.accountId + "/" + c.instrumentId);
        if (!traders.containsKey(c.accountId)) {
            problem = RejectReason.UNKNOWN_ACCOUNT;
        } else if (!instruments.containsKey(c.instrumentId)) {
            problem = RejectReason.UNKNOWN_INSTRUMENT;
        } else if (c.quantityLots < 0 || c.quantityLots > Limits.MAX_AMOUNT) {
            problem = RejectReason.INVALID_AMOUNT;
        } else if (existing != null && c.quantityLots < existing[1] + existing[2]) {
            problem = RejectReason.INSUFFICIENT_CAPACITY;
        } else {
            problem = null;
        }
        if (problem != null) {
            reject(c, c.type, problem);
            return;
        }
        listings.computeIfAbsent(c.accountId + "/" + c.instrumentId, k -> new long[3])[0] = c.quantityLots;
        sink.onCommandApplied(now, c.type, c.accountId, c.instrumentId);
    }

    // ---------------------------------------------------------------------------------------------- orders

    private long[] listingOf(final long account, final int instrument) {
        return listings.get(account + "/" + instrument);
    }

    /** Resting orders of one side, best price first, then earliest in the queue. */
    private List<Ord> side(final int instrument, final Side side) {
        final Comparator<Ord> byPrice = Comparator.comparingLong(o -> o.price);
        return orders.stream().filter(o -> o.resting && o.instrument == instrument && o.side == side)
                .sorted((side == Side.BUY ? byPrice.reversed() : byPrice).thenComparingLong(o -> o.queueSeq))
                .toList();
    }

    private void emitLevel(final int instrument, final Side side, final long price) {
        long total = 0;
        int count = 0;
        for (final Ord o : orders) {
            if (o.resting && o.instrument == instrument && o.side == side && o.price == price) {
                total += o.remaining;
                count++;
            }
        }
        sink.onBookLevel(now, instrument, side, price, total, count);
    }

    private static boolean crossesPrice(final Side taker, final long limit, final long makerPrice) {
        return taker == Side.BUY ? makerPrice <= limit : makerPrice >= limit;
    }

    private Ord find(final long orderId) {
        for (final Ord o : orders) {
            if (o.orderId == orderId) {
                return o;
            }
        }
        return null;
    }

    private Ord owned(final Command c, final CommandType type) {
        final Ord o = find(c.orderId);
        if (o == null) {
            sink.onOrderRejected(now, type, c.instrumentId, c.orderId, c.accountId, c.clientOrderId,
                    RejectReason.UNKNOWN_ORDER);
            return null;
        }
        if (o.account != c.accountId) {
            sink.onOrderRejected(now, type, c.instrumentId, c.orderId, c.accountId, c.clientOrderId,
                    RejectReason.NOT_ORDER_OWNER);
            return null;
        }
        return o;
    }

    private void place(final Command c, final CommandType type, final long orderId, final int instrumentId,
            final Side side) {
        if (!traders.containsKey(c.accountId)) {
            sink.onOrderRejected(now, type, instrumentId, orderId, c.accountId, c.clientOrderId,
                    RejectReason.UNKNOWN_ACCOUNT);
            return;
        }
        final Instr in = instruments.get(instrumentId);
        if (in == null) {
            sink.onOrderRejected(now, type, instrumentId, orderId, c.accountId, c.clientOrderId,
                    RejectReason.UNKNOWN_INSTRUMENT);
            return;
        }
        final Params params = new Params(instrumentId, side, c.orderType, c.timeInForce, c.priceTicks,
                c.protectionPriceTicks, c.quantityLots, c.expireAtNs, c.stpMode);
        final ClientKey key = new ClientKey(c.accountId, c.clientOrderId);
        if (c.clientOrderId != 0 && clientOrders.containsKey(key)) {
            final ClientOutcome original = clientOrders.get(key);
            if (original.params().equals(params)) {
                sink.onDuplicateOrder(now, instrumentId, original.orderId(), c.accountId, c.clientOrderId,
                        original.outcome());
            } else {
                sink.onOrderRejected(now, type, instrumentId, orderId, c.accountId, c.clientOrderId,
                        RejectReason.DUPLICATE_CLIENT_ORDER_ID);
            }
            return;
        }
        final long price = c.orderType == OrderType.MARKET ? c.protectionPriceTicks : c.priceTicks;
        final RejectReason problem = placeProblem(c, in, orderId, side, price);
        if (c.clientOrderId != 0) {
            clientOrders.put(key, new ClientOutcome(params, orderId, problem == null ? RejectReason.NONE : problem));
        }
        if (problem != null) {
            sink.onOrderRejected(now, type, instrumentId, orderId, c.accountId, c.clientOrderId, problem);
            return;
        }
        sink.onOrderAccepted(now, instrumentId, orderId, c.accountId, c.clientOrderId, side, c.orderType,
                c.timeInForce, price, c.quantityLots);
        final Ord o = new Ord();
        o.orderId = orderId;
        o.account = c.accountId;
        o.instrument = instrumentId;
        o.side = side;
        o.tif = c.timeInForce;
        o.stp = c.stpMode;
        o.price = price;
        o.remaining = c.quantityLots;
        o.expireAt = c.expireAtNs;
        o.seq = ++orderSeq;
        orders.add(o);
        if (side == Side.BUY) {
            o.held = in.buyHold(price, o.remaining);
            transfer(account(o.account, in.asset(), AccountPurpose.AVAILABLE, false),
                    account(o.account, in.asset(), AccountPurpose.HOLD, true), o.held, TransferKind.ORDER_HOLD);
        } else {
            listingOf(o.account, instrumentId)[1] += o.remaining;
            traders.get(o.account)[1] += in.notional(price, o.remaining);
        }
        match(o, in, c.orderType == OrderType.LIMIT && c.timeInForce.rests());
    }

    private RejectReason placeProblem(final Command c, final Instr in, final long orderId, final Side side,
            final long price) {
        if (side == null || c.orderType == null || c.timeInForce == null || c.stpMode == null
                || (c.orderType == OrderType.MARKET && c.timeInForce != TimeInForce.IOC
                        && c.timeInForce != TimeInForce.FOK)) {
            return RejectReason.INVALID_ORDER_PARAMETERS;
        }
        if (price <= 0) {
            return c.orderType == OrderType.MARKET ? RejectReason.MISSING_PROTECTION_PRICE
                    : RejectReason.INVALID_PRICE_TICK;
        }
        if (price < in.minPx() || price > in.maxPx()) {
            return RejectReason.PRICE_OUT_OF_BAND;
        }
        if (c.quantityLots < in.minQty()) {
            return RejectReason.QUANTITY_BELOW_MIN;
        }
        if (c.quantityLots > in.maxQty()) {
            return RejectReason.QUANTITY_ABOVE_MAX;
        }
        if (c.timeInForce == TimeInForce.GTD ? c.expireAtNs <= now : c.expireAtNs != 0) {
            return RejectReason.INVALID_EXPIRY;
        }
        if (orderId <= 0) {
            return RejectReason.INVALID_ID;
        }
        if (find(orderId) != null) {
            return RejectReason.DUPLICATE_ORDER_ID;
        }
        final List<Ord> opposite = side(in.id(), side.opposite());
        if (c.timeInForce == TimeInForce.ALO && !opposite.isEmpty()
                && crossesPrice(side, price, opposite.get(0).price)) {
            return RejectReason.POST_ONLY_WOULD_TAKE;
        }
        if (c.timeInForce == TimeInForce.FOK) {
            long fillable = 0;
            for (final Ord m : opposite) {
                if (!crossesPrice(side, price, m.price) || fillable >= c.quantityLots) {
                    break;
                }
                if (m.account == c.accountId && c.stpMode != StpMode.NONE) {
                    if (c.stpMode == StpMode.EXPIRE_MAKER) {
                        continue;
                    }
                    break;
                }
                fillable += m.remaining;
            }
            if (fillable < c.quantityLots) {
                return RejectReason.FOK_NOT_FILLABLE;
            }
        }
        if (side == Side.BUY) {
            final Acct available = account(c.accountId, in.asset(), AccountPurpose.AVAILABLE, false);
            if (available == null || available.available() < in.buyHold(price, c.quantityLots)) {
                return RejectReason.INSUFFICIENT_FUNDS;
            }
        } else {
            final long[] listing = listingOf(c.accountId, in.id());
            if (listing == null) {
                return RejectReason.NO_LISTING;
            }
            if (listing[0] - listing[1] - listing[2] < c.quantityLots) {
                return RejectReason.INSUFFICIENT_CAPACITY;
            }
            final long[] trader = traders.get(c.accountId);
            if (trader[1] + in.notional(price, c.quantityLots) > trader[0]) {
                return RejectReason.EXPOSURE_LIMIT;
            }
        }
        return null;
    }

    private void match(final Ord taker, final Instr in, final boolean mayRest) {
        boolean takerExpired = false;
        outer:
        while (taker.remaining > 0) {
            final List<Ord> opposite = side(in.id(), taker.side.opposite());
            if (opposite.isEmpty() || !crossesPrice(taker.side, taker.price, opposite.get(0).price)) {
                break;
            }
            final long levelPrice = opposite.get(0).price;
            for (final Ord maker : opposite) {
                if (maker.price != levelPrice || taker.remaining == 0) {
                    break;
                }
                if (taker.stp != StpMode.NONE && maker.account == taker.account) {
                    final long takerLots = taker.remaining;
                    switch (taker.stp) {
                        case EXPIRE_TAKER -> {
                            sink.onSelfTradePrevented(now, in.id(), taker.orderId, maker.orderId, taker.account,
                                    taker.stp, takerLots);
                            takerExpired = true;
                            break outer;
                        }
                        case EXPIRE_MAKER -> {
                            sink.onSelfTradePrevented(now, in.id(), taker.orderId, maker.orderId, taker.account,
                                    taker.stp, maker.remaining);
                            removeResting(maker, CancelReason.SELF_TRADE, false);
                        }
                        case EXPIRE_BOTH -> {
                            sink.onSelfTradePrevented(now, in.id(), taker.orderId, maker.orderId, taker.account,
                                    taker.stp, takerLots);
                            removeResting(maker, CancelReason.SELF_TRADE, false);
                            takerExpired = true;
                            break outer;
                        }
                        default -> {
                            final long decrement = Math.min(maker.remaining, takerLots);
                            sink.onSelfTradePrevented(now, in.id(), taker.orderId, maker.orderId, taker.account,
                                    taker.stp, decrement);
                            if (decrement == maker.remaining) {
                                removeResting(maker, CancelReason.SELF_TRADE, false);
                            } else {
                                setRemaining(maker, in, maker.remaining - decrement);
                                emitLevel(in.id(), maker.side, maker.price);
                            }
                            setRemaining(taker, in, takerLots - decrement);
                            if (taker.remaining == 0) {
                                takerExpired = true;
                                break outer;
                            }
                        }
                    }
                } else {
                    trade(taker, maker, in);
                }
            }
        }
        if (takerExpired) {
            cancelUnrested(taker, in, CancelReason.SELF_TRADE);
        } else if (taker.remaining == 0) {
            orders.remove(taker);
        } else if (mayRest) {
            taker.resting = true;
            taker.queueSeq = ++queueSeq;
            emitLevel(in.id(), taker.side, taker.price);
        } else {
            cancelUnrested(taker, in, CancelReason.UNFILLED);
        }
    }

    private void trade(final Ord taker, final Ord maker, final Instr in) {
        final long lots = Math.min(taker.remaining, maker.remaining);
        final long price = maker.price;
        final long notional = in.notional(price, lots);
        final boolean takerBuys = taker.side == Side.BUY;
        final Ord buyer = takerBuys ? taker : maker;
        final Ord seller = takerBuys ? maker : taker;
        final long buyerFee = notional * in.buyerBps(!takerBuys) / 10_000;
        final long sellerFee = notional * (takerBuys ? in.makerBps() : in.takerBps()) / 10_000;
        taker.remaining -= lots;
        maker.remaining -= lots;
        final long settlementLo = ++transferSeq;
        final long feeLo = ++transferSeq;
        sink.onTrade(now, in.id(), ++tradeSeq, maker.orderId, maker.account, taker.orderId, taker.account,
                taker.side, price, lots, maker.remaining, taker.remaining, notional, buyerFee, sellerFee, HI,
                settlementLo);
        final Pending p = new Pending();
        p.hi = HI;
        p.lo = settlementLo;
        p.kind = TransferKind.SETTLEMENT;
        p.debit = account(buyer.account, in.asset(), AccountPurpose.HOLD, true);
        p.credit = account(seller.account, in.asset(), AccountPurpose.AVAILABLE, true);
        p.feeCredit = account(Limits.FEE_OWNER, in.asset(), AccountPurpose.FEES, true);
        p.amount = notional - sellerFee;
        p.fee = buyerFee + sellerFee;
        p.seq = ++pendingSeq;
        p.seller = seller.account;
        p.gross = notional;
        p.timeoutAt = in.timeoutNs() > 0 ? now + in.timeoutNs() : 0;
        p.debit.dpend += p.amount + p.fee;
        p.credit.cpend += p.amount;
        p.feeCredit.cpend += p.fee;
        pendings.add(p);
        sink.onTransfer(now, HI, settlementLo, buyer.account, AccountPurpose.HOLD, seller.account,
                AccountPurpose.AVAILABLE, in.asset(), p.amount, TransferKind.SETTLEMENT, TransferFlags.PENDING);
        sink.onTransfer(now, HI, feeLo, buyer.account, AccountPurpose.HOLD, Limits.FEE_OWNER, AccountPurpose.FEES,
                in.asset(), p.fee, TransferKind.FEE, TransferFlags.PENDING | TransferFlags.LINKED);
        buyer.held -= notional + buyerFee;
        rebalance(buyer, in);
        final long[] listing = listingOf(seller.account, in.id());
        listing[1] -= lots;
        listing[2] += lots;
        traders.get(seller.account)[1] += notional - in.notional(seller.price, lots);
        if (maker.remaining == 0) {
            maker.resting = false;
            orders.remove(maker);
        }
        emitLevel(in.id(), maker.side, maker.price);
    }

    private void rebalance(final Ord o, final Instr in) {
        final long target = in.buyHold(o.price, o.remaining);
        final long excess = o.held - target;
        if (excess < 0) {
            throw new IllegalStateException("reference: hold below requirement");
        }
        if (excess > 0) {
            o.held = target;
            transfer(account(o.account, in.asset(), AccountPurpose.HOLD, false),
                    account(o.account, in.asset(), AccountPurpose.AVAILABLE, false), excess, TransferKind.HOLD_RELEASE);
        }
    }

    private void setRemaining(final Ord o, final Instr in, final long lots) {
        final long released = o.remaining - lots;
        o.remaining = lots;
        if (o.side == Side.BUY) {
            rebalance(o, in);
        } else {
            listingOf(o.account, in.id())[1] -= released;
            traders.get(o.account)[1] -= in.notional(o.price, released);
        }
    }

    private void removeResting(final Ord o, final CancelReason reason, final boolean expired) {
        final Instr in = instruments.get(o.instrument);
        if (expired) {
            sink.onOrderExpired(now, o.instrument, o.orderId, o.account, o.remaining);
        } else {
            sink.onOrderCancelled(now, o.instrument, o.orderId, o.account, o.remaining, reason);
        }
        o.resting = false;
        emitLevel(o.instrument, o.side, o.price);
        setRemaining(o, in, 0);
        orders.remove(o);
    }

    private void cancelUnrested(final Ord o, final Instr in, final CancelReason reason) {
        sink.onOrderCancelled(now, o.instrument, o.orderId, o.account, o.remaining, reason);
        setRemaining(o, in, 0);
        orders.remove(o);
    }

    private void amend(final Command c) {
        final Ord o = owned(c, CommandType.AMEND_ORDER);
        if (o == null) {
            return;
        }
        final Instr in = instruments.get(o.instrument);
        final long price = c.priceTicks;
        final long lots = c.quantityLots;
        RejectReason problem = null;
        if (price <= 0) {
            problem = RejectReason.INVALID_PRICE_TICK;
        } else if (price < in.minPx() || price > in.maxPx()) {
            problem = RejectReason.PRICE_OUT_OF_BAND;
        } else if (lots < in.minQty()) {
            problem = RejectReason.QUANTITY_BELOW_MIN;
        } else if (lots > in.maxQty()) {
            problem = RejectReason.QUANTITY_ABOVE_MAX;
        } else if (price == o.price && lots == o.remaining) {
            problem = RejectReason.AMEND_NO_CHANGE;
        } else if (o.tif == TimeInForce.ALO && price != o.price) {
            final List<Ord> opposite = side(in.id(), o.side.opposite());
            if (!opposite.isEmpty() && crossesPrice(o.side, price, opposite.get(0).price)) {
                problem = RejectReason.POST_ONLY_WOULD_TAKE;
            }
        }
        if (problem == null) {
            if (o.side == Side.BUY) {
                final long extra = in.buyHold(price, lots) - o.held;
                if (extra > 0 && account(o.account, in.asset(), AccountPurpose.AVAILABLE, false).available() < extra) {
                    problem = RejectReason.INSUFFICIENT_FUNDS;
                }
            } else {
                final long[] listing = listingOf(o.account, in.id());
                final long[] trader = traders.get(o.account);
                final long delta = in.notional(price, lots) - in.notional(o.price, o.remaining);
                if (lots > o.remaining && listing[0] - listing[1] - listing[2] < lots - o.remaining) {
                    problem = RejectReason.INSUFFICIENT_CAPACITY;
                } else if (delta > 0 && trader[1] + delta > trader[0]) {
                    problem = RejectReason.EXPOSURE_LIMIT;
                }
            }
        }
        if (problem != null) {
            sink.onOrderRejected(now, CommandType.AMEND_ORDER, in.id(), c.orderId, c.accountId, c.clientOrderId,
                    problem);
            return;
        }
        if (price == o.price && lots < o.remaining) {
            sink.onOrderAmended(now, in.id(), o.orderId, o.account, price, lots, true);
            setRemaining(o, in, lots);
            emitLevel(in.id(), o.side, o.price);
            return;
        }
        sink.onOrderAmended(now, in.id(), o.orderId, o.account, price, lots, false);
        o.resting = false;
        emitLevel(in.id(), o.side, o.price);
        if (o.side == Side.BUY) {
            final long hold = in.buyHold(price, lots);
            final long delta = hold - o.held;
            o.held = hold;
            final Acct available = account(o.account, in.asset(), AccountPurpose.AVAILABLE, false);
            final Acct held = account(o.account, in.asset(), AccountPurpose.HOLD, false);
            if (delta > 0) {
                transfer(available, held, delta, TransferKind.ORDER_HOLD);
            } else if (delta < 0) {
                transfer(held, available, -delta, TransferKind.HOLD_RELEASE);
            }
        } else {
            listingOf(o.account, in.id())[1] += lots - o.remaining;
            traders.get(o.account)[1] += in.notional(price, lots) - in.notional(o.price, o.remaining);
        }
        o.price = price;
        o.remaining = lots;
        match(o, in, true);
    }

    private void massCancel(final Command c) {
        if (!traders.containsKey(c.accountId)) {
            reject(c, c.type, RejectReason.UNKNOWN_ACCOUNT);
            return;
        }
        if (c.instrumentId != 0 && !instruments.containsKey(c.instrumentId)) {
            reject(c, c.type, RejectReason.UNKNOWN_INSTRUMENT);
            return;
        }
        final List<Ord> mine = orders.stream().filter(o -> o.account == c.accountId
                && (c.instrumentId == 0 || o.instrument == c.instrumentId))
                .sorted(Comparator.comparingLong(o -> o.seq)).toList();
        for (final Ord o : mine) {
            removeResting(o, CancelReason.MASS_CANCEL, false);
        }
        sink.onCommandApplied(now, c.type, c.accountId, c.instrumentId);
    }

    private void timeTick() {
        final List<Ord> expired = orders.stream().filter(o -> o.tif == TimeInForce.GTD && o.expireAt <= now)
                .sorted(Comparator.comparingLong((Ord o) -> o.expireAt).thenComparingLong(o -> o.seq)).toList();
        for (final Ord o : expired) {
            removeResting(o, null, true);
        }
        final List<Pending> timedOut = pendings.stream().filter(p -> p.timeoutAt > 0 && p.timeoutAt <= now)
                .sorted(Comparator.comparingLong((Pending p) -> p.timeoutAt).thenComparingLong(p -> p.seq)).toList();
        for (final Pending p : timedOut) {
            voidPending(p, TransferFlags.TIMEOUT);
        }
        sink.onCommandApplied(now, CommandType.TIME_TICK, 0, now);
    }
}
