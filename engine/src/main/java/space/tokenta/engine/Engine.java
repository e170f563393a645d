package space.tokenta.engine;

import static space.tokenta.engine.orderbook.OrderPool.NIL;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.IntHashSet;
import space.tokenta.engine.collections.TimerHeap;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.event.CancelReason;
import space.tokenta.engine.event.EventSink;
import space.tokenta.engine.event.RejectReason;
import space.tokenta.engine.event.StateHash;
import space.tokenta.engine.instrument.FeeModel;
import space.tokenta.engine.instrument.Instrument;
import space.tokenta.engine.instrument.InstrumentClass;
import space.tokenta.engine.ledger.AccountPurpose;
import space.tokenta.engine.ledger.Ledger;
import space.tokenta.engine.ledger.PendingTransfers;
import space.tokenta.engine.ledger.TransferFlags;
import space.tokenta.engine.ledger.TransferIds;
import space.tokenta.engine.ledger.TransferKind;
import space.tokenta.engine.order.ClientOrderIds;
import space.tokenta.engine.order.OrderType;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;
import space.tokenta.engine.orderbook.BookSide;
import space.tokenta.engine.orderbook.LevelPool;
import space.tokenta.engine.orderbook.OrderIdIndex;
import space.tokenta.engine.orderbook.OrderPool;
import space.tokenta.engine.risk.Listings;
import space.tokenta.engine.risk.Traders;
import space.tokenta.engine.snapshot.SnapshotReader;
import space.tokenta.engine.snapshot.SnapshotWriter;

/**
 * The Tokenta exchange core: a pure, single-threaded, deterministic state machine. {@link #apply}
 * takes one sequenced {@link Command} and reports what happened to an {@link EventSink}; the same
 * commands from the same state always give the same events and the same {@link #stateHash()}.
 * No I/O, no wall clock, no allocation per command on the hot path. Not thread-safe.
 *
 * <p>Matching is price-time priority at the maker's price. Buys hold quote funds (notional at the
 * limit price plus the larger fee the buyer can pay, see {@link FeeModel}) by a transfer AVAILABLE to
 * HOLD; each fill turns the buyer's held funds into a pending settlement transfer to the seller plus a
 * linked pending fee transfer, which escrow later posts or voids. Sells reserve listing capacity and seller exposure.
 */
public final class Engine {
    private static final int SNAPSHOT_MAGIC = 0x544B4E31; // "TKN1"
    private static final int SNAPSHOT_VERSION = 1;
    /** An instrument's snapshot byte: class code in the low four bits, fee model code above. */
    private static final int FEE_MODEL_SHIFT = 4;
    private static final int CLASS_MASK = (1 << FEE_MODEL_SHIFT) - 1;
    private static final long HI = Limits.ENGINE_TRANSFER_ID_HI;
    /** log2 of the cells of the parameters-hash prefix cache. */
    private static final int PREFIX_CACHE_BITS = 6;

    private final EngineConfig config;
    private final OrderPool orders;
    private final LevelPool levels;
    private final OrderIdIndex orderSlotById;
    private final Ledger ledger;
    private final PendingTransfers pending;
    private final TransferIds transferIds;
    private final Traders traders;
    private final Listings listings;
    private final ClientOrderIds clientOrderIds;
    private final TimerHeap expiryTimers;
    private final TimerHeap pendingTimers;
    private final Int2IntHashMap instrumentSlotById = new Int2IntHashMap(-1);
    private final IntHashSet assets = new IntHashSet();
    private final Set<String> symbols = new HashSet<>();
    private int[] assetOrder = new int[16];
    private int assetCount;
    private Instrument[] instruments = new Instrument[16];
    private int instrumentCount;
    private ExpandableDirectByteBuffer hashBuffer;

    private long clockNs;
    private long orderSequence;
    /** (key, hash) pairs: the parameters-hash prefix of recent (instrument, side, type, tif) keys (0 = empty). */
    private final long[] parametersPrefixes = new long[2 << PREFIX_CACHE_BITS];
    private long tradeSequence;
    private long transferSequence;
    private long pendingSequence;

    /** The command being applied and its sink (set for the duration of {@link #apply}). */
    private EventSink sink;
    private long now;
    /** Set by a passing {@link #validatePlace}: the buyer's AVAILABLE ledger slot or the seller's listing slot. */
    private int placeFundingSlot;

    public Engine() {
        this(EngineConfig.DEFAULT);
    }

    public Engine(final EngineConfig config) {
        this.config = config;
        orders = new OrderPool(config.initialOrders());
        levels = new LevelPool(Math.max(64, config.initialOrders() / 4));
        // one 8-byte bucket per configured order: no growth until half the configured orders are open
        final int orderBuckets = Integer.highestOneBit(Math.max(16, config.initialOrders()) * 2 - 1);
        // a ring of four cells per configured order (at most 2^20 cells, 4 MB)
        orderSlotById = new OrderIdIndex(orders, Math.min(1 << 20, orderBuckets * 4), orderBuckets);
        ledger = new Ledger(config.initialAccounts() * 2);
        pending = new PendingTransfers(config.initialTransfers());
        transferIds = new TransferIds(config.initialAccounts());
        traders = new Traders(config.initialAccounts());
        listings = new Listings(config.initialAccounts());
        clientOrderIds = new ClientOrderIds(config.initialTransfers());
        expiryTimers = new TimerHeap(1024);
        pendingTimers = new TimerHeap(1024);
    }

    public EngineConfig config() {
        return config;
    }

    // ------------------------------------------------------------------------------------------------
    // apply

    /** Applies one command; its events go to {@code eventSink} before this returns. */
    public void apply(final Command command, final EventSink eventSink) {
        final CommandType type = command.type;
        sink = eventSink;
        now = command.timestampNs;
        try {
            if (type == null) {
                eventSink.onCommandRejected(now, null, command.accountId, 0, RejectReason.INVALID_COMMAND);
                return;
            }
            if (now < clockNs) {
                reject(command, type, RejectReason.CLOCK_WENT_BACKWARDS);
                return;
            }
            clockNs = now;
            switch (type) {
                case PLACE_ORDER -> placeOrder(command, CommandType.PLACE_ORDER, command.orderId, command.instrumentId,
                        command.side);
                case AMEND_ORDER -> amendOrder(command);
                case CANCEL_ORDER -> cancelOrder(command);
                case CANCEL_REPLACE -> cancelReplace(command);
                case MASS_CANCEL -> massCancel(command);
                case TIME_TICK -> timeTick();
                case ADD_ASSET -> addAsset(command);
                case ADD_INSTRUMENT -> addInstrument(command);
                case ADD_ACCOUNT -> addAccount(command);
                case CREDIT_DEPOSIT -> creditDeposit(command);
                case REQUEST_WITHDRAWAL -> requestWithdrawal(command);
                case POST_PENDING_TRANSFER, VOID_PENDING_TRANSFER -> finishPendingTransfer(command, type);
                case REGISTER_LISTING -> registerListing(command);
                case SET_EXPOSURE_LIMIT -> setExposureLimit(command);
            }
            if (config.checkInvariants()) {
                checkInvariants();
            }
        } finally {
            sink = null;
        }
    }

    private static boolean isOrderCommand(final CommandType type) {
        return type == CommandType.PLACE_ORDER || type == CommandType.AMEND_ORDER || type == CommandType.CANCEL_ORDER
                || type == CommandType.CANCEL_REPLACE;
    }

    private void reject(final Command c, final CommandType type, final RejectReason reason) {
        if (isOrderCommand(type)) {
            sink.onOrderRejected(now, type, c.instrumentId, c.orderId, c.accountId, c.clientOrderId, reason);
        } else {
            sink.onCommandRejected(now, type, c.accountId, rejectKey(c, type), reason);
        }
    }

    /** The {@code key} argument of onCommandApplied/onCommandRejected for each non-order command type. */
    private static long rejectKey(final Command c, final CommandType type) {
        return switch (type) {
            case ADD_ASSET -> c.assetId;
            case ADD_INSTRUMENT, MASS_CANCEL, REGISTER_LISTING -> c.instrumentId;
            case ADD_ACCOUNT -> c.accountId;
            case CREDIT_DEPOSIT, REQUEST_WITHDRAWAL, POST_PENDING_TRANSFER, VOID_PENDING_TRANSFER -> c.transferIdLo;
            case SET_EXPOSURE_LIMIT -> c.amount;
            case TIME_TICK -> c.timestampNs;
            default -> c.orderId;
        };
    }

    // ------------------------------------------------------------------------------------------------
    // orders

    /**
     * Hash of the parameters a client order id is bound to (a replay must repeat them exactly). Its first
     * four steps depend only on (instrument, side, order type, time in force), which places repeat, so
     * their result is kept in {@link #parametersPrefixes}.
     */
    private long parametersHash(final Command c, final int instrumentId, final Side side) {
        final int sideCode = side == null ? -1 : side.code();
        final int typeCode = c.orderType == null ? -1 : c.orderType.code();
        final int tifCode = c.timeInForce == null ? -1 : c.timeInForce.code();
        // instrument ids have 24 bits (out-of-range ones are hashed but not cached); each code 8
        final long key = instrumentId > 0 && instrumentId <= Limits.MAX_INSTRUMENT_ID
                ? (long) instrumentId << 24 | (sideCode & 0xFFL) << 16 | (typeCode & 0xFFL) << 8 | (tifCode & 0xFFL) : 0;
        final int cell = (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - PREFIX_CACHE_BITS)) * 2;
        long h;
        if (key != 0 && parametersPrefixes[cell] == key) {
            h = parametersPrefixes[cell + 1];
        } else {
            h = StateHash.mix(0x51ED2701L, instrumentId);
            h = StateHash.mix(h, sideCode);
            h = StateHash.mix(h, typeCode);
            h = StateHash.mix(h, tifCode);
            if (key != 0) {
                parametersPrefixes[cell] = key;
                parametersPrefixes[cell + 1] = h;
            }
        }
        h = StateHash.mix(h, c.priceTicks);
        h = StateHash.mix(h, c.protectionPriceTicks);
        h = StateHash.mix(h, c.quantityLots);
        h = StateHash.mix(h, c.expireAtNs);
        return StateHash.mix(h, c.stpMode == null ? -1 : c.stpMode.code());
    }

    private void placeOrder(final Command c, final CommandType commandType, final long orderId, final int instrumentId,
            final Side side) {
        final long accountId = c.accountId;
        final long clientOrderId = c.clientOrderId;
        final int traderSlot = traders.find(accountId);
        if (traderSlot < 0) {
            sink.onOrderRejected(now, commandType, instrumentId, orderId, accountId, clientOrderId,
                    RejectReason.UNKNOWN_ACCOUNT);
            return;
        }
        final int instrumentSlot = instrumentSlotById.get(instrumentId);
        if (instrumentSlot < 0) {
            sink.onOrderRejected(now, commandType, instrumentId, orderId, accountId, clientOrderId,
                    RejectReason.UNKNOWN_INSTRUMENT);
            return;
        }
        final Instrument instrument = instruments[instrumentSlot];
        long parametersHash = 0;
        if (clientOrderId != 0) {
            parametersHash = parametersHash(c, instrumentId, side);
            // an id above every id this account has used cannot be a replay: no lookup in the big index
            final int entry = clientOrderId <= traders.clientOrderIdCeiling(traderSlot)
                    ? clientOrderIds.find(traderSlot, accountId, clientOrderId) : -1;
            if (entry >= 0) {
                if (clientOrderIds.parametersHash(entry) == parametersHash) {
                    sink.onDuplicateOrder(now, instrumentId, clientOrderIds.orderId(entry), accountId, clientOrderId,
                            RejectReason.fromCode(clientOrderIds.outcome(entry)));
                } else {
                    sink.onOrderRejected(now, commandType, instrumentId, orderId, accountId, clientOrderId,
                            RejectReason.DUPLICATE_CLIENT_ORDER_ID);
                }
                return;
            }
        }
        final OrderType orderType = c.orderType;
        final TimeInForce timeInForce = c.timeInForce;
        final long priceTicks = orderType == OrderType.MARKET ? c.protectionPriceTicks : c.priceTicks;
        final RejectReason reason = validatePlace(c, instrument, traderSlot, orderId, side, priceTicks);
        if (reason != null) {
            if (clientOrderId != 0) {
                rememberClientOrderId(traderSlot, accountId, clientOrderId, orderId, instrumentId, parametersHash,
                        reason.code());
            }
            sink.onOrderRejected(now, commandType, instrumentId, orderId, accountId, clientOrderId, reason);
            return;
        }
        if (clientOrderId != 0) {
            rememberClientOrderId(traderSlot, accountId, clientOrderId, orderId, instrumentId, parametersHash, 0);
        }
        final long quantityLots = c.quantityLots;
        sink.onOrderAccepted(now, instrumentId, orderId, accountId, clientOrderId, side, orderType, timeInForce,
                priceTicks, quantityLots);

        final boolean buy = side == Side.BUY;
        final int slot = orders.allocate();
        orders.orderId(slot, orderId);
        orders.accountId(slot, accountId);
        orders.clientOrderId(slot, clientOrderId);
        orders.priceTicks(slot, priceTicks);
        orders.remainingLots(slot, quantityLots);
        orders.expireAtNs(slot, c.expireAtNs);
        orders.sequence(slot, ++orderSequence);
        orders.traderSlot(slot, traderSlot);
        orders.instrumentSlot(slot, instrumentSlot);
        orders.side(slot, side.code());
        orders.timeInForce(slot, timeInForce.code());
        orders.stpMode(slot, c.stpMode.code());
        orderSlotById.put(orderId, slot);
        if (buy) {
            final int available = placeFundingSlot;
            final int asset = instrument.quoteAssetId;
            final int hold;
            if (traders.cachedQuoteAssetId(traderSlot) == asset) {
                hold = traders.cachedHoldSlot(traderSlot);
            } else {
                hold = ledger.open(accountId, asset, AccountPurpose.HOLD);
                traders.cachedQuoteAssetId(traderSlot, asset);
                traders.cachedAvailableSlot(traderSlot, available);
                traders.cachedHoldSlot(traderSlot, hold);
            }
            if (hold != Ledger.holdCellOf(available)) {
                throw new IllegalStateException("HOLD account not paired with AVAILABLE for account " + accountId);
            }
            final long holdAmount = instrument.buyHold(priceTicks, quantityLots);
            orders.fundingSlot(slot, available);
            orders.heldAmount(slot, holdAmount);
            holdTransfer(accountId, asset, available, holdAmount, true);
        } else {
            final int listing = placeFundingSlot;
            orders.fundingSlot(slot, listing);
            orders.heldAmount(slot, 0);
            listings.addReserved(listing, quantityLots);
            traders.addExposureUsed(traderSlot, instrument.notional(priceTicks, quantityLots));
        }
        matchIncoming(slot, instrument, orderType == OrderType.LIMIT && timeInForce.rests());
    }

    private void rememberClientOrderId(final int traderSlot, final long accountId, final long clientOrderId,
            final long orderId, final int instrumentId, final long parametersHash, final int outcomeCode) {
        final boolean ascending = clientOrderId > traders.clientOrderIdCeiling(traderSlot);
        clientOrderIds.add(traderSlot, ascending, accountId, clientOrderId, orderId, instrumentId, parametersHash,
                outcomeCode);
        if (ascending) {
            traders.clientOrderIdCeiling(traderSlot, clientOrderId);
        }
    }

    /** @return the rejection of a place, or null when it passes (checks in documented order). */
    private RejectReason validatePlace(final Command c, final Instrument instrument, final int traderSlot,
            final long orderId, final Side side, final long priceTicks) {
        final OrderType orderType = c.orderType;
        final TimeInForce timeInForce = c.timeInForce;
        if (side == null || orderType == null || timeInForce == null || c.stpMode == null
                || (orderType == OrderType.MARKET && timeInForce != TimeInForce.IOC && timeInForce != TimeInForce.FOK)) {
            return RejectReason.INVALID_ORDER_PARAMETERS;
        }
        if (priceTicks <= 0) {
            return orderType == OrderType.MARKET ? RejectReason.MISSING_PROTECTION_PRICE
                    : RejectReason.INVALID_PRICE_TICK;
        }
        if (priceTicks < instrument.minPriceTicks || priceTicks > instrument.maxPriceTicks) {
            return RejectReason.PRICE_OUT_OF_BAND;
        }
        final long quantityLots = c.quantityLots;
        if (quantityLots < instrument.minQuantityLots) {
            return RejectReason.QUANTITY_BELOW_MIN;
        }
        if (quantityLots > instrument.maxQuantityLots) {
            return RejectReason.QUANTITY_ABOVE_MAX;
        }
        if (timeInForce == TimeInForce.GTD ? c.expireAtNs <= now : c.expireAtNs != 0) {
            return RejectReason.INVALID_EXPIRY;
        }
        if (orderId <= 0) {
            return RejectReason.INVALID_ID;
        }
        if (orderSlotById.get(orderId) != OrderIdIndex.MISSING) {
            return RejectReason.DUPLICATE_ORDER_ID;
        }
        if (orders.liveCount() >= config.maxOpenOrders()) {
            return RejectReason.ENGINE_LIMIT;
        }
        final boolean buy = side == Side.BUY;
        if (timeInForce == TimeInForce.ALO && crosses(instrument, buy, priceTicks)) {
            return RejectReason.POST_ONLY_WOULD_TAKE;
        }
        if (timeInForce == TimeInForce.FOK
                && fillableLots(instrument, buy, priceTicks, quantityLots, c.accountId, c.stpMode) < quantityLots) {
            return RejectReason.FOK_NOT_FILLABLE;
        }
        final long accountId = c.accountId;
        if (buy) {
            final int asset = instrument.quoteAssetId;
            final int available = traders.cachedQuoteAssetId(traderSlot) == asset
                    ? traders.cachedAvailableSlot(traderSlot)
                    : ledger.find(accountId, asset, AccountPurpose.AVAILABLE);
            if (available < 0 || ledger.available(available) < instrument.buyHold(priceTicks, quantityLots)) {
                return RejectReason.INSUFFICIENT_FUNDS;
            }
            placeFundingSlot = available;
        } else {
            int listing = traders.cachedListingSlot(traderSlot);
            if (traders.cachedListingInstrumentId(traderSlot) != instrument.instrumentId) {
                listing = listings.find(accountId, instrument.instrumentId);
                if (listing < 0) {
                    return RejectReason.NO_LISTING;
                }
                traders.cachedListingInstrumentId(traderSlot, instrument.instrumentId);
                traders.cachedListingSlot(traderSlot, listing);
            }
            if (listings.free(listing) < quantityLots) {
                return RejectReason.INSUFFICIENT_CAPACITY;
            }
            if (traders.exposureUsed(traderSlot) + instrument.notional(priceTicks, quantityLots)
                    > traders.exposureLimit(traderSlot)) {
                return RejectReason.EXPOSURE_LIMIT;
            }
            placeFundingSlot = listing;
        }
        return null;
    }

    /** @return true when an order of this side at {@code priceTicks} would trade with the opposite best. */
    private static boolean crosses(final Instrument instrument, final boolean buy, final long priceTicks) {
        final BookSide opposite = instrument.side(!buy);
        if (opposite.isEmpty()) {
            return false;
        }
        final long best = opposite.bestPrice();
        return buy ? best <= priceTicks : best >= priceTicks;
    }

    /**
     * How much an incoming order could fill now, as matching would: with STP NONE every crossing
     * order counts; EXPIRE_MAKER skips the account's own orders; the other modes stop at the first own
     * order (matching would stop or stop trading there).
     */
    private long fillableLots(final Instrument instrument, final boolean buy, final long limitPrice,
            final long wantedLots, final long accountId, final StpMode stpMode) {
        final BookSide opposite = instrument.side(!buy);
        long fillable = 0;
        for (int depth = 0; depth < opposite.size() && fillable < wantedLots; depth++) {
            final long price = opposite.priceAtDepth(depth);
            if (buy ? price > limitPrice : price < limitPrice) {
                break;
            }
            final int level = opposite.levelAtDepth(depth);
            if (stpMode == StpMode.NONE) {
                fillable += levels.totalLots(level);
                continue;
            }
            for (int o = levels.head(level); o != NIL && fillable < wantedLots; o = orders.next(o)) {
                if (orders.accountId(o) == accountId) {
                    if (stpMode == StpMode.EXPIRE_MAKER) {
                        continue;
                    }
                    return fillable;
                }
                fillable += orders.remainingLots(o);
            }
        }
        return fillable;
    }

    /**
     * Matches the order in {@code slot} (not on the book) against the opposite side, then rests its
     * rest ({@code mayRest}) or cancels it.
     */
    private void matchIncoming(final int slot, final Instrument instrument, final boolean mayRest) {
        final boolean buy = orders.side(slot) == 0;
        final BookSide opposite = instrument.side(!buy);
        final long limit = orders.priceTicks(slot);
        final long takerAccount = orders.accountId(slot);
        final StpMode stpMode = StpMode.fromCode(orders.stpMode(slot));
        boolean takerExpired = false;
        match:
        while (orders.remainingLots(slot) > 0 && !opposite.isEmpty()) {
            final long levelPrice = opposite.bestPrice();
            if (buy ? levelPrice > limit : levelPrice < limit) {
                break;
            }
            final int level = opposite.bestLevel();
            int maker = levels.head(level);
            while (maker != NIL && orders.remainingLots(slot) > 0) {
                final int nextMaker = orders.next(maker);
                if (stpMode != StpMode.NONE && orders.accountId(maker) == takerAccount) {
                    final long takerLots = orders.remainingLots(slot);
                    switch (stpMode) {
                        case EXPIRE_TAKER -> {
                            sink.onSelfTradePrevented(now, instrument.instrumentId, orders.orderId(slot),
                                    orders.orderId(maker), takerAccount, stpMode, takerLots);
                            takerExpired = true;
                            break match;
                        }
                        case EXPIRE_MAKER -> {
                            sink.onSelfTradePrevented(now, instrument.instrumentId, orders.orderId(slot),
                                    orders.orderId(maker), takerAccount, stpMode, orders.remainingLots(maker));
                            removeResting(maker, CancelReason.SELF_TRADE, false);
                        }
                        case EXPIRE_BOTH -> {
                            sink.onSelfTradePrevented(now, instrument.instrumentId, orders.orderId(slot),
                                    orders.orderId(maker), takerAccount, stpMode, takerLots);
                            removeResting(maker, CancelReason.SELF_TRADE, false);
                            takerExpired = true;
                            break match;
                        }
                        default -> { // DECREMENT
                            final long makerLots = orders.remainingLots(maker);
                            final long decrement = Math.min(makerLots, takerLots);
                            sink.onSelfTradePrevented(now, instrument.instrumentId, orders.orderId(slot),
                                    orders.orderId(maker), takerAccount, stpMode, decrement);
                            if (decrement == makerLots) {
                                removeResting(maker, CancelReason.SELF_TRADE, false);
                            } else {
                                reduceResting(maker, instrument, makerLots - decrement);
                            }
                            setRemaining(slot, instrument, takerLots - decrement);
                            if (takerLots == decrement) {
                                takerExpired = true;
                                break match;
                            }
                        }
                    }
                } else {
                    trade(slot, maker, level, instrument);
                }
                maker = nextMaker;
            }
        }
        if (takerExpired) {
            cancelUnrested(slot, instrument, CancelReason.SELF_TRADE);
        } else if (orders.remainingLots(slot) == 0) {
            if (orders.level(slot) == NIL && isListed(slot)) {
                unlinkAccount(slot);
            }
            orderSlotById.remove(orders.orderId(slot));
            orders.free(slot);
        } else if (mayRest) {
            rest(slot, instrument);
        } else {
            cancelUnrested(slot, instrument, CancelReason.UNFILLED);
        }
    }

    /** One fill between the incoming {@code taker} and the resting {@code maker} at the maker's price. */
    private void trade(final int taker, final int maker, final int level, final Instrument instrument) {
        final long takerLots = orders.remainingLots(taker);
        final long makerLots = orders.remainingLots(maker);
        final long lots = Math.min(takerLots, makerLots);
        final long price = orders.priceTicks(maker);
        final long notional = instrument.notional(price, lots);
        final boolean takerBuys = orders.side(taker) == 0;
        final int buyer = takerBuys ? taker : maker;
        final int seller = takerBuys ? maker : taker;
        final long buyerFee = Instrument.fee(notional, takerBuys ? instrument.buyerTakerFeeBps : instrument.buyerMakerFeeBps);
        final long sellerFee = Instrument.fee(notional, takerBuys ? instrument.makerFeeBps : instrument.takerFeeBps);
        final long takerLeft = takerLots - lots;
        final long makerLeft = makerLots - lots;
        orders.remainingLots(taker, takerLeft);
        orders.remainingLots(maker, makerLeft);
        levels.totalLots(level, levels.totalLots(level) - (lots));
        final long settlementLo = ++transferSequence;
        final long feeLo = ++transferSequence;
        final long buyerAccount = orders.accountId(buyer);
        final long sellerAccount = orders.accountId(seller);
        sink.onTrade(now, instrument.instrumentId, ++tradeSequence, orders.orderId(maker), orders.accountId(maker),
                orders.orderId(taker), orders.accountId(taker), takerBuys ? Side.BUY : Side.SELL, price, lots,
                makerLeft, takerLeft, notional, buyerFee, sellerFee, HI, settlementLo);

        // the buyer's held funds become a pending settlement to the seller plus a linked pending fee
        final int asset = instrument.quoteAssetId;
        final int buyerHold = holdSlot(buyer);
        // both accounts are opened (created) on first use in this order; later fills find them cached
        final int sellerTrader = orders.traderSlot(seller);
        final int sellerAvailable;
        if (traders.cachedProceedsAssetId(sellerTrader) == asset) {
            sellerAvailable = traders.cachedProceedsSlot(sellerTrader);
        } else {
            sellerAvailable = ledger.open(sellerAccount, asset, AccountPurpose.AVAILABLE);
            traders.cachedProceedsAssetId(sellerTrader, asset);
            traders.cachedProceedsSlot(sellerTrader, sellerAvailable);
        }
        int fees = instrument.feesLedgerSlot;
        if (fees < 0) {
            fees = ledger.open(Limits.FEE_OWNER, asset, AccountPurpose.FEES);
            instrument.feesLedgerSlot = fees;
        }
        final long sellerProceeds = notional - sellerFee;
        final long feeTotal = buyerFee + sellerFee;
        final long sequence = ++pendingSequence;
        final long timeoutAt = instrument.settlementTimeoutNs > 0 ? now + instrument.settlementTimeoutNs : 0;
        final int pendingSlot = pending.add(HI, settlementLo, TransferKind.SETTLEMENT, buyerHold, sellerAvailable,
                sellerProceeds, sequence, timeoutAt, fees, feeTotal, sellerTrader, notional);
        ledger.reservePending(buyerHold, sellerAvailable, sellerProceeds);
        ledger.reservePending(buyerHold, fees, feeTotal);
        if (timeoutAt > 0) {
            pendingTimers.push(timeoutAt, sequence, pendingSlot);
        }
        sink.onTransfer(now, HI, settlementLo, buyerAccount, AccountPurpose.HOLD, sellerAccount,
                AccountPurpose.AVAILABLE, asset, sellerProceeds, TransferKind.SETTLEMENT, TransferFlags.PENDING);
        sink.onTransfer(now, HI, feeLo, buyerAccount, AccountPurpose.HOLD, Limits.FEE_OWNER, AccountPurpose.FEES,
                asset, feeTotal, TransferKind.FEE, TransferFlags.PENDING | TransferFlags.LINKED);

        // buyer: what stays held must cover exactly the rest at its limit price
        orders.heldAmount(buyer, orders.heldAmount(buyer) - (notional + buyerFee));
        rebalanceHold(buyer, instrument);
        // seller: capacity sold, exposure moves from the open order to the unsettled sale
        final int listing = orders.fundingSlot(seller);
        listings.sell(listing, lots);
        traders.addExposureUsed(sellerTrader, notional - instrument.notional(orders.priceTicks(seller), lots));

        if (makerLeft == 0) {
            unlinkFromLevel(maker, instrument);
            unlinkAccount(maker);
            orderSlotById.remove(orders.orderId(maker));
            orders.free(maker);
        } else {
            emitLevel(instrument, !takerBuys, level);
        }
    }

    /** Releases from a buy order's hold whatever exceeds what its remaining quantity needs. */
    private void rebalanceHold(final int slot, final Instrument instrument) {
        final long target = instrument.buyHold(orders.priceTicks(slot), orders.remainingLots(slot));
        final long excess = orders.heldAmount(slot) - target;
        if (excess < 0) {
            throw new IllegalStateException("buy hold below requirement for order " + orders.orderId(slot));
        }
        if (excess > 0) {
            orders.heldAmount(slot, target);
            holdTransfer(orders.accountId(slot), instrument.quoteAssetId, orders.fundingSlot(slot), excess, false);
        }
    }

    /** Changes an order's remaining quantity (not on a level) and its reservation accordingly. */
    private void setRemaining(final int slot, final Instrument instrument, final long newLots) {
        final long oldLots = orders.remainingLots(slot);
        orders.remainingLots(slot, newLots);
        if (orders.side(slot) == 0) {
            rebalanceHold(slot, instrument);
        } else {
            final long released = oldLots - newLots;
            listings.addReserved(orders.fundingSlot(slot), -released);
            traders.addExposureUsed(orders.traderSlot(slot),
                    -instrument.notional(orders.priceTicks(slot), released));
        }
    }

    /** Reduces a resting order in place (keeps its priority) and publishes its level. */
    private void reduceResting(final int slot, final Instrument instrument, final long newLots) {
        final int level = orders.level(slot);
        levels.totalLots(level, levels.totalLots(level) - (orders.remainingLots(slot) - newLots));
        setRemaining(slot, instrument, newLots);
        emitLevel(instrument, orders.side(slot) == 0, level);
    }

    private void releaseAll(final int slot, final Instrument instrument) {
        setRemaining(slot, instrument, 0);
    }

    /** Removes a resting order (cancel, STP, expiry): event, level update, reservation release. */
    private void removeResting(final int slot, final CancelReason reason, final boolean expired) {
        final Instrument instrument = instruments[orders.instrumentSlot(slot)];
        final long lots = orders.remainingLots(slot);
        if (expired) {
            sink.onOrderExpired(now, instrument.instrumentId, orders.orderId(slot), orders.accountId(slot), lots);
        } else {
            sink.onOrderCancelled(now, instrument.instrumentId, orders.orderId(slot), orders.accountId(slot), lots,
                    reason);
        }
        unlinkFromLevel(slot, instrument);
        releaseAll(slot, instrument);
        unlinkAccount(slot);
        orderSlotById.remove(orders.orderId(slot));
        orders.free(slot);
    }

    /** Cancels an order that is not on a level (incoming taker, or an amended order being re-matched). */
    private void cancelUnrested(final int slot, final Instrument instrument, final CancelReason reason) {
        sink.onOrderCancelled(now, instrument.instrumentId, orders.orderId(slot), orders.accountId(slot),
                orders.remainingLots(slot), reason);
        releaseAll(slot, instrument);
        if (isListed(slot)) {
            unlinkAccount(slot);
        }
        orderSlotById.remove(orders.orderId(slot));
        orders.free(slot);
    }

    /** Puts the order at the tail of its price level, and on its account's list if not there yet. */
    private void rest(final int slot, final Instrument instrument) {
        final boolean buy = orders.side(slot) == 0;
        final BookSide side = instrument.side(buy);
        final long price = orders.priceTicks(slot);
        int level = side.find(price);
        if (level == NIL) {
            level = levels.allocate(price);
            side.insert(price, level);
        }
        final int tail = levels.tail(level);
        orders.prev(slot, tail);
        orders.next(slot, NIL);
        if (tail == NIL) {
            levels.head(level, slot);
        } else {
            orders.next(tail, slot);
        }
        levels.tail(level, slot);
        levels.totalLots(level, levels.totalLots(level) + (orders.remainingLots(slot)));
        levels.orderCount(level, levels.orderCount(level) + 1);
        orders.level(slot, level);
        emitLevel(instrument, buy, level);
        if (!isListed(slot)) {
            final int trader = orders.traderSlot(slot);
            final int accountTail = traders.orderTail(trader);
            orders.accountPrev(slot, accountTail);
            orders.accountNext(slot, NIL);
            if (accountTail == NIL) {
                traders.orderHead(trader, slot);
            } else {
                orders.accountNext(accountTail, slot);
            }
            traders.orderTail(trader, slot);
            orders.onAccountList(slot, true);
            if (orders.timeInForce(slot) == TimeInForce.GTD.code()) {
                expiryTimers.push(orders.expireAtNs(slot), orders.sequence(slot), slot);
            }
        }
    }

    /** A buy order's HOLD ledger cell: the one paired with its AVAILABLE (funding) cell. */
    private int holdSlot(final int slot) {
        return Ledger.holdCellOf(orders.fundingSlot(slot));
    }

    private boolean isListed(final int slot) {
        return orders.onAccountList(slot);
    }

    private void unlinkAccount(final int slot) {
        final int trader = orders.traderSlot(slot);
        final int prev = orders.accountPrev(slot);
        final int next = orders.accountNext(slot);
        if (prev == NIL) {
            traders.orderHead(trader, next);
        } else {
            orders.accountNext(prev, next);
        }
        if (next == NIL) {
            traders.orderTail(trader, prev);
        } else {
            orders.accountPrev(next, prev);
        }
        orders.accountPrev(slot, NIL);
        orders.accountNext(slot, NIL);
        orders.onAccountList(slot, false);
    }

    /** Takes a resting order off its level (removing an emptied level) and publishes the level. */
    private void unlinkFromLevel(final int slot, final Instrument instrument) {
        final int level = orders.level(slot);
        final boolean buy = orders.side(slot) == 0;
        final int prev = orders.prev(slot);
        final int next = orders.next(slot);
        if (prev == NIL) {
            levels.head(level, next);
        } else {
            orders.next(prev, next);
        }
        if (next == NIL) {
            levels.tail(level, prev);
        } else {
            orders.prev(next, prev);
        }
        levels.totalLots(level, levels.totalLots(level) - (orders.remainingLots(slot)));
        levels.orderCount(level, levels.orderCount(level) - 1);
        orders.level(slot, NIL);
        orders.prev(slot, NIL);
        orders.next(slot, NIL);
        emitLevel(instrument, buy, level);
        if (levels.orderCount(level) == 0) {
            instrument.side(buy).remove(levels.priceTicks(level));
            levels.free(level);
        }
    }

    private void emitLevel(final Instrument instrument, final boolean buy, final int level) {
        sink.onBookLevel(now, instrument.instrumentId, buy ? Side.BUY : Side.SELL, levels.priceTicks(level),
                levels.totalLots(level), levels.orderCount(level));
    }

    /** @return the slot of an open order owned by the command's account, or -1 after rejecting. */
    private int ownedOrder(final Command c, final CommandType type) {
        final int slot = orderSlotById.get(c.orderId);
        if (slot < 0) {
            sink.onOrderRejected(now, type, c.instrumentId, c.orderId, c.accountId, c.clientOrderId,
                    RejectReason.UNKNOWN_ORDER);
            return -1;
        }
        if (orders.accountId(slot) != c.accountId) {
            sink.onOrderRejected(now, type, c.instrumentId, c.orderId, c.accountId, c.clientOrderId,
                    RejectReason.NOT_ORDER_OWNER);
            return -1;
        }
        return slot;
    }

    private void cancelOrder(final Command c) {
        final int slot = ownedOrder(c, CommandType.CANCEL_ORDER);
        if (slot >= 0) {
            removeResting(slot, CancelReason.USER, false);
        }
    }

    private void cancelReplace(final Command c) {
        final int slot = ownedOrder(c, CommandType.CANCEL_REPLACE);
        if (slot < 0) {
            return;
        }
        final Instrument instrument = instruments[orders.instrumentSlot(slot)];
        final Side side = orders.side(slot) == 0 ? Side.BUY : Side.SELL;
        removeResting(slot, CancelReason.REPLACED, false);
        placeOrder(c, CommandType.CANCEL_REPLACE, c.newOrderId, instrument.instrumentId, side);
    }

    private void amendOrder(final Command c) {
        final int slot = ownedOrder(c, CommandType.AMEND_ORDER);
        if (slot < 0) {
            return;
        }
        // every field of the order and the command is read once here and passed on
        final Instrument instrument = instruments[orders.instrumentSlot(slot)];
        final long newPrice = c.priceTicks;
        final long newLots = c.quantityLots;
        final long oldPrice = orders.priceTicks(slot);
        final long oldLots = orders.remainingLots(slot);
        final boolean buy = orders.side(slot) == 0;
        final long newHold = buy ? instrument.buyHold(newPrice, newLots) : 0;
        final RejectReason reason = validateAmend(slot, instrument, buy, oldPrice, oldLots, newPrice, newLots, newHold);
        if (reason != null) {
            sink.onOrderRejected(now, CommandType.AMEND_ORDER, instrument.instrumentId, c.orderId, c.accountId,
                    c.clientOrderId, reason);
            return;
        }
        final long orderId = c.orderId;
        final long accountId = c.accountId;
        if (newPrice == oldPrice && newLots < oldLots) {
            sink.onOrderAmended(now, instrument.instrumentId, orderId, accountId, newPrice, newLots, true);
            reduceResting(slot, instrument, newLots);
            return;
        }
        sink.onOrderAmended(now, instrument.instrumentId, orderId, accountId, newPrice, newLots, false);
        unlinkFromLevel(slot, instrument);
        if (buy) {
            final long delta = newHold - orders.heldAmount(slot);
            orders.heldAmount(slot, newHold);
            if (delta > 0) {
                holdTransfer(accountId, instrument.quoteAssetId, orders.fundingSlot(slot), delta, true);
            } else if (delta < 0) {
                holdTransfer(accountId, instrument.quoteAssetId, orders.fundingSlot(slot), -delta, false);
            }
        } else {
            if (newLots != oldLots) {
                listings.addReserved(orders.fundingSlot(slot), newLots - oldLots);
            }
            traders.addExposureUsed(orders.traderSlot(slot),
                    instrument.notional(newPrice, newLots) - instrument.notional(oldPrice, oldLots));
        }
        orders.priceTicks(slot, newPrice);
        orders.remainingLots(slot, newLots);
        matchIncoming(slot, instrument, true);
    }

    /** @param newHold what a buy would hold after the amend (0 for sells) */
    private RejectReason validateAmend(final int slot, final Instrument instrument, final boolean buy,
            final long oldPrice, final long oldLots, final long newPrice, final long newLots, final long newHold) {
        if (newPrice <= 0) {
            return RejectReason.INVALID_PRICE_TICK;
        }
        if (newPrice < instrument.minPriceTicks || newPrice > instrument.maxPriceTicks) {
            return RejectReason.PRICE_OUT_OF_BAND;
        }
        if (newLots < instrument.minQuantityLots) {
            return RejectReason.QUANTITY_BELOW_MIN;
        }
        if (newLots > instrument.maxQuantityLots) {
            return RejectReason.QUANTITY_ABOVE_MAX;
        }
        if (newPrice == oldPrice && newLots == oldLots) {
            return RejectReason.AMEND_NO_CHANGE;
        }
        if (newPrice != oldPrice && orders.timeInForce(slot) == TimeInForce.ALO.code()
                && crosses(instrument, buy, newPrice)) {
            return RejectReason.POST_ONLY_WOULD_TAKE;
        }
        if (buy) {
            final long extra = newHold - orders.heldAmount(slot);
            if (extra > 0 && ledger.available(orders.fundingSlot(slot)) < extra) {
                return RejectReason.INSUFFICIENT_FUNDS;
            }
        } else {
            if (newLots > oldLots && listings.free(orders.fundingSlot(slot)) < newLots - oldLots) {
                return RejectReason.INSUFFICIENT_CAPACITY;
            }
            final int trader = orders.traderSlot(slot);
            final long delta = instrument.notional(newPrice, newLots) - instrument.notional(oldPrice, oldLots);
            if (delta > 0 && traders.exposureUsed(trader) + delta > traders.exposureLimit(trader)) {
                return RejectReason.EXPOSURE_LIMIT;
            }
        }
        return null;
    }

    private void massCancel(final Command c) {
        final int trader = traders.find(c.accountId);
        if (trader < 0) {
            reject(c, CommandType.MASS_CANCEL, RejectReason.UNKNOWN_ACCOUNT);
            return;
        }
        final int instrumentId = c.instrumentId;
        int instrumentSlot = NIL;
        if (instrumentId != 0) {
            instrumentSlot = instrumentSlotById.get(instrumentId);
            if (instrumentSlot < 0) {
                reject(c, CommandType.MASS_CANCEL, RejectReason.UNKNOWN_INSTRUMENT);
                return;
            }
        }
        int slot = traders.orderHead(trader);
        int bound = orders.liveCount();
        while (slot != NIL) {
            if (bound-- < 0) {
                throw new IllegalStateException("account order list longer than the pool");
            }
            final int next = orders.accountNext(slot);
            if (instrumentSlot == NIL || orders.instrumentSlot(slot) == instrumentSlot) {
                removeResting(slot, CancelReason.MASS_CANCEL, false);
            }
            slot = next;
        }
        sink.onCommandApplied(now, CommandType.MASS_CANCEL, c.accountId, instrumentId);
    }

    private void timeTick() {
        int bound = expiryTimers.size();
        while (!expiryTimers.isEmpty() && expiryTimers.peekDeadline() <= now && bound-- > 0) {
            final int slot = expiryTimers.peekRef();
            final long sequence = expiryTimers.peekSequence();
            expiryTimers.pop();
            if (orders.live(slot) && orders.sequence(slot) == sequence) {
                removeResting(slot, null, true);
            }
        }
        bound = pendingTimers.size();
        while (!pendingTimers.isEmpty() && pendingTimers.peekDeadline() <= now && bound-- > 0) {
            final int slot = pendingTimers.peekRef();
            final long sequence = pendingTimers.peekSequence();
            pendingTimers.pop();
            if (pending.live(slot) && pending.sequence(slot) == sequence) {
                voidPending(slot, TransferFlags.TIMEOUT);
            }
        }
        sink.onCommandApplied(now, CommandType.TIME_TICK, 0, now);
    }

    // ------------------------------------------------------------------------------------------------
    // ledger

    /** A posted transfer between two ledger slots with a fresh engine transfer id. */
    /**
     * A posted transfer between a trader's AVAILABLE cell and its paired HOLD cell: ORDER_HOLD
     * ({@code toHold}) or HOLD_RELEASE. The caller knows owner and asset, so the event needs no read of
     * the ledger's account metadata.
     */
    private void holdTransfer(final long owner, final int asset, final int available, final long amount,
            final boolean toHold) {
        final int hold = Ledger.holdCellOf(available);
        if (toHold) {
            ledger.post(available, hold, amount);
            sink.onTransfer(now, HI, ++transferSequence, owner, AccountPurpose.AVAILABLE, owner, AccountPurpose.HOLD,
                    asset, amount, TransferKind.ORDER_HOLD, TransferFlags.POSTED);
        } else {
            ledger.post(hold, available, amount);
            sink.onTransfer(now, HI, ++transferSequence, owner, AccountPurpose.HOLD, owner, AccountPurpose.AVAILABLE,
                    asset, amount, TransferKind.HOLD_RELEASE, TransferFlags.POSTED);
        }
    }

    private void postTransfer(final int debit, final int credit, final long amount, final TransferKind kind) {
        ledger.post(debit, credit, amount);
        sink.onTransfer(now, HI, ++transferSequence, ledger.owner(debit), ledger.purposeOf(debit), ledger.owner(credit),
                ledger.purposeOf(credit), ledger.assetId(debit), amount, kind, TransferFlags.POSTED);
    }

    private RejectReason validateExternalTransfer(final Command c) {
        if ((c.transferIdHi == 0 && c.transferIdLo == 0) || c.transferIdHi == HI) {
            return RejectReason.INVALID_TRANSFER_ID;
        }
        if (transferIds.contains(c.transferIdHi, c.transferIdLo)) {
            return RejectReason.DUPLICATE_TRANSFER_ID;
        }
        if (c.chainId <= 0) {
            return RejectReason.INVALID_ID;
        }
        if (traders.find(c.accountId) < 0) {
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

    private void creditDeposit(final Command c) {
        final RejectReason reason = validateExternalTransfer(c);
        if (reason != null) {
            reject(c, CommandType.CREDIT_DEPOSIT, reason);
            return;
        }
        transferIds.add(c.transferIdHi, c.transferIdLo);
        final int omnibus = ledger.open(c.chainId, c.assetId, AccountPurpose.OMNIBUS);
        final int available = ledger.open(c.accountId, c.assetId, AccountPurpose.AVAILABLE);
        ledger.post(omnibus, available, c.amount);
        sink.onTransfer(now, c.transferIdHi, c.transferIdLo, c.chainId, AccountPurpose.OMNIBUS, c.accountId,
                AccountPurpose.AVAILABLE, c.assetId, c.amount, TransferKind.DEPOSIT, TransferFlags.POSTED);
        sink.onCommandApplied(now, CommandType.CREDIT_DEPOSIT, c.accountId, c.transferIdLo);
    }

    private void requestWithdrawal(final Command c) {
        RejectReason reason = validateExternalTransfer(c);
        if (reason == null && (c.timeoutNs < 0 || c.timeoutNs > Long.MAX_VALUE - now)) {
            reason = RejectReason.INVALID_AMOUNT;
        }
        final int available = ledger.find(c.accountId, c.assetId, AccountPurpose.AVAILABLE);
        if (reason == null && (available < 0 || ledger.available(available) < c.amount)) {
            reason = RejectReason.INSUFFICIENT_FUNDS;
        }
        if (reason != null) {
            reject(c, CommandType.REQUEST_WITHDRAWAL, reason);
            return;
        }
        transferIds.add(c.transferIdHi, c.transferIdLo);
        final int omnibus = ledger.open(c.chainId, c.assetId, AccountPurpose.OMNIBUS);
        final long sequence = ++pendingSequence;
        final long timeoutAt = c.timeoutNs > 0 ? now + c.timeoutNs : 0;
        final int slot = pending.add(c.transferIdHi, c.transferIdLo, TransferKind.WITHDRAWAL, available, omnibus,
                c.amount, sequence, timeoutAt);
        ledger.reservePending(available, omnibus, c.amount);
        if (timeoutAt > 0) {
            pendingTimers.push(timeoutAt, sequence, slot);
        }
        sink.onTransfer(now, c.transferIdHi, c.transferIdLo, c.accountId, AccountPurpose.AVAILABLE, c.chainId,
                AccountPurpose.OMNIBUS, c.assetId, c.amount, TransferKind.WITHDRAWAL, TransferFlags.PENDING);
        sink.onCommandApplied(now, CommandType.REQUEST_WITHDRAWAL, c.accountId, c.transferIdLo);
    }

    private void finishPendingTransfer(final Command c, final CommandType type) {
        final int slot = pending.find(c.transferIdHi, c.transferIdLo);
        if (slot < 0) {
            reject(c, type, RejectReason.PENDING_TRANSFER_NOT_FOUND);
            return;
        }
        if (type == CommandType.POST_PENDING_TRANSFER) {
            postPending(slot);
        } else {
            voidPending(slot, 0);
        }
        sink.onCommandApplied(now, type, c.accountId, c.transferIdLo);
    }

    private void postPending(final int slot) {
        final int debit = pending.debitSlot(slot);
        final int credit = pending.creditSlot(slot);
        final long amount = pending.amount(slot);
        final TransferKind kind = pending.kindOf(slot);
        ledger.postPending(debit, credit, amount);
        sink.onTransfer(now, pending.idHi(slot), pending.idLo(slot), ledger.owner(debit), ledger.purposeOf(debit),
                ledger.owner(credit), ledger.purposeOf(credit), ledger.assetId(debit), amount, kind,
                TransferFlags.POST_PENDING);
        if (kind == TransferKind.SETTLEMENT) {
            final int fees = pending.feeCreditSlot(slot);
            ledger.postPending(debit, fees, pending.feeAmount(slot));
            sink.onTransfer(now, pending.idHi(slot), pending.idLo(slot) + 1, ledger.owner(debit),
                    ledger.purposeOf(debit), ledger.owner(fees), AccountPurpose.FEES, ledger.assetId(debit),
                    pending.feeAmount(slot), TransferKind.FEE, TransferFlags.POST_PENDING | TransferFlags.LINKED);
            traders.addExposureUsed(pending.sellerTraderSlot(slot), -pending.grossNotional(slot));
        }
        pending.remove(slot);
    }

    private void voidPending(final int slot, final int extraFlags) {
        final int debit = pending.debitSlot(slot);
        final int credit = pending.creditSlot(slot);
        final long amount = pending.amount(slot);
        final TransferKind kind = pending.kindOf(slot);
        ledger.voidPending(debit, credit, amount);
        sink.onTransfer(now, pending.idHi(slot), pending.idLo(slot), ledger.owner(debit), ledger.purposeOf(debit),
                ledger.owner(credit), ledger.purposeOf(credit), ledger.assetId(debit), amount, kind,
                TransferFlags.VOID_PENDING | extraFlags);
        if (kind == TransferKind.SETTLEMENT) {
            final int fees = pending.feeCreditSlot(slot);
            final long feeAmount = pending.feeAmount(slot);
            ledger.voidPending(debit, fees, feeAmount);
            sink.onTransfer(now, pending.idHi(slot), pending.idLo(slot) + 1, ledger.owner(debit),
                    ledger.purposeOf(debit), ledger.owner(fees), AccountPurpose.FEES, ledger.assetId(debit),
                    feeAmount, TransferKind.FEE, TransferFlags.VOID_PENDING | TransferFlags.LINKED | extraFlags);
            traders.addExposureUsed(pending.sellerTraderSlot(slot), -pending.grossNotional(slot));
            // refund: the buyer's released funds go back from HOLD to AVAILABLE
            final int buyerAvailable = ledger.open(ledger.owner(debit), ledger.assetId(debit), AccountPurpose.AVAILABLE);
            postTransfer(debit, buyerAvailable, amount + feeAmount, TransferKind.HOLD_RELEASE);
        }
        pending.remove(slot);
    }

    // ------------------------------------------------------------------------------------------------
    // reference data

    private void addAsset(final Command c) {
        final int assetId = c.assetId;
        if (assetId <= 0 || assetId > Limits.MAX_ASSET_ID) {
            reject(c, CommandType.ADD_ASSET, RejectReason.INVALID_ID);
        } else if (assets.contains(assetId)) {
            reject(c, CommandType.ADD_ASSET, RejectReason.ASSET_EXISTS);
        } else {
            registerAsset(assetId);
            sink.onCommandApplied(now, CommandType.ADD_ASSET, c.accountId, assetId);
        }
    }

    private void registerAsset(final int assetId) {
        assets.add(assetId);
        if (assetCount == assetOrder.length) {
            assetOrder = Arrays.copyOf(assetOrder, assetCount * 2);
        }
        assetOrder[assetCount++] = assetId;
    }

    private void addAccount(final Command c) {
        final long accountId = c.accountId;
        if (accountId <= 0 || accountId > Limits.MAX_ACCOUNT_ID) {
            reject(c, CommandType.ADD_ACCOUNT, RejectReason.INVALID_ID);
        } else if (traders.find(accountId) >= 0) {
            reject(c, CommandType.ADD_ACCOUNT, RejectReason.ACCOUNT_EXISTS);
        } else {
            traders.add(accountId);
            sink.onCommandApplied(now, CommandType.ADD_ACCOUNT, accountId, accountId);
        }
    }

    private static boolean validSymbol(final String symbol) {
        if (symbol == null || symbol.isEmpty() || symbol.length() > Limits.MAX_SYMBOL_LENGTH) {
            return false;
        }
        for (int i = 0; i < symbol.length(); i++) {
            final char ch = symbol.charAt(i);
            if (ch <= ' ' || ch > '~') {
                return false;
            }
        }
        return true;
    }

    private void addInstrument(final Command c) {
        final int instrumentId = c.instrumentId;
        final RejectReason reason;
        if (instrumentId <= 0 || instrumentId > Limits.MAX_INSTRUMENT_ID) {
            reason = RejectReason.INVALID_ID;
        } else if (instrumentSlotById.get(instrumentId) >= 0 || (c.symbol != null && symbols.contains(c.symbol))) {
            reason = RejectReason.INSTRUMENT_EXISTS;
        } else if (!assets.contains(c.assetId)) {
            reason = RejectReason.UNKNOWN_ASSET;
        } else if (!validSymbol(c.symbol) || c.instrumentClass == null || c.tickValueQuoteUnits < 1
                || c.lotSizeUnits < 1 || c.minQuantityLots < 1 || c.maxQuantityLots < c.minQuantityLots
                || c.minPriceTicks < 1 || c.maxPriceTicks < c.minPriceTicks || c.makerFeeBps < 0
                || c.makerFeeBps > Limits.MAX_FEE_BPS || c.takerFeeBps < 0 || c.takerFeeBps > Limits.MAX_FEE_BPS
                || c.feeModel == null || c.timeoutNs < 0 || c.maxPriceTicks > Limits.MAX_NOTIONAL / c.maxQuantityLots
                || c.tickValueQuoteUnits > Limits.MAX_NOTIONAL / (c.maxPriceTicks * c.maxQuantityLots)) {
            reason = RejectReason.INVALID_INSTRUMENT;
        } else {
            reason = null;
        }
        if (reason != null) {
            reject(c, CommandType.ADD_INSTRUMENT, reason);
            return;
        }
        registerInstrument(new Instrument(instrumentId, c.symbol, c.instrumentClass, c.assetId, c.tickValueQuoteUnits,
                c.lotSizeUnits, c.minQuantityLots, c.maxQuantityLots, c.minPriceTicks, c.maxPriceTicks, c.makerFeeBps,
                c.takerFeeBps, c.timeoutNs, c.feeModel));
        sink.onCommandApplied(now, CommandType.ADD_INSTRUMENT, c.accountId, instrumentId);
    }

    private void registerInstrument(final Instrument instrument) {
        if (instrumentCount == instruments.length) {
            instruments = Arrays.copyOf(instruments, instrumentCount * 2);
        }
        instrumentSlotById.put(instrument.instrumentId, instrumentCount);
        instruments[instrumentCount++] = instrument;
        symbols.add(instrument.symbol);
    }

    private void registerListing(final Command c) {
        final RejectReason reason;
        int listing = -1;
        if (traders.find(c.accountId) < 0) {
            reason = RejectReason.UNKNOWN_ACCOUNT;
        } else if (instrumentSlotById.get(c.instrumentId) < 0) {
            reason = RejectReason.UNKNOWN_INSTRUMENT;
        } else if (c.quantityLots < 0 || c.quantityLots > Limits.MAX_AMOUNT) {
            reason = RejectReason.INVALID_AMOUNT;
        } else {
            listing = listings.find(c.accountId, c.instrumentId);
            reason = listing >= 0 && c.quantityLots < listings.reservedLots(listing) + listings.soldLots(listing)
                    ? RejectReason.INSUFFICIENT_CAPACITY : null;
        }
        if (reason != null) {
            reject(c, CommandType.REGISTER_LISTING, reason);
            return;
        }
        if (listing < 0) {
            listing = listings.add(c.accountId, c.instrumentId);
        }
        listings.capacityLots(listing, c.quantityLots);
        sink.onCommandApplied(now, CommandType.REGISTER_LISTING, c.accountId, c.instrumentId);
    }

    private void setExposureLimit(final Command c) {
        final int trader = traders.find(c.accountId);
        if (trader < 0) {
            reject(c, CommandType.SET_EXPOSURE_LIMIT, RejectReason.UNKNOWN_ACCOUNT);
        } else if (c.amount < 0 || c.amount > Limits.MAX_AMOUNT) {
            reject(c, CommandType.SET_EXPOSURE_LIMIT, RejectReason.INVALID_AMOUNT);
        } else {
            traders.exposureLimit(trader, c.amount);
            sink.onCommandApplied(now, CommandType.SET_EXPOSURE_LIMIT, c.accountId, c.amount);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // queries (tools and tests; not for the hot path)

    /** The sequenced clock: the largest command timestamp applied so far. */
    public long clockNs() {
        return clockNs;
    }

    /** Posted balance (credits minus debits posted) of a ledger account; 0 if it does not exist. */
    public long balance(final long owner, final int assetId, final AccountPurpose purpose) {
        final int slot = ledger.find(owner, assetId, purpose);
        return slot < 0 ? 0 : ledger.postedBalance(slot);
    }

    /** Spendable balance (posted balance minus pending debits) of a ledger account; 0 if it does not exist. */
    public long availableBalance(final long owner, final int assetId, final AccountPurpose purpose) {
        final int slot = ledger.find(owner, assetId, purpose);
        return slot < 0 ? 0 : ledger.available(slot);
    }

    /** Pending debits of a ledger account; 0 if it does not exist. */
    public long pendingDebits(final long owner, final int assetId, final AccountPurpose purpose) {
        final int slot = ledger.find(owner, assetId, purpose);
        return slot < 0 ? 0 : ledger.debitsPending(slot);
    }

    /** Pending credits of a ledger account; 0 if it does not exist. */
    public long pendingCredits(final long owner, final int assetId, final AccountPurpose purpose) {
        final int slot = ledger.find(owner, assetId, purpose);
        return slot < 0 ? 0 : ledger.creditsPending(slot);
    }

    public int openOrderCount() {
        return orders.liveCount();
    }

    public int pendingTransferCount() {
        return pending.liveCount();
    }

    /** @return the open quantity of an order, or -1 when it is not open. */
    public long openQuantity(final long orderId) {
        final int slot = orderSlotById.get(orderId);
        return slot < 0 ? -1 : orders.remainingLots(slot);
    }

    /** @return the price of an open order, or -1 when it is not open. */
    public long openPrice(final long orderId) {
        final int slot = orderSlotById.get(orderId);
        return slot < 0 ? -1 : orders.priceTicks(slot);
    }

    /** @return the best bid (or ask) price, or 0 when that side is empty or the instrument unknown. */
    public long bestPrice(final int instrumentId, final Side side) {
        final int instrumentSlot = instrumentSlotById.get(instrumentId);
        if (instrumentSlot < 0) {
            return 0;
        }
        final BookSide bookSide = instruments[instrumentSlot].side(side == Side.BUY);
        return bookSide.isEmpty() ? 0 : bookSide.bestPrice();
    }

    /** @return the order ids at one price level, in queue order (empty if none). */
    public long[] queueAt(final int instrumentId, final Side side, final long priceTicks) {
        final int instrumentSlot = instrumentSlotById.get(instrumentId);
        if (instrumentSlot < 0) {
            return new long[0];
        }
        final int level = instruments[instrumentSlot].side(side == Side.BUY).find(priceTicks);
        if (level == NIL) {
            return new long[0];
        }
        final long[] ids = new long[levels.orderCount(level)];
        int i = 0;
        for (int o = levels.head(level); o != NIL; o = orders.next(o)) {
            ids[i++] = orders.orderId(o);
        }
        return ids;
    }

    /** Unreserved, unsold capacity of a listing; -1 when there is none. */
    public long listingFreeLots(final long accountId, final int instrumentId) {
        final int listing = listings.find(accountId, instrumentId);
        return listing < 0 ? -1 : listings.free(listing);
    }

    /** Exposure the seller uses now (open sells at their price plus unsettled sales); -1 if unknown. */
    public long exposureUsed(final long accountId) {
        final int trader = traders.find(accountId);
        return trader < 0 ? -1 : traders.exposureUsed(trader);
    }

    /** Asset ids in registration order. */
    public int[] assetIds() {
        return Arrays.copyOf(assetOrder, assetCount);
    }

    /** Instrument ids in registration order. */
    public int[] instrumentIds() {
        final int[] ids = new int[instrumentCount];
        for (int i = 0; i < instrumentCount; i++) {
            ids[i] = instruments[i].instrumentId;
        }
        return ids;
    }

    /** The instrument's symbol, or null. */
    public String symbol(final int instrumentId) {
        final int slot = instrumentSlotById.get(instrumentId);
        return slot < 0 ? null : instruments[slot].symbol;
    }

    // ------------------------------------------------------------------------------------------------
    // invariants

    /**
     * Checks every whole-state invariant (expensive: walks everything) and throws
     * {@link IllegalStateException} on the first violation: books sorted, never crossed, level totals
     * right; per asset all balances sum to zero (posted and pending); each HOLD account's funds equal
     * what its open buy orders and pending transfers reserve; no AVAILABLE/HOLD account spendable below
     * zero; listings and exposure equal what open sells and unsettled sales use.
     */
    public void checkInvariants() {
        final long[] holdNeed = new long[ledger.cellCount()];
        final long[] reservedNeed = new long[listings.count()];
        final long[] exposureNeed = new long[traders.count()];
        int restingOrders = 0;
        for (int i = 0; i < instrumentCount; i++) {
            final Instrument instrument = instruments[i];
            for (int s = 0; s < 2; s++) {
                final boolean buy = s == 0;
                final BookSide side = instrument.side(buy);
                for (int depth = 0; depth < side.size(); depth++) {
                    final int level = side.levelAtDepth(depth);
                    final long price = side.priceAtDepth(depth);
                    check(levels.priceTicks(level) == price, "level price mismatch");
                    if (depth > 0) {
                        check(side.better(side.priceAtDepth(depth - 1), price), "side not sorted");
                    }
                    long total = 0;
                    int count = 0;
                    for (int o = levels.head(level); o != NIL; o = orders.next(o)) {
                        check(orders.live(o) && orders.level(o) == level, "order on level not live");
                        check(orders.priceTicks(o) == price, "order price differs from level");
                        check(orders.remainingLots(o) > 0, "resting order without quantity");
                        check(orders.instrumentSlot(o) == i && (orders.side(o) == 0) == buy, "order on wrong book");
                        check(orderSlotById.get(orders.orderId(o)) == o, "order id index");
                        check(isListed(o), "resting order not on its account list");
                        total += orders.remainingLots(o);
                        count++;
                        if (buy) {
                            check(orders.heldAmount(o) == instrument.buyHold(price, orders.remainingLots(o)),
                                    "buy hold differs from requirement");
                            holdNeed[holdSlot(o)] += orders.heldAmount(o);
                        } else {
                            reservedNeed[orders.fundingSlot(o)] += orders.remainingLots(o);
                            exposureNeed[orders.traderSlot(o)] += instrument.notional(price, orders.remainingLots(o));
                        }
                    }
                    check(total == levels.totalLots(level) && count == levels.orderCount(level) && count > 0,
                            "level totals");
                    restingOrders += count;
                }
            }
            if (!instrument.bids.isEmpty() && !instrument.asks.isEmpty()) {
                check(instrument.bids.bestPrice() < instrument.asks.bestPrice(), "book crossed: " + instrument.symbol);
            }
        }
        check(restingOrders == orders.liveCount(), "live orders not all resting");
        int listed = 0;
        for (int t = 0; t < traders.count(); t++) {
            int bound = orders.liveCount();
            for (int o = traders.orderHead(t); o != NIL; o = orders.accountNext(o)) {
                check(bound-- > 0, "account order list longer than the open orders");
                check(orders.onAccountList(o) && orders.traderSlot(o) == t, "account list member not flagged");
                listed++;
            }
        }
        check(listed == restingOrders, "account lists differ from the resting orders");
        check(orderSlotById.size() == orders.liveCount(), "order id index size");
        final long[] pendingDebitNeed = new long[ledger.cellCount()];
        final long[] pendingCreditNeed = new long[ledger.cellCount()];
        int livePending = 0;
        for (int p = 0; p < pending.capacity(); p++) {
            if (!pending.live(p)) {
                continue;
            }
            livePending++;
            pendingDebitNeed[pending.debitSlot(p)] += pending.amount(p) + pending.feeAmount(p);
            pendingCreditNeed[pending.creditSlot(p)] += pending.amount(p);
            if (pending.feeCreditSlot(p) >= 0) {
                pendingCreditNeed[pending.feeCreditSlot(p)] += pending.feeAmount(p);
            }
            if (pending.kindOf(p) == TransferKind.SETTLEMENT) {
                exposureNeed[pending.sellerTraderSlot(p)] += pending.grossNotional(p);
            }
        }
        check(livePending == pending.liveCount(), "pending count");
        for (int a = 0; a < assetCount; a++) {
            final int asset = assetOrder[a];
            long posted = 0;
            long pendingSum = 0;
            for (int account = 0; account < ledger.count(); account++) {
                final int slot = ledger.cellAt(account);
                if (ledger.assetId(slot) == asset) {
                    posted += ledger.postedBalance(slot);
                    pendingSum += ledger.creditsPending(slot) - ledger.debitsPending(slot);
                }
            }
            check(posted == 0, "asset " + asset + " posted balances sum to " + posted);
            check(pendingSum == 0, "asset " + asset + " pending balances sum to " + pendingSum);
        }
        for (int account = 0; account < ledger.count(); account++) {
            final int slot = ledger.cellAt(account);
            check(ledger.debitsPending(slot) == pendingDebitNeed[slot], "pending debits of ledger slot " + slot);
            check(ledger.creditsPending(slot) == pendingCreditNeed[slot], "pending credits of ledger slot " + slot);
            final AccountPurpose purpose = ledger.purposeOf(slot);
            if (purpose == AccountPurpose.AVAILABLE || purpose == AccountPurpose.HOLD) {
                check(ledger.available(slot) >= 0, "negative available balance on ledger slot " + slot);
            }
            if (purpose == AccountPurpose.HOLD) {
                check(ledger.available(slot) == holdNeed[slot], "held funds differ from open buy orders: slot " + slot
                        + " has " + ledger.available(slot) + " needs " + holdNeed[slot]);
            }
        }
        for (int l = 0; l < listings.count(); l++) {
            check(listings.reservedLots(l) == reservedNeed[l], "listing reservation differs from open sells");
            check(listings.free(l) >= 0, "listing oversold");
        }
        for (int t = 0; t < traders.count(); t++) {
            check(traders.exposureUsed(t) == exposureNeed[t], "exposure differs from open sells and unsettled sales");
        }
    }

    private static void check(final boolean condition, final String message) {
        if (!condition) {
            throw new IllegalStateException("invariant violated: " + message);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // snapshot

    /**
     * Writes the whole state canonically at {@code offset} of {@code buffer} (use an expandable
     * buffer). Equal states give equal bytes, whatever history led to them.
     *
     * @return the number of bytes written
     */
    public int snapshot(final MutableDirectBuffer buffer, final int offset) {
        final SnapshotWriter out = new SnapshotWriter(buffer, offset);
        out.putInt(SNAPSHOT_MAGIC).putInt(SNAPSHOT_VERSION);
        out.putLong(clockNs).putLong(orderSequence).putLong(tradeSequence).putLong(transferSequence)
                .putLong(pendingSequence);
        out.putInt(assetCount);
        for (int i = 0; i < assetCount; i++) {
            out.putInt(assetOrder[i]);
        }
        out.putInt(instrumentCount);
        for (int i = 0; i < instrumentCount; i++) {
            final Instrument n = instruments[i];
            // class and fee model share one byte (MAKER_TAKER = 0): maker-taker instruments keep the bytes,
            // and so the state hashes, they had before fee models existed
            out.putInt(n.instrumentId).putString(n.symbol)
                    .putByte(n.instrumentClass.code() | n.feeModel.code() << FEE_MODEL_SHIFT).putInt(n.quoteAssetId)
                    .putLong(n.tickValueQuoteUnits).putLong(n.lotSizeUnits).putLong(n.minQuantityLots)
                    .putLong(n.maxQuantityLots).putLong(n.minPriceTicks).putLong(n.maxPriceTicks)
                    .putInt(n.makerFeeBps).putInt(n.takerFeeBps).putLong(n.settlementTimeoutNs);
        }
        out.putInt(traders.count());
        for (int t = 0; t < traders.count(); t++) {
            out.putLong(traders.accountId[t]).putLong(traders.exposureLimit(t)).putLong(traders.exposureUsed(t));
        }
        out.putInt(ledger.count());
        for (int account = 0; account < ledger.count(); account++) {
            final int s = ledger.cellAt(account);
            out.putLong(ledger.owner(s)).putInt(ledger.assetId(s)).putByte(ledger.purposeCode(s))
                    .putLong(ledger.debitsPosted(s)).putLong(ledger.creditsPosted(s))
                    .putLong(ledger.debitsPending(s)).putLong(ledger.creditsPending(s));
        }
        out.putInt(listings.count());
        for (int l = 0; l < listings.count(); l++) {
            out.putLong(listings.accountId(l)).putInt(listings.instrumentId(l)).putLong(listings.capacityLots(l))
                    .putLong(listings.reservedLots(l)).putLong(listings.soldLots(l));
        }
        out.putInt(orders.liveCount());
        for (int i = 0; i < instrumentCount; i++) {
            for (int s = 0; s < 2; s++) {
                final BookSide side = instruments[i].side(s == 0);
                for (int depth = 0; depth < side.size(); depth++) {
                    for (int o = levels.head(side.levelAtDepth(depth)); o != NIL; o = orders.next(o)) {
                        out.putInt(instruments[i].instrumentId).putByte(orders.side(o)).putLong(orders.orderId(o))
                                .putLong(orders.accountId(o)).putLong(orders.clientOrderId(o))
                                .putLong(orders.priceTicks(o)).putLong(orders.remainingLots(o))
                                .putLong(orders.heldAmount(o)).putLong(orders.expireAtNs(o))
                                .putLong(orders.sequence(o)).putByte(orders.timeInForce(o)).putByte(orders.stpMode(o));
                    }
                }
            }
        }
        final int[] pendingSlots = pendingSlotsBySequence();
        out.putInt(pendingSlots.length);
        for (final int p : pendingSlots) {
            out.putLong(pending.idHi(p)).putLong(pending.idLo(p)).putByte((byte) pending.kindCode(p))
                    .putInt(ledger.creationIndex(pending.debitSlot(p)))
                    .putInt(ledger.creationIndex(pending.creditSlot(p))).putLong(pending.amount(p))
                    .putInt(pending.feeCreditSlot(p) < 0 ? pending.feeCreditSlot(p)
                            : ledger.creationIndex(pending.feeCreditSlot(p)))
                    .putLong(pending.feeAmount(p)).putLong(pending.timeoutAtNs(p))
                    .putLong(pending.sequence(p)).putInt(pending.sellerTraderSlot(p))
                    .putLong(pending.grossNotional(p));
        }
        out.putInt(transferIds.count());
        for (int i = 0; i < transferIds.count(); i++) {
            out.putLong(transferIds.idHi[i]).putLong(transferIds.idLo[i]);
        }
        out.putInt(clientOrderIds.count());
        for (int i = 0; i < clientOrderIds.count(); i++) {
            out.putLong(clientOrderIds.accountId(i)).putLong(clientOrderIds.clientOrderId(i))
                    .putLong(clientOrderIds.orderId(i)).putInt(clientOrderIds.instrumentId(i))
                    .putLong(clientOrderIds.parametersHash(i)).putInt(clientOrderIds.outcome(i));
        }
        return out.length();
    }

    private int[] pendingSlotsBySequence() {
        final long[] keyed = new long[pending.liveCount()];
        int n = 0;
        for (int p = 0; p < pending.capacity(); p++) {
            if (pending.live(p)) {
                keyed[n++] = p;
            }
        }
        final Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = (int) keyed[i];
        }
        Arrays.sort(boxed, (a, b) -> Long.compare(pending.sequence(a), pending.sequence(b)));
        final int[] result = new int[n];
        for (int i = 0; i < n; i++) {
            result[i] = boxed[i];
        }
        return result;
    }

    /** Rebuilds an engine from {@link #snapshot} bytes; throws IllegalArgumentException on malformed input. */
    public static Engine restore(final EngineConfig config, final DirectBuffer buffer, final int offset,
            final int length) {
        final SnapshotReader in = new SnapshotReader(buffer, offset, length);
        if (in.getInt() != SNAPSHOT_MAGIC || in.getInt() != SNAPSHOT_VERSION) {
            throw new IllegalArgumentException("not a Tokenta engine snapshot (version " + SNAPSHOT_VERSION + ")");
        }
        final Engine e = new Engine(config);
        e.clockNs = in.getLong();
        e.orderSequence = in.getLong();
        e.tradeSequence = in.getLong();
        e.transferSequence = in.getLong();
        e.pendingSequence = in.getLong();
        final int maxCount = length;
        for (int i = in.getCount(maxCount); i > 0; i--) {
            e.registerAsset(in.getInt());
        }
        for (int i = in.getCount(maxCount); i > 0; i--) {
            final int id = in.getInt();
            final String symbol = in.getString(Limits.MAX_SYMBOL_LENGTH);
            final int classAndFeeModel = in.getByte() & 0xFF;
            final InstrumentClass instrumentClass = InstrumentClass.fromCode(classAndFeeModel & CLASS_MASK);
            final FeeModel feeModel = FeeModel.fromCode(classAndFeeModel >>> FEE_MODEL_SHIFT);
            if (instrumentClass == null || feeModel == null) {
                throw new IllegalArgumentException("snapshot instrument " + id + ": bad class/fee model byte "
                        + classAndFeeModel);
            }
            e.registerInstrument(new Instrument(id, symbol, instrumentClass, in.getInt(), in.getLong(), in.getLong(),
                    in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getInt(), in.getInt(), in.getLong(),
                    feeModel));
        }
        for (int i = in.getCount(maxCount); i > 0; i--) {
            final int t = e.traders.add(in.getLong());
            e.traders.exposureLimit(t, in.getLong());
            e.traders.exposureUsed(t, in.getLong());
        }
        for (int i = in.getCount(maxCount); i > 0; i--) {
            final long owner = in.getLong();
            final int asset = in.getInt();
            final AccountPurpose purpose = AccountPurpose.fromCode(in.getByte());
            e.ledger.restoreAccount(owner, asset, purpose, in.getLong(), in.getLong(), in.getLong(), in.getLong());
        }
        for (int i = in.getCount(maxCount); i > 0; i--) {
            final int l = e.listings.add(in.getLong(), in.getInt());
            e.listings.capacityLots(l, in.getLong());
            e.listings.reservedLots(l, in.getLong());
            e.listings.soldLots(l, in.getLong());
        }
        final int orderCount = in.getCount(maxCount);
        final int[] slots = new int[orderCount];
        for (int i = 0; i < orderCount; i++) {
            final Instrument instrument = e.instruments[e.instrumentSlotById.get(in.getInt())];
            final int slot = e.orders.allocate();
            slots[i] = slot;
            final byte side = (byte) in.getByte();
            e.orders.side(slot, side);
            e.orders.orderId(slot, in.getLong());
            e.orders.accountId(slot, in.getLong());
            e.orders.clientOrderId(slot, in.getLong());
            e.orders.priceTicks(slot, in.getLong());
            e.orders.remainingLots(slot, in.getLong());
            e.orders.heldAmount(slot, in.getLong());
            e.orders.expireAtNs(slot, in.getLong());
            e.orders.sequence(slot, in.getLong());
            e.orders.timeInForce(slot, in.getByte());
            e.orders.stpMode(slot, in.getByte());
            e.orders.instrumentSlot(slot, e.instrumentSlotById.get(instrument.instrumentId));
            e.orders.traderSlot(slot, e.traders.find(e.orders.accountId(slot)));
            if (side == 0) {
                final long owner = e.orders.accountId(slot);
                final int available = e.ledger.find(owner, instrument.quoteAssetId, AccountPurpose.AVAILABLE);
                if (available < 0 || e.ledger.find(owner, instrument.quoteAssetId, AccountPurpose.HOLD)
                        != Ledger.holdCellOf(available)) {
                    throw new IllegalArgumentException("buy order without its ledger accounts in snapshot");
                }
                e.orders.fundingSlot(slot, available);
            } else {
                e.orders.fundingSlot(slot, e.listings.find(e.orders.accountId(slot), instrument.instrumentId));
            }
            e.orderSlotById.put(e.orders.orderId(slot), slot);
            // append to its level without events (snapshot order is FIFO order)
            final BookSide bookSide = instrument.side(side == 0);
            final long price = e.orders.priceTicks(slot);
            int level = bookSide.find(price);
            if (level == NIL) {
                level = e.levels.allocate(price);
                bookSide.insert(price, level);
            }
            final int tail = e.levels.tail(level);
            e.orders.prev(slot, tail);
            if (tail == NIL) {
                e.levels.head(level, slot);
            } else {
                e.orders.next(tail, slot);
            }
            e.levels.tail(level, slot);
            e.levels.totalLots(level, e.levels.totalLots(level) + (e.orders.remainingLots(slot)));
            e.levels.orderCount(level, e.levels.orderCount(level) + 1);
            e.orders.level(slot, level);
        }
        // account lists are in placement order
        final Integer[] bySequence = new Integer[orderCount];
        for (int i = 0; i < orderCount; i++) {
            bySequence[i] = slots[i];
        }
        Arrays.sort(bySequence, (a, b) -> Long.compare(e.orders.sequence(a), e.orders.sequence(b)));
        for (final int slot : bySequence) {
            final int trader = e.orders.traderSlot(slot);
            final int accountTail = e.traders.orderTail(trader);
            e.orders.accountPrev(slot, accountTail);
            if (accountTail == NIL) {
                e.traders.orderHead(trader, slot);
            } else {
                e.orders.accountNext(accountTail, slot);
            }
            e.traders.orderTail(trader, slot);
            e.orders.onAccountList(slot, true);
            if (e.orders.timeInForce(slot) == TimeInForce.GTD.code()) {
                e.expiryTimers.push(e.orders.expireAtNs(slot), e.orders.sequence(slot), slot);
            }
        }
        for (int i = in.getCount(maxCount); i > 0; i--) {
            final long hi = in.getLong();
            final long lo = in.getLong();
            final TransferKind kind = TransferKind.fromCode(in.getByte());
            final int debit = e.ledgerCell(in.getInt());
            final int credit = e.ledgerCell(in.getInt());
            final long amount = in.getLong();
            final int feeCreditAccount = in.getInt();
            final int feeCredit = feeCreditAccount < 0 ? feeCreditAccount : e.ledgerCell(feeCreditAccount);
            final long feeAmount = in.getLong();
            final long timeoutAt = in.getLong();
            final long sequence = in.getLong();
            final int sellerTrader = in.getInt();
            final long grossNotional = in.getLong();
            final int p = e.pending.add(hi, lo, kind, debit, credit, amount, sequence, timeoutAt, feeCredit, feeAmount,
                    sellerTrader, grossNotional);
            if (timeoutAt > 0) {
                e.pendingTimers.push(timeoutAt, sequence, p);
            }
        }
        for (int i = in.getCount(maxCount); i > 0; i--) {
            e.transferIds.add(in.getLong(), in.getLong());
        }
        for (int i = in.getCount(maxCount); i > 0; i--) {
            final long accountId = in.getLong();
            final long clientOrderId = in.getLong();
            final long orderId = in.getLong();
            final int instrumentId = in.getInt();
            final long parametersHash = in.getLong();
            final int outcome = in.getInt();
            final int trader = e.traders.find(accountId);
            if (trader < 0) {
                throw new IllegalArgumentException("client order id of an unknown account in snapshot");
            }
            if (clientOrderId == 0 || (clientOrderId <= e.traders.clientOrderIdCeiling(trader)
                    && e.clientOrderIds.find(trader, accountId, clientOrderId) >= 0)) {
                throw new IllegalArgumentException("client order id missing or repeated in snapshot");
            }
            e.rememberClientOrderId(trader, accountId, clientOrderId, orderId, instrumentId, parametersHash, outcome);
        }
        if (!in.atEnd()) {
            throw new IllegalArgumentException("trailing bytes after snapshot");
        }
        return e;
    }

    /** The ledger cell of the account with this creation index (snapshot restore; rejects bad input). */
    private int ledgerCell(final int creationIndex) {
        if (creationIndex < 0 || creationIndex >= ledger.count()) {
            throw new IllegalArgumentException("ledger account " + creationIndex + " out of range in snapshot");
        }
        return ledger.cellAt(creationIndex);
    }

    /** A stable 64-bit hash of the whole state: {@link StateHash#hash} over the canonical snapshot bytes. */
    public long stateHash() {
        if (hashBuffer == null) {
            hashBuffer = new ExpandableDirectByteBuffer(1 << 16);
        }
        final int length = snapshot(hashBuffer, 0);
        return StateHash.hash(hashBuffer, 0, length);
    }
}
