package space.tokenta.cluster.codec;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;
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

/**
 * An {@link EventSink} that appends every event to a batch: per event a u16 event template id
 * ({@link EventTemplates}) then its fields in declaration order (longs, ints, enum codes as bytes).
 * {@link EventDecoder} reads the batch back into any EventSink. Reused: {@link #reset()} per command.
 */
public final class EventEncoder implements EventSink {
    /** Bound on one batch; a command whose events would exceed it fails loudly. */
    public static final int MAX_BATCH_BYTES = 16 * 1024 * 1024;

    private final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(4096);
    private int length;
    private int eventCount;

    public void reset() {
        length = 0;
        eventCount = 0;
    }

    public MutableDirectBuffer buffer() {
        return buffer;
    }

    public int length() {
        return length;
    }

    public int eventCount() {
        return eventCount;
    }

    private void begin(final int templateId, final int bodyLength) {
        if (length + 2 + bodyLength > MAX_BATCH_BYTES) {
            throw new CodecException("event batch exceeds " + MAX_BATCH_BYTES + " bytes");
        }
        buffer.checkLimit(length + 2 + bodyLength);
        buffer.putShort(length, (short)templateId);
        length += 2;
        eventCount++;
    }

    private void l(final long value) {
        buffer.putLong(length, value);
        length += 8;
    }

    private void i(final int value) {
        buffer.putInt(length, value);
        length += 4;
    }

    private void b(final int value) {
        buffer.putByte(length, (byte)value);
        length += 1;
    }

    @Override
    public void onOrderAccepted(final long timestampNs, final int instrumentId, final long orderId,
            final long accountId, final long clientOrderId, final Side side, final OrderType orderType,
            final TimeInForce timeInForce, final long priceTicks, final long quantityLots) {
        begin(EventTemplates.ORDER_ACCEPTED, 8 * 6 + 4 + 3);
        l(timestampNs); i(instrumentId); l(orderId); l(accountId); l(clientOrderId);
        b(side.code()); b(orderType.code()); b(timeInForce.code()); l(priceTicks); l(quantityLots);
    }

    @Override
    public void onOrderRejected(final long timestampNs, final CommandType commandType, final int instrumentId,
            final long orderId, final long accountId, final long clientOrderId, final RejectReason reason) {
        begin(EventTemplates.ORDER_REJECTED, 8 * 4 + 4 + 2);
        l(timestampNs); b(commandType.code()); i(instrumentId); l(orderId); l(accountId); l(clientOrderId);
        b(reason.code());
    }

    @Override
    public void onDuplicateOrder(final long timestampNs, final int instrumentId, final long orderId,
            final long accountId, final long clientOrderId, final RejectReason originalOutcome) {
        begin(EventTemplates.DUPLICATE_ORDER, 8 * 4 + 4 + 1);
        l(timestampNs); i(instrumentId); l(orderId); l(accountId); l(clientOrderId); b(originalOutcome.code());
    }

    @Override
    public void onTrade(final long timestampNs, final int instrumentId, final long tradeId, final long makerOrderId,
            final long makerAccountId, final long takerOrderId, final long takerAccountId, final Side takerSide,
            final long priceTicks, final long quantityLots, final long makerRemainingLots,
            final long takerRemainingLots, final long notional, final long buyerFee, final long sellerFee,
            final long settlementIdHi, final long settlementIdLo) {
        begin(EventTemplates.TRADE, 8 * 15 + 4 + 1);
        l(timestampNs); i(instrumentId); l(tradeId); l(makerOrderId); l(makerAccountId); l(takerOrderId);
        l(takerAccountId); b(takerSide.code()); l(priceTicks); l(quantityLots); l(makerRemainingLots);
        l(takerRemainingLots); l(notional); l(buyerFee); l(sellerFee); l(settlementIdHi); l(settlementIdLo);
    }

    @Override
    public void onOrderCancelled(final long timestampNs, final int instrumentId, final long orderId,
            final long accountId, final long remainingLots, final CancelReason reason) {
        begin(EventTemplates.ORDER_CANCELLED, 8 * 4 + 4 + 1);
        l(timestampNs); i(instrumentId); l(orderId); l(accountId); l(remainingLots); b(reason.code());
    }

    @Override
    public void onOrderExpired(final long timestampNs, final int instrumentId, final long orderId,
            final long accountId, final long remainingLots) {
        begin(EventTemplates.ORDER_EXPIRED, 8 * 4 + 4);
        l(timestampNs); i(instrumentId); l(orderId); l(accountId); l(remainingLots);
    }

    @Override
    public void onOrderAmended(final long timestampNs, final int instrumentId, final long orderId,
            final long accountId, final long priceTicks, final long quantityLots, final boolean priorityKept) {
        begin(EventTemplates.ORDER_AMENDED, 8 * 5 + 4 + 1);
        l(timestampNs); i(instrumentId); l(orderId); l(accountId); l(priceTicks); l(quantityLots);
        b(priorityKept ? 1 : 0);
    }

    @Override
    public void onSelfTradePrevented(final long timestampNs, final int instrumentId, final long takerOrderId,
            final long makerOrderId, final long accountId, final StpMode mode, final long quantityLots) {
        begin(EventTemplates.SELF_TRADE_PREVENTED, 8 * 5 + 4 + 1);
        l(timestampNs); i(instrumentId); l(takerOrderId); l(makerOrderId); l(accountId); b(mode.code());
        l(quantityLots);
    }

    @Override
    public void onBookLevel(final long timestampNs, final int instrumentId, final Side side, final long priceTicks,
            final long totalQuantityLots, final int orderCount) {
        begin(EventTemplates.BOOK_LEVEL, 8 * 3 + 4 * 2 + 1);
        l(timestampNs); i(instrumentId); b(side.code()); l(priceTicks); l(totalQuantityLots); i(orderCount);
    }

    @Override
    public void onTransfer(final long timestampNs, final long idHi, final long idLo, final long debitOwner,
            final AccountPurpose debitPurpose, final long creditOwner, final AccountPurpose creditPurpose,
            final int assetId, final long amount, final TransferKind kind, final int flags) {
        begin(EventTemplates.TRANSFER, 8 * 6 + 4 * 2 + 3);
        l(timestampNs); l(idHi); l(idLo); l(debitOwner); b(debitPurpose.code()); l(creditOwner);
        b(creditPurpose.code()); i(assetId); l(amount); b(kind.code()); i(flags);
    }

    @Override
    public void onCommandApplied(final long timestampNs, final CommandType commandType, final long accountId,
            final long key) {
        begin(EventTemplates.COMMAND_APPLIED, 8 * 3 + 1);
        l(timestampNs); b(commandType.code()); l(accountId); l(key);
    }

    @Override
    public void onCommandRejected(final long timestampNs, final CommandType commandType, final long accountId,
            final long key, final RejectReason reason) {
        begin(EventTemplates.COMMAND_REJECTED, 8 * 3 + 2);
        l(timestampNs); b(commandType.code()); l(accountId); l(key); b(reason.code());
    }
}
