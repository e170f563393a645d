package space.tokenta.cluster.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The 8-byte header every Tokenta cluster message starts with (little-endian, as SBE):
 * schema id (u16), schema version (u16), template id (u16), reserved (u16, zero).
 * A decoder rejects a foreign schema id and a version newer than it knows.
 */
public final class MessageHeader {
    public static final int LENGTH = 8;
    /** "TK". */
    public static final int SCHEMA_ID = 0x544B;
    public static final int SCHEMA_VERSION = 1;

    /** Ingress: a command for the engine. */
    public static final int TEMPLATE_COMMAND_REQUEST = 1;
    /** Egress: the outcome of one command (its events). */
    public static final int TEMPLATE_COMMAND_RESPONSE = 2;
    /** Ingress: an admin query, applied in log order like a command. */
    public static final int TEMPLATE_ADMIN_REQUEST = 3;
    /** Egress: the answer to an admin query. */
    public static final int TEMPLATE_ADMIN_RESPONSE = 4;
    /** Event journal: one applied command and its events. */
    public static final int TEMPLATE_JOURNAL_RECORD = 5;
    /** Snapshot: the service state (engine bytes plus the service's own counters). */
    public static final int TEMPLATE_SNAPSHOT = 6;

    private MessageHeader() {
    }

    public static int write(final MutableDirectBuffer buffer, final int offset, final int templateId) {
        buffer.putShort(offset, (short)SCHEMA_ID);
        buffer.putShort(offset + 2, (short)SCHEMA_VERSION);
        buffer.putShort(offset + 4, (short)templateId);
        buffer.putShort(offset + 6, (short)0);
        return LENGTH;
    }

    /** @return the template id, or -1 when the bytes are not a message of a schema version this code knows. */
    public static int templateId(final DirectBuffer buffer, final int offset, final int length) {
        if (length < LENGTH) {
            return -1;
        }
        final int schemaId = buffer.getShort(offset) & 0xFFFF;
        final int version = buffer.getShort(offset + 2) & 0xFFFF;
        if (schemaId != SCHEMA_ID || version < 1 || version > SCHEMA_VERSION) {
            return -1;
        }
        return buffer.getShort(offset + 4) & 0xFFFF;
    }
}
