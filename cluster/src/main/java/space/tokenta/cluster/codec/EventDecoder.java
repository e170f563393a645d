package space.tokenta.cluster.codec;

import java.util.function.IntFunction;
import org.agrona.DirectBuffer;
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

/** Reads an {@link EventEncoder} batch back into an {@link EventSink}, event by event, in order. */
public final class EventDecoder {
    private DirectBuffer buffer;
    private int position;
    private int limit;

    /** Decodes {@code eventCount} events from {@code length} bytes. @throws CodecException on malformed bytes. */
    public void decode(final DirectBuffer buffer, final int offset, final int length, final int eventCount,
            final EventSink sink) {
        this.buffer = buffer;
        this.position = offset;
        this.limit = offset + length;
        for (int n = 0; n < eventCount; n++) {
            need(2);
            final int template = buffer.getShort(position) & 0xFFFF;
            position += 2;
            switch (template) {
                case EventTemplates.ORDER_ACCEPTED -> sink.onOrderAccepted(l(), i(), l(), l(), l(),
                        e(Side::fromCode), e(OrderType::fromCode), e(TimeInForce::fromCode), l(), l());
                case EventTemplates.ORDER_REJECTED -> sink.onOrderRejected(l(), e(CommandType::fromCode), i(), l(),
                        l(), l(), e(RejectReason::fromCode));
                case EventTemplates.DUPLICATE_ORDER -> sink.onDuplicateOrder(l(), i(), l(), l(), l(),
                        e(RejectReason::fromCode));
                case EventTemplates.TRADE -> sink.onTrade(l(), i(), l(), l(), l(), l(), l(), e(Side::fromCode), l(),
                        l(), l(), l(), l(), l(), l(), l(), l());
                case EventTemplates.ORDER_CANCELLED -> sink.onOrderCancelled(l(), i(), l(), l(), l(),
                        e(CancelReason::fromCode));
                case EventTemplates.ORDER_EXPIRED -> sink.onOrderExpired(l(), i(), l(), l(), l());
                case EventTemplates.ORDER_AMENDED -> sink.onOrderAmended(l(), i(), l(), l(), l(), l(), bool());
                case EventTemplates.SELF_TRADE_PREVENTED -> sink.onSelfTradePrevented(l(), i(), l(), l(), l(),
                        e(StpMode::fromCode), l());
                case EventTemplates.BOOK_LEVEL -> sink.onBookLevel(l(), i(), e(Side::fromCode), l(), l(), i());
                case EventTemplates.TRANSFER -> sink.onTransfer(l(), l(), l(), l(), e(AccountPurpose::fromCode), l(),
                        e(AccountPurpose::fromCode), i(), l(), e(TransferKind::fromCode), i());
                case EventTemplates.COMMAND_APPLIED -> sink.onCommandApplied(l(), e(CommandType::fromCode), l(), l());
                case EventTemplates.COMMAND_REJECTED -> sink.onCommandRejected(l(), e(CommandType::fromCode), l(),
                        l(), e(RejectReason::fromCode));
                default -> throw new CodecException("unknown event template " + template);
            }
        }
        if (position != limit) {
            throw new CodecException("trailing bytes after " + eventCount + " events");
        }
    }

    private void need(final int bytes) {
        if (position + bytes > limit) {
            throw new CodecException("event batch truncated");
        }
    }

    private long l() {
        need(8);
        final long value = buffer.getLong(position);
        position += 8;
        return value;
    }

    private int i() {
        need(4);
        final int value = buffer.getInt(position);
        position += 4;
        return value;
    }

    private boolean bool() {
        need(1);
        return buffer.getByte(position++) != 0;
    }

    private <T> T e(final IntFunction<T> fromCode) {
        need(1);
        final int code = buffer.getByte(position++);
        final T value = fromCode.apply(code);
        if (value == null) {
            throw new CodecException("unknown enum code " + code);
        }
        return value;
    }
}
