package space.tokenta.cluster.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import space.tokenta.cluster.codec.MessageHeader;
import space.tokenta.cluster.codec.Messages;

/**
 * This node's append-only event journal: one frame per applied command (i32 frame length, then a
 * JOURNAL_RECORD message), in log order, each tagged with the cluster log position of its command.
 * Replaying the log after a restart regenerates records the journal already has: they are skipped by
 * position, so the journal holds every position once. A torn frame at the tail (a crash mid-write)
 * is cut off when the journal is opened. Frames start at 8-byte aligned offsets and the length is
 * written after the body, so a reader racing the writer sees either length 0 (not yet) or a whole frame.
 * Records are written in batches ({@link #flush()}), two writes per batch.
 * Consumers read it with
 * {@link space.tokenta.cluster.client.EventLogReader}.
 */
public final class EventJournal implements AutoCloseable {
    public static final String FILE_NAME = "events.journal";
    /** Bound on one frame (a command plus its events). */
    public static final int MAX_FRAME_BYTES = 32 * 1024 * 1024;
    public static final int FRAME_ALIGNMENT = 8;

    /** Offset of the frame after one at {@code offset} with a record of {@code recordLength} bytes. */
    public static long nextFrameOffset(final long offset, final int recordLength) {
        return (offset + 4 + recordLength + FRAME_ALIGNMENT - 1) & -FRAME_ALIGNMENT;
    }

    private final FileChannel channel;
    /** Records not yet written; bounded (grown only for a single frame larger than it). */
    public static final int BATCH_BYTES = 256 * 1024;
    private ByteBuffer batch = ByteBuffer.allocateDirect(BATCH_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private UnsafeBuffer batchView = new UnsafeBuffer(batch);
    private int batchLength;
    private int firstRecordLength;
    private long lastLogPosition;
    /** Bytes on file plus the pending batch. */
    private long sizeBytes;
    private long writtenBytes;

    public EventJournal(final Path directory) {
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(directory.resolve(FILE_NAME), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            recover();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Scans the frames, remembers the last position and cuts a torn tail. */
    private void recover() throws IOException {
        final long fileSize = channel.size();
        final ByteBuffer head = ByteBuffer.allocate(4 + Messages.JOURNAL_LOG_POSITION + 8).order(ByteOrder.LITTLE_ENDIAN);
        long offset = 0;
        long position = 0;
        while (offset + head.capacity() <= fileSize) {
            head.clear();
            readFully(head, offset);
            final int length = head.getInt(0);
            if (length < Messages.JOURNAL_COMMAND || length > MAX_FRAME_BYTES || offset + 4 + length > fileSize) {
                break;
            }
            position = head.getLong(4 + Messages.JOURNAL_LOG_POSITION);
            offset = nextFrameOffset(offset, length);
        }
        if (offset < fileSize) {
            channel.truncate(offset);
        }
        // a frame may have been cut inside its padding: writes continue at the aligned offset
        sizeBytes = offset;
        writtenBytes = offset;
        lastLogPosition = position;
    }

    private void readFully(final ByteBuffer buffer, final long offset) throws IOException {
        long at = offset;
        while (buffer.hasRemaining()) {
            final int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException("journal ended early");
            }
            at += n;
        }
    }

    /** @return the log position of the newest record (0 when empty). */
    public long lastLogPosition() {
        return lastLogPosition;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    /**
     * Appends one record unless the journal already has {@code logPosition}. The record goes into a bounded
     * batch that {@link #flush()} writes (the service flushes after each duty cycle); a full batch is written
     * at once. A crash loses at most the unwritten batch, which the log replay after restart writes again.
     *
     * @return true when taken
     */
    public boolean append(final long logPosition, final long clusterSessionId, final long requestId,
            final long timestampNs, final DirectBuffer command, final int commandOffset, final int commandLength,
            final int eventCount, final DirectBuffer events, final int eventsLength) {
        if (logPosition <= lastLogPosition) {
            return false;
        }
        final int recordLength = Messages.JOURNAL_COMMAND + commandLength + 8 + eventsLength;
        if (recordLength > MAX_FRAME_BYTES) {
            throw new IllegalStateException("journal record of " + recordLength + " bytes exceeds the bound");
        }
        final int framed = (int)(nextFrameOffset(0, recordLength));
        if (batchLength + framed > batch.capacity()) {
            flush();
        }
        ensureCapacity(framed);
        final UnsafeBuffer b = batchView;
        final int f = batchLength;
        // the batch's first frame keeps length 0 until the whole batch is on file (see flush)
        b.putInt(f, f == 0 ? 0 : recordLength);
        MessageHeader.write(b, f + 4, MessageHeader.TEMPLATE_JOURNAL_RECORD);
        b.putLong(f + 4 + Messages.JOURNAL_LOG_POSITION, logPosition);
        b.putLong(f + 4 + Messages.JOURNAL_SESSION_ID, clusterSessionId);
        b.putLong(f + 4 + Messages.JOURNAL_REQUEST_ID, requestId);
        b.putLong(f + 4 + Messages.JOURNAL_TIMESTAMP, timestampNs);
        b.putInt(f + 4 + Messages.JOURNAL_COMMAND_LENGTH, commandLength);
        int p = f + 4 + Messages.JOURNAL_COMMAND;
        b.putBytes(p, command, commandOffset, commandLength);
        p += commandLength;
        b.putInt(p, eventCount);
        b.putInt(p + 4, eventsLength);
        p += 8;
        if (eventsLength > 0) {
            b.putBytes(p, events, 0, eventsLength);
        }
        p += eventsLength;
        b.setMemory(p, f + framed - p, (byte)0);
        if (f == 0) {
            firstRecordLength = recordLength;
        }
        batchLength = f + framed;
        sizeBytes += framed;
        lastLogPosition = logPosition;
        return true;
    }

    /**
     * Writes the pending batch: every frame (the first with length 0), then the first frame's length, so a
     * reader racing the writer sees either nothing new or whole frames. Two writes per batch, not per record.
     *
     * @return bytes written
     */
    public int flush() {
        final int length = batchLength;
        if (length == 0) {
            return 0;
        }
        final ByteBuffer out = batch;
        try {
            out.clear().limit(length);
            long at = writtenBytes;
            while (out.hasRemaining()) {
                at += channel.write(out, at);
            }
            batchView.putInt(0, firstRecordLength);
            out.clear().limit(4);
            at = writtenBytes;
            while (out.hasRemaining()) {
                at += channel.write(out, at);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        writtenBytes += length;
        batchLength = 0;
        return length;
    }

    private void ensureCapacity(final int bytes) {
        if (batch.capacity() < bytes) {
            batch = ByteBuffer.allocateDirect(Integer.highestOneBit(bytes) << 1).order(ByteOrder.LITTLE_ENDIAN);
            batchView = new UnsafeBuffer(batch);
        }
    }

    /** Forces written records to the storage device (called when a snapshot is taken). */
    public void force() {
        flush();
        try {
            channel.force(false);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        flush();
        try {
            channel.close();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
