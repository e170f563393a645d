package space.tokenta.engine.event;

import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.ledger.AccountPurpose;
import space.tokenta.engine.ledger.TransferKind;
import space.tokenta.engine.order.OrderType;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;

/**
 * Folds every event (type and every argument, in order) into one 64-bit hash and counts events,
 * allocating nothing: two runs of the same command stream must print the same hash.
 */
public final class HashingEventSink implements EventSink {
    private long hash = 0x9E3779B97F4A7C15L;
    private long eventCount;

    public long hash() {
        return hash;
    }

    public long eventCount() {
        return eventCount;
    }

    public void reset() {
        hash = 0x9E3779B97F4A7C15L;
        eventCount = 0;
    }

    private void mix(final long value) {
        hash = StateHash.mix(hash, value);
    }

    private void start(final int eventCode) {
        eventCount++;
        mix(eventCode);
    }

    @Override
    public void onOrderAccepted(final long timestampNs, final int instrumentId, final long orderId,
            final long accountId, final long clientOrderId, final Side side, final OrderType orderType,
            final TimeInForce timeInForce, final long priceTicks, final long quantityLots) {
        start(1);
        mix(timestampNs);
        mix(instrumentId);
        mix(orderId);
        mix(accountId);
        mix(clientOrderId);
        mix(side.code());
        mix(orderType.code());
        mix(timeInForce.code());
        mix(priceTicks);
        mix(quantityLots);
    }

    @Override
    public void onOrderRejected(final long timestampNs, final CommandType commandType, final int instrumentId,
            final long orderId, final long accountId, final long clientOrderId, final RejectReason reason) {
        start(2);
        mix(timestampNs);
        mix(commandType == null ? -1 : commandType.code());
        mix(instrumentId);
        mix(orderId);
        mix(accountId);
        mix(clientOrderId);
        mix(reason.code());
    }

    @Override
    public void onDuplicateOrder(final long timestampNs, final int instrumentId, final long orderId,
            final long accountId, final long clientOrderId, final RejectReason originalOutcome) {
        start(3);
        mix(timestampNs);
        mix(instrumentId);
        mix(orderId);
        mix(accountId);
        mix(clientOrderId);
        mix(originalOutcome.code());
    }

    @Override
    public void onTrade(final long timestampNs, final int instrumentId, final long tradeId, final long makerOrderId,
            final long makerAccountId, final long takerOrderId, final long takerAccountId, final Side takerSide,
            final long priceTicks, final long quantityLots, final long makerRemainingLots,
            final long takerRemainingLots, final long notional, final long buyerFee, final long sellerFee,
            final long settlementIdHi, final long settlementIdLo) {
        start(4);
        mix(timestampNs);
        mix(instrumentId);
        mix(tradeId);
        mix(makerOrderId);
        mix(makerAccountId);
        mix(takerOrderId);
        mix(takerAccountId);
        mix(takerSide.code());
        mix(priceTicks);
        mix(quantityLots);
        mix(makerRemainingLots);
        mix(takerRemainingLots);
        mix(notional);
        mix(buyerFee);
        mix(sellerFee);
        mix(settlementIdHi);
        mix(settlementIdLo);
    }

    @Override
    public void onOrderCancelled(final long timestampNs, final int instrumentId, final long orderId,
            final long accountId, final long remainingLots, final CancelReason reason) {
        start(5);
        mix(timestampNs);
        mix(instrumentId);
        mix(orderId);
        mix(accountId);
        mix(remainingLots);
        mix(reason.code());
    }

    @Override
    public void onOrderExpired(final long timestampNs, final int instrumentId, final long orderId,
            final long accountId, final long remainingLots) {
        start(6);
        mix(timestampNs);
        mix(instrumentId);
        mix(orderId);
        mix(accountId);
        mix(remainingLots);
    }

    @Override
    public void onOrderAmended(final long timestampNs, final int instrumentId, final long orderId,
            final long accountId, final long priceTicks, final long quantityLots, final boolean priorityKept) {
        start(7);
        mix(timestampNs);
        mix(instrumentId);
        mix(orderId);
        mix(accountId);
        mix(priceTicks);
        mix(quantityLots);
        mix(priorityKept ? 1 : 0);
    }

    @Override
    public void onSelfTradePrevented(final long timestampNs, final int instrumentId, final long takerOrderId,
            final long makerOrderId, final long accountId, final StpMode mode, final long quantityLots) {
        start(8);
        mix(timestampNs);
        mix(instrumentId);
        mix(takerOrderId);
        mix(makerOrderId);
        mix(accountId);
        mix(mode.code());
        mix(quantityLots);
    }

    @Override
    public void onBookLevel(final long timestampNs, final int instrumentId, final Side side, final long priceTicks,
            final long totalQuantityLots, final int orderCount) {
        start(9);
        mix(timestampNs);
        mix(instrumentId);
        mix(side.code());
        mix(priceTicks);
        mix(totalQuantityLots);
        mix(orderCount);
    }

    @Override
    public void onTransfer(final long timestampNs, final long idHi, final long idLo, final long debitOwner,
            final AccountPurpose debitPurpose, final long creditOwner, final AccountPurpose creditPurpose,
            final int assetId, final long amount, final TransferKind kind, final int flags) {
        start(10);
        mix(timestampNs);
        mix(idHi);
        mix(idLo);
        mix(debitOwner);
        mix(debitPurpose.code());
        mix(creditOwner);
        mix(creditPurpose.code());
        mix(assetId);
        mix(amount);
        mix(kind.code());
        mix(flags);
    }

    @Override
    public void onCommandApplied(final long timestampNs, final CommandType commandType, final long accountId,
            final long key) {
        start(11);
        mix(timestampNs);
        mix(commandType == null ? -1 : commandType.code());
        mix(accountId);
        mix(key);
    }

    @Override
    public void onCommandRejected(final long timestampNs, final CommandType commandType, final long accountId,
            final long key, final RejectReason reason) {
        start(12);
        mix(timestampNs);
        mix(commandType == null ? -1 : commandType.code());
        mix(accountId);
        mix(key);
        mix(reason.code());
    }
}
