package space.tokenta.cluster.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import space.tokenta.engine.command.Command;

/**
 * Layouts of the cluster messages after the {@link MessageHeader} (all little-endian):
 * <pre>
 * COMMAND_REQUEST  requestId i64, command ({@link CommandCodec})
 * COMMAND_RESPONSE requestId i64, logPosition i64, timestampNs i64, orderId i64, newOrderId i64,
 *                  eventCount i32 (-1 = events too large for egress: read them from the event journal),
 *                  eventsLength i32, events ({@link EventEncoder})
 * ADMIN_REQUEST    requestId i64, kind i32
 * ADMIN_RESPONSE   requestId i64, logPosition i64, timestampNs i64, stateHash i64, lastSnapshotLogPosition i64,
 *                  memberId i32, instrumentCount i32, assetCount i32, openOrders i32, pendingTransfers i32
 * JOURNAL_RECORD   logPosition i64, clusterSessionId i64, requestId i64, timestampNs i64, commandLength i32,
 *                  command, eventCount i32, eventsLength i32, events
 * </pre>
 */
public final class Messages {
    public static final int ADMIN_STATUS = 1;

    public static final int RESPONSE_REQUEST_ID = MessageHeader.LENGTH;
    public static final int RESPONSE_LOG_POSITION = RESPONSE_REQUEST_ID + 8;
    public static final int RESPONSE_TIMESTAMP = RESPONSE_LOG_POSITION + 8;
    public static final int RESPONSE_ORDER_ID = RESPONSE_TIMESTAMP + 8;
    public static final int RESPONSE_NEW_ORDER_ID = RESPONSE_ORDER_ID + 8;
    public static final int RESPONSE_EVENT_COUNT = RESPONSE_NEW_ORDER_ID + 8;
    public static final int RESPONSE_EVENTS_LENGTH = RESPONSE_EVENT_COUNT + 4;
    public static final int RESPONSE_EVENTS = RESPONSE_EVENTS_LENGTH + 4;

    public static final int ADMIN_RESPONSE_LENGTH = MessageHeader.LENGTH + 8 * 5 + 4 * 5;

    public static final int JOURNAL_LOG_POSITION = MessageHeader.LENGTH;
    public static final int JOURNAL_SESSION_ID = JOURNAL_LOG_POSITION + 8;
    public static final int JOURNAL_REQUEST_ID = JOURNAL_SESSION_ID + 8;
    public static final int JOURNAL_TIMESTAMP = JOURNAL_REQUEST_ID + 8;
    public static final int JOURNAL_COMMAND_LENGTH = JOURNAL_TIMESTAMP + 8;
    public static final int JOURNAL_COMMAND = JOURNAL_COMMAND_LENGTH + 4;

    private Messages() {
    }

    public static int encodeCommandRequest(final MutableDirectBuffer buffer, final int offset, final long requestId,
            final Command command) {
        int p = offset + MessageHeader.write(buffer, offset, MessageHeader.TEMPLATE_COMMAND_REQUEST);
        buffer.putLong(p, requestId);
        p += 8;
        p += CommandCodec.encode(command, buffer, p);
        return p - offset;
    }

    public static int encodeAdminRequest(final MutableDirectBuffer buffer, final int offset, final long requestId,
            final int kind) {
        int p = offset + MessageHeader.write(buffer, offset, MessageHeader.TEMPLATE_ADMIN_REQUEST);
        buffer.putLong(p, requestId);
        buffer.putInt(p + 8, kind);
        return p + 12 - offset;
    }

    /** Header and fixed fields of a response; the events follow at {@link #RESPONSE_EVENTS}. */
    public static int encodeCommandResponse(final MutableDirectBuffer buffer, final long requestId,
            final long logPosition, final long timestampNs, final long orderId, final long newOrderId,
            final int eventCount, final DirectBuffer events, final int eventsLength) {
        MessageHeader.write(buffer, 0, MessageHeader.TEMPLATE_COMMAND_RESPONSE);
        buffer.putLong(RESPONSE_REQUEST_ID, requestId);
        buffer.putLong(RESPONSE_LOG_POSITION, logPosition);
        buffer.putLong(RESPONSE_TIMESTAMP, timestampNs);
        buffer.putLong(RESPONSE_ORDER_ID, orderId);
        buffer.putLong(RESPONSE_NEW_ORDER_ID, newOrderId);
        buffer.putInt(RESPONSE_EVENT_COUNT, eventCount);
        buffer.putInt(RESPONSE_EVENTS_LENGTH, eventsLength);
        if (eventsLength > 0) {
            buffer.putBytes(RESPONSE_EVENTS, events, 0, eventsLength);
        }
        return RESPONSE_EVENTS + eventsLength;
    }

    /** The state an admin STATUS reports, as plain data. */
    public record Status(long requestId, long logPosition, long timestampNs, long stateHash,
            long lastSnapshotLogPosition, int memberId, int instrumentCount, int assetCount, int openOrders,
            int pendingTransfers) {

        public int encode(final MutableDirectBuffer buffer, final int offset) {
            int p = offset + MessageHeader.write(buffer, offset, MessageHeader.TEMPLATE_ADMIN_RESPONSE);
            buffer.putLong(p, requestId); p += 8;
            buffer.putLong(p, logPosition); p += 8;
            buffer.putLong(p, timestampNs); p += 8;
            buffer.putLong(p, stateHash); p += 8;
            buffer.putLong(p, lastSnapshotLogPosition); p += 8;
            buffer.putInt(p, memberId); p += 4;
            buffer.putInt(p, instrumentCount); p += 4;
            buffer.putInt(p, assetCount); p += 4;
            buffer.putInt(p, openOrders); p += 4;
            buffer.putInt(p, pendingTransfers); p += 4;
            return p - offset;
        }

        public static Status decode(final DirectBuffer buffer, final int offset, final int length) {
            if (length < ADMIN_RESPONSE_LENGTH) {
                throw new CodecException("admin response too short: " + length);
            }
            int p = offset + MessageHeader.LENGTH;
            return new Status(buffer.getLong(p), buffer.getLong(p + 8), buffer.getLong(p + 16),
                    buffer.getLong(p + 24), buffer.getLong(p + 32), buffer.getInt(p + 40), buffer.getInt(p + 44),
                    buffer.getInt(p + 48), buffer.getInt(p + 52), buffer.getInt(p + 56));
        }
    }
}
