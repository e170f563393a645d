package space.tokenta.gateway.inprocess;

import java.util.ArrayList;
import java.util.List;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.event.CancelReason;
import space.tokenta.engine.event.EventSink;
import space.tokenta.engine.event.RejectReason;
import space.tokenta.engine.ledger.AccountPurpose;
import space.tokenta.engine.ledger.TransferKind;
import space.tokenta.engine.order.OrderType;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;
import space.tokenta.gateway.port.ExchangeEvent;

/** Copies each engine event of one command into a plain-data record (off the engine's own hot path). */
public final class CollectingEventSink implements EventSink {
    private final List<ExchangeEvent> events = new ArrayList<>();

    public List<ExchangeEvent> drain() {
        final List<ExchangeEvent> copy = List.copyOf(events);
        events.clear();
        return copy;
    }

    @Override
    public void onOrderAccepted(final long ts, final int instrumentId, final long orderId, final long accountId,
            final long clientOrderId, final Side side, final OrderType orderType, final TimeInForce tif,
            final long priceTicks, final long quantityLots) {
        events.add(new ExchangeEvent.OrderAccepted(ts, instrumentId, orderId, accountId, clientOrderId, side,
                orderType, tif, priceTicks, quantityLots));
    }

    @Override
    public void onOrderRejected(final long ts, final CommandType commandType, final int instrumentId,
            final long orderId, final long accountId, final long clientOrderId, final RejectReason reason) {
        events.add(new ExchangeEvent.OrderRejected(ts, commandType, instrumentId, orderId, accountId, clientOrderId,
                reason));
    }

    @Override
    public void onDuplicateOrder(final long ts, final int instrumentId, final long orderId, final long accountId,
            final long clientOrderId, final RejectReason originalOutcome) {
        events.add(new ExchangeEvent.DuplicateOrder(ts, instrumentId, orderId, accountId, clientOrderId,
                originalOutcome));
    }

    @Override
    public void onTrade(final long ts, final int instrumentId, final long tradeId, final long makerOrderId,
            final long makerAccountId, final long takerOrderId, final long takerAccountId, final Side takerSide,
            final long priceTicks, final long quantityLots, final long makerRemainingLots,
            final long takerRemainingLots, final long notional, final long buyerFee, final long sellerFee,
            final long settlementIdHi, final long settlementIdLo) {
        events.add(new ExchangeEvent.Trade(ts, instrumentId, tradeId, makerOrderId, makerAccountId, takerOrderId,
                takerAccountId, takerSide, priceTicks, quantityLots, makerRemainingLots, takerRemainingLots, notional,
                buyerFee, sellerFee));
    }

    @Override
    public void onOrderCancelled(final long ts, final int instrumentId, final long orderId, final long accountId,
            final long remainingLots, final CancelReason reason) {
        events.add(new ExchangeEvent.OrderCancelled(ts, instrumentId, orderId, accountId, remainingLots, reason));
    }

    @Override
    public void onOrderExpired(final long ts, final int instrumentId, final long orderId, final long accountId,
            final long remainingLots) {
        events.add(new ExchangeEvent.OrderExpired(ts, instrumentId, orderId, accountId, remainingLots));
    }

    @Override
    public void onOrderAmended(final long ts, final int instrumentId, final long orderId, final long accountId,
            final long priceTicks, final long quantityLots, final boolean priorityKept) {
        events.add(new ExchangeEvent.OrderAmended(ts, instrumentId, orderId, accountId, priceTicks, quantityLots,
                priorityKept));
    }

    @Override
    public void onSelfTradePrevented(final long ts, final int instrumentId, final long takerOrderId,
            final long makerOrderId, final long accountId, final StpMode mode, final long quantityLots) {
        events.add(new ExchangeEvent.SelfTradePrevented(ts, instrumentId, takerOrderId, makerOrderId, accountId, mode,
                quantityLots));
    }

    @Override
    public void onBookLevel(final long ts, final int instrumentId, final Side side, final long priceTicks,
            final long totalQuantityLots, final int orderCount) {
        events.add(new ExchangeEvent.BookLevel(ts, instrumentId, side, priceTicks, totalQuantityLots, orderCount));
    }

    @Override
    public void onTransfer(final long ts, final long idHi, final long idLo, final long debitOwner,
            final AccountPurpose debitPurpose, final long creditOwner, final AccountPurpose creditPurpose,
            final int assetId, final long amount, final TransferKind kind, final int flags) {
        events.add(new ExchangeEvent.Transfer(ts, idHi, idLo, debitOwner, debitPurpose, creditOwner, creditPurpose,
                assetId, amount, kind, flags));
    }

    @Override
    public void onCommandApplied(final long ts, final CommandType commandType, final long accountId, final long key) {
        events.add(new ExchangeEvent.CommandApplied(ts, commandType, accountId, key));
    }

    @Override
    public void onCommandRejected(final long ts, final CommandType commandType, final long accountId, final long key,
            final RejectReason reason) {
        events.add(new ExchangeEvent.CommandRejected(ts, commandType, accountId, key, reason));
    }
}
