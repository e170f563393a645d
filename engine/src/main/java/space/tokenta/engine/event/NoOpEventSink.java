package space.tokenta.engine.event;

import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.ledger.AccountPurpose;
import space.tokenta.engine.ledger.TransferKind;
import space.tokenta.engine.order.OrderType;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;

/** Discards every event. */
public class NoOpEventSink implements EventSink {
    public static final NoOpEventSink INSTANCE = new NoOpEventSink();

    @Override
    public void onOrderAccepted(final long timestampNs, final int instrumentId, final long orderId,
            final long accountId, final long clientOrderId, final Side side, final OrderType orderType,
            final TimeInForce timeInForce, final long priceTicks, final long quantityLots) {
    }

    @Override
    public void onOrderRejected(final long timestampNs, final CommandType commandType, final int instrumentId,
            final long orderId, final long accountId, final long clientOrderId, final RejectReason reason) {
    }

    @Override
    public void onDuplicateOrder(final long timestampNs, final int instrumentId, final long orderId,
            final long accountId, final long clientOrderId, final RejectReason originalOutcome) {
    }

    @Override
    public void onTrade(final long timestampNs, final int instrumentId, final long tradeId, final long makerOrderId,
            final long makerAccountId, final long takerOrderId, final long takerAccountId, final Side takerSide,
            final long priceTicks, final long quantityLots, final long makerRemainingLots,
            final long takerRemainingLots, final long notional, final long buyerFee, final long sellerFee,
            final long settlementIdHi, final long settlementIdLo) {
    }

    @Override
    public void onOrderCancelled(final long timestampNs, final int instrumentId, final long orderId,
            final long accountId, final long remainingLots, final CancelReason reason) {
    }

    @Override
    public void onOrderExpired(final long timestampNs, final int instrumentId, final long orderId,
            final long accountId, final long remainingLots) {
    }

    @Override
    public void onOrderAmended(final long timestampNs, final int instrumentId, final long orderId,
            final long accountId, final long priceTicks, final long quantityLots, final boolean priorityKept) {
    }

    @Override
    public void onSelfTradePrevented(final long timestampNs, final int instrumentId, final long takerOrderId,
            final long makerOrderId, final long accountId, final StpMode mode, final long quantityLots) {
    }

    @Override
    public void onBookLevel(final long timestampNs, final int instrumentId, final Side side, final long priceTicks,
            final long totalQuantityLots, final int orderCount) {
    }

    @Override
    public void onTransfer(final long timestampNs, final long idHi, final long idLo, final long debitOwner,
            final AccountPurpose debitPurpose, final long creditOwner, final AccountPurpose creditPurpose,
            final int assetId, final long amount, final TransferKind kind, final int flags) {
    }

    @Override
    public void onCommandApplied(final long timestampNs, final CommandType commandType, final long accountId,
            final long key) {
    }

    @Override
    public void onCommandRejected(final long timestampNs, final CommandType commandType, final long accountId,
            final long key, final RejectReason reason) {
    }
}
