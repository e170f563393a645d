package space.tokenta.engine.snapshot;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.agrona.DirectBuffer;

/** Reads what {@link SnapshotWriter} wrote, checking every read against the snapshot's length. */
public final class SnapshotReader {
    private final DirectBuffer buffer;
    private final int end;
    private int position;

    public SnapshotReader(final DirectBuffer buffer, final int offset, final int length) {
        this.buffer = buffer;
        this.position = offset;
        this.end = offset + length;
    }

    private void need(final int bytes) {
        if (position + bytes > end) {
            throw new IllegalArgumentException("snapshot truncated at " + position);
        }
    }

    public long getLong() {
        need(Long.BYTES);
        final long value = buffer.getLong(position, ByteOrder.LITTLE_ENDIAN);
        position += Long.BYTES;
        return value;
    }

    public int getInt() {
        need(Integer.BYTES);
        final int value = buffer.getInt(position, ByteOrder.LITTLE_ENDIAN);
        position += Integer.BYTES;
        return value;
    }

    public int getByte() {
        need(1);
        return buffer.getByte(position++);
    }

    /** @return a count read as an int, checked to be within [0, max]. */
    public int getCount(final int max) {
        final int count = getInt();
        if (count < 0 || count > max) {
            throw new IllegalArgumentException("snapshot count out of range: " + count);
        }
        return count;
    }

    public String getString(final int maxLength) {
        final int length = getCount(maxLength);
        need(length);
        final byte[] bytes = new byte[length];
        buffer.getBytes(position, bytes);
        position += length;
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    public boolean atEnd() {
        return position == end;
    }
}
