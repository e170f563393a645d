package space.tokenta.engine.event;

import java.util.ArrayList;
import java.util.List;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.ledger.AccountPurpose;
import space.tokenta.engine.ledger.TransferKind;
import space.tokenta.engine.order.OrderType;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;

/** Turns every event into an {@link Event} record and keeps them in order (allocates: not for hot paths). */
public final class RecordingEventSink implements EventSink {
    private final List<Event> events = new ArrayList<>();

    /** @return the recorded events, oldest first (live view). */
    public List<Event> events() {
        return events;
    }

    /** @return the recorded events and forgets them. */
    public List<Event> drain() {
        final List<Event> copy = new ArrayList<>(events);
        events.clear();
        return copy;
    }

    public void clear() {
        events.clear();
    }

    /** @return the recorded events of one type. */
    public <T extends Event> List<T> ofType(final Class<T> type) {
        final List<T> result = new ArrayList<>();
        for (final Event event : events) {
            if (type.isInstance(event)) {
                result.add(type.cast(event));
            }
        }
        return result;
    }

    @Override
    public void onOrderAccepted(final long timestampNs, final int instrumentId, final long orderId,
            final long accountId, final long clientOrderId, final Side side, final OrderType orderType,
            final TimeInForce timeInForce, final long priceTicks, final long quantityLots) {
        events.add(new Event.OrderAccepted(timestampNs, instrumentId, orderId, accountId, clientOrderId, side,
                orderType, timeInForce, priceTicks, quantityLots));
    }

    @Override
    public void onOrderRejected(final long timestampNs, final CommandType commandType, final int instrumentId,
            final long orderId, final long accountId, final long clientOrderId, final RejectReason reason) {
        events.add(new Event.OrderRejected(timestampNs, commandType, instrumentId, orderId, accountId, clientOrderId,
                reason));
    }

    @Override
    public void onDuplicateOrder(final long timestampNs, final int instrumentId, final long orderId,
            final long accountId, final long clientOrderId, final RejectReason originalOutcome) {
        events.add(new Event.DuplicateOrder(timestampNs, instrumentId, orderId, accountId, clientOrderId,
                originalOutcome));
    }

    @Override
    public void onTrade(final long timestampNs, final int instrumentId, final long tradeId, final long makerOrderId,
            final long makerAccountId, final long takerOrderId, final long takerAccountId, final Side takerSide,
            final long priceTicks, final long quantityLots, final long makerRemainingLots,
            final long takerRemainingLots, final long notional, final long buyerFee, final long sellerFee,
            final long settlementIdHi, final long settlementIdLo) {
        events.add(new Event.Trade(timestampNs, instrumentId, tradeId, makerOrderId, makerAccountId, takerOrderId,
                takerAccountId, takerSide, priceTicks, quantityLots, makerRemainingLots, takerRemainingLots, notional,
                buyerFee, sellerFee, settlementIdHi, settlementIdLo));
    }

    @Override
    public void onOrderCancelled(final long timestampNs, final int instrumentId, final long orderId,
            final long accountId, final long remainingLots, final CancelReason reason) {
        events.add(new Event.OrderCancelled(timestampNs, instrumentId, orderId, accountId, remainingLots, reason));
    }

    @Override
    public void onOrderExpired(final long timestampNs, final int instrumentId, final long orderId,
            final long accountId, final long remainingLots) {
        events.add(new Event.OrderExpired(timestampNs, instrumentId, orderId, accountId, remainingLots));
    }

    @Override
    public void onOrderAmended(final long timestampNs, final int instrumentId, final long orderId,
            final long accountId, final long priceTicks, final long quantityLots, final boolean priorityKept) {
        events.add(new Event.OrderAmended(timestampNs, instrumentId, orderId, accountId, priceTicks, quantityLots,
                priorityKept));
    }

    @Override
    public void onSelfTradePrevented(final long timestampNs, final int instrumentId, final long takerOrderId,
            final long makerOrderId, final long accountId, final StpMode mode, final long quantityLots) {
        events.add(new Event.SelfTradePrevented(timestampNs, instrumentId, takerOrderId, makerOrderId, accountId, mode,
                quantityLots));
    }

    @Override
    public void onBookLevel(final long timestampNs, final int instrumentId, final Side side, final long priceTicks,
            final long totalQuantityLots, final int orderCount) {
        events.add(new Event.BookLevel(timestampNs, instrumentId, side, priceTicks, totalQuantityLots, orderCount));
    }

    @Override
    public void onTransfer(final long timestampNs, final long idHi, final long idLo, final long debitOwner,
            final AccountPurpose debitPurpose, final long creditOwner, final AccountPurpose creditPurpose,
            final int assetId, final long amount, final TransferKind kind, final int flags) {
        events.add(new Event.Transfer(timestampNs, idHi, idLo, debitOwner, debitPurpose, creditOwner, creditPurpose,
                assetId, amount, kind, flags));
    }

    @Override
    public void onCommandApplied(final long timestampNs, final CommandType commandType, final long accountId,
            final long key) {
        events.add(new Event.CommandApplied(timestampNs, commandType, accountId, key));
    }

    @Override
    public void onCommandRejected(final long timestampNs, final CommandType commandType, final long accountId,
            final long key, final RejectReason reason) {
        events.add(new Event.CommandRejected(timestampNs, commandType, accountId, key, reason));
    }
}
