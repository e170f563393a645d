package space.tokenta.engine.event;

import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.ledger.AccountPurpose;
import space.tokenta.engine.ledger.TransferKind;
import space.tokenta.engine.order.OrderType;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;

/**
 * Receives the events of one {@code Engine.apply}, in order, synchronously; primitive and enum
 * arguments only so that emitting allocates nothing. Every argument is a value (an implementation
 * must copy what it keeps). A command's events always end with exactly one terminal event:
 * {@link #onCommandApplied} or {@link #onCommandRejected} for non-order commands; for order commands
 * the order's last event (accepted/rejected/fills/cancel/duplicate) followed by nothing else.
 *
 * <p>Timestamps are the command's {@code timestampNs}. Ledger accounts are named by
 * (owner, purpose) plus the transfer's asset.
 */
public interface EventSink {

    /** An order passed validation and risk checks; trades/cancel/book events for it follow. */
    void onOrderAccepted(long timestampNs, int instrumentId, long orderId, long accountId, long clientOrderId,
            Side side, OrderType orderType, TimeInForce timeInForce, long priceTicks, long quantityLots);

    /** An order (PLACE, or the new order of CANCEL_REPLACE) or an order command (AMEND, CANCEL) was rejected; nothing changed. */
    void onOrderRejected(long timestampNs, CommandType commandType, int instrumentId, long orderId, long accountId,
            long clientOrderId, RejectReason reason);

    /**
     * A place with a client order id this account used before, with the same parameters: the original
     * outcome is re-reported ({@code originalOutcome} NONE = it was accepted as {@code orderId}) and
     * nothing changes.
     */
    void onDuplicateOrder(long timestampNs, int instrumentId, long orderId, long accountId, long clientOrderId,
            RejectReason originalOutcome);

    /**
     * A trade at the maker's price. The settlement transfer id (pending, buyer HOLD to seller AVAILABLE)
     * is what escrow later posts or voids. Fees: {@code buyerFee} is paid on top by the buyer,
     * {@code sellerFee} comes out of the seller's proceeds; both go to the fee account.
     */
    void onTrade(long timestampNs, int instrumentId, long tradeId, long makerOrderId, long makerAccountId,
            long takerOrderId, long takerAccountId, Side takerSide, long priceTicks, long quantityLots,
            long makerRemainingLots, long takerRemainingLots, long notional, long buyerFee, long sellerFee,
            long settlementIdHi, long settlementIdLo);

    /** An order left the book (or its unfilled rest never rested) without filling. */
    void onOrderCancelled(long timestampNs, int instrumentId, long orderId, long accountId, long remainingLots,
            CancelReason reason);

    /** A GTD order reached its expiry on the sequenced clock (TIME_TICK). */
    void onOrderExpired(long timestampNs, int instrumentId, long orderId, long accountId, long remainingLots);

    /** An amend was applied; {@code priorityKept} tells whether it kept its place in the queue. */
    void onOrderAmended(long timestampNs, int instrumentId, long orderId, long accountId, long priceTicks,
            long quantityLots, boolean priorityKept);

    /**
     * Self-trade prevention acted between a taker and a maker of the same account. For DECREMENT,
     * {@code quantityLots} is how much both were reduced by; for the expire modes it is the quantity
     * that did not trade. Cancellations it causes follow as {@link #onOrderCancelled} with SELF_TRADE.
     */
    void onSelfTradePrevented(long timestampNs, int instrumentId, long takerOrderId, long makerOrderId,
            long accountId, StpMode mode, long quantityLots);

    /** L2 delta: the level's new totals ({@code orderCount == 0} means the level is gone). */
    void onBookLevel(long timestampNs, int instrumentId, Side side, long priceTicks, long totalQuantityLots,
            int orderCount);

    /**
     * A ledger transfer. {@code flags} are {@link space.tokenta.engine.ledger.TransferFlags}: PENDING
     * creates a reservation, POST_PENDING / VOID_PENDING finish the pending transfer with the same id,
     * 0 is an immediate (posted) transfer.
     */
    void onTransfer(long timestampNs, long idHi, long idLo, long debitOwner, AccountPurpose debitPurpose,
            long creditOwner, AccountPurpose creditPurpose, int assetId, long amount, TransferKind kind, int flags);

    /** A non-order command took effect ({@code key}: the instrument, asset or account it concerned). */
    void onCommandApplied(long timestampNs, CommandType commandType, long accountId, long key);

    /** A non-order command was rejected and changed nothing ({@code commandType} is null when the command had none: INVALID_COMMAND). */
    void onCommandRejected(long timestampNs, CommandType commandType, long accountId, long key, RejectReason reason);
}
