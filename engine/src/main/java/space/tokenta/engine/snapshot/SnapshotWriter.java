package space.tokenta.engine.snapshot;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.agrona.MutableDirectBuffer;

/** Appends little-endian primitives to a buffer (expandable buffers grow as needed). */
public final class SnapshotWriter {
    private final MutableDirectBuffer buffer;
    private final int start;
    private int position;

    public SnapshotWriter(final MutableDirectBuffer buffer, final int offset) {
        this.buffer = buffer;
        this.start = offset;
        this.position = offset;
    }

    public SnapshotWriter putLong(final long value) {
        buffer.putLong(position, value, ByteOrder.LITTLE_ENDIAN);
        position += Long.BYTES;
        return this;
    }

    public SnapshotWriter putInt(final int value) {
        buffer.putInt(position, value, ByteOrder.LITTLE_ENDIAN);
        position += Integer.BYTES;
        return this;
    }

    public SnapshotWriter putByte(final int value) {
        buffer.putByte(position, (byte) value);
        position += 1;
        return this;
    }

    public SnapshotWriter putString(final String value) {
        final byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        putInt(bytes.length);
        buffer.putBytes(position, bytes);
        position += bytes.length;
        return this;
    }

    public int length() {
        return position - start;
    }
}
