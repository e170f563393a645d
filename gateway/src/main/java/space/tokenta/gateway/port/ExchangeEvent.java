package space.tokenta.gateway.port;

import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.event.CancelReason;
import space.tokenta.engine.event.RejectReason;
import space.tokenta.engine.ledger.AccountPurpose;
import space.tokenta.engine.ledger.TransferKind;
import space.tokenta.engine.order.OrderType;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;

/** One engine event as plain data (a copy of an {@code EventSink} call), safe to hand to other threads. */
public sealed interface ExchangeEvent {

    long timestampNs();

    record OrderAccepted(long timestampNs, int instrumentId, long orderId, long accountId, long clientOrderId,
            Side side, OrderType orderType, TimeInForce timeInForce, long priceTicks, long quantityLots)
            implements ExchangeEvent {
    }

    record OrderRejected(long timestampNs, CommandType commandType, int instrumentId, long orderId, long accountId,
            long clientOrderId, RejectReason reason) implements ExchangeEvent {
    }

    record DuplicateOrder(long timestampNs, int instrumentId, long orderId, long accountId, long clientOrderId,
            RejectReason originalOutcome) implements ExchangeEvent {
    }

    record Trade(long timestampNs, int instrumentId, long tradeId, long makerOrderId, long makerAccountId,
            long takerOrderId, long takerAccountId, Side takerSide, long priceTicks, long quantityLots,
            long makerRemainingLots, long takerRemainingLots, long notional, long buyerFee, long sellerFee)
            implements ExchangeEvent {
    }

    record OrderCancelled(long timestampNs, int instrumentId, long orderId, long accountId, long remainingLots,
            CancelReason reason) implements ExchangeEvent {
    }

    record OrderExpired(long timestampNs, int instrumentId, long orderId, long accountId, long remainingLots)
            implements ExchangeEvent {
    }

    record OrderAmended(long timestampNs, int instrumentId, long orderId, long accountId, long priceTicks,
            long quantityLots, boolean priorityKept) implements ExchangeEvent {
    }

    record SelfTradePrevented(long timestampNs, int instrumentId, long takerOrderId, long makerOrderId,
            long accountId, StpMode mode, long quantityLots) implements ExchangeEvent {
    }

    record BookLevel(long timestampNs, int instrumentId, Side side, long priceTicks, long totalQuantityLots,
            int orderCount) implements ExchangeEvent {
    }

    record Transfer(long timestampNs, long idHi, long idLo, long debitOwner, AccountPurpose debitPurpose,
            long creditOwner, AccountPurpose creditPurpose, int assetId, long amount, TransferKind kind, int flags)
            implements ExchangeEvent {
    }

    record CommandApplied(long timestampNs, CommandType commandType, long accountId, long key)
            implements ExchangeEvent {
    }

    record CommandRejected(long timestampNs, CommandType commandType, long accountId, long key, RejectReason reason)
            implements ExchangeEvent {
    }
}
