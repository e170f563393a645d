package space.tokenta.engine.event;

import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.ledger.AccountPurpose;
import space.tokenta.engine.ledger.TransferKind;
import space.tokenta.engine.order.OrderType;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;

/** The events of {@link EventSink} as plain records, for tests, tools and consumers that may allocate. */
public sealed interface Event {
    long timestampNs();

    record OrderAccepted(long timestampNs, int instrumentId, long orderId, long accountId, long clientOrderId,
            Side side, OrderType orderType, TimeInForce timeInForce, long priceTicks, long quantityLots)
            implements Event {
    }

    record OrderRejected(long timestampNs, CommandType commandType, int instrumentId, long orderId, long accountId,
            long clientOrderId, RejectReason reason) implements Event {
    }

    record DuplicateOrder(long timestampNs, int instrumentId, long orderId, long accountId, long clientOrderId,
            RejectReason originalOutcome) implements Event {
    }

    record Trade(long timestampNs, int instrumentId, long tradeId, long makerOrderId, long makerAccountId,
            long takerOrderId, long takerAccountId, Side takerSide, long priceTicks, long quantityLots,
            long makerRemainingLots, long takerRemainingLots, long notional, long buyerFee, long sellerFee,
            long settlementIdHi, long settlementIdLo) implements Event {
    }

    record OrderCancelled(long timestampNs, int instrumentId, long orderId, long accountId, long remainingLots,
            CancelReason reason) implements Event {
    }

    record OrderExpired(long timestampNs, int instrumentId, long orderId, long accountId, long remainingLots)
            implements Event {
    }

    record OrderAmended(long timestampNs, int instrumentId, long orderId, long accountId, long priceTicks,
            long quantityLots, boolean priorityKept) implements Event {
    }

    record SelfTradePrevented(long timestampNs, int instrumentId, long takerOrderId, long makerOrderId,
            long accountId, StpMode mode, long quantityLots) implements Event {
    }

    record BookLevel(long timestampNs, int instrumentId, Side side, long priceTicks, long totalQuantityLots,
            int orderCount) implements Event {
    }

    record Transfer(long timestampNs, long idHi, long idLo, long debitOwner, AccountPurpose debitPurpose,
            long creditOwner, AccountPurpose creditPurpose, int assetId, long amount, TransferKind kind, int flags)
            implements Event {
    }

    record CommandApplied(long timestampNs, CommandType commandType, long accountId, long key) implements Event {
    }

    record CommandRejected(long timestampNs, CommandType commandType, long accountId, long key, RejectReason reason)
            implements Event {
    }
}
