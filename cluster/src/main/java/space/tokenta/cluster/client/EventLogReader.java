package space.tokenta.cluster.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.agrona.concurrent.UnsafeBuffer;
import space.tokenta.cluster.codec.CodecException;
import space.tokenta.cluster.codec.CommandCodec;
import space.tokenta.cluster.codec.EventDecoder;
import space.tokenta.cluster.codec.MessageHeader;
import space.tokenta.cluster.codec.Messages;
import space.tokenta.cluster.service.EventJournal;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.event.EventSink;

/**
 * Follows a node's event journal by log position: {@code new EventLogReader(nodeDir, afterPosition)}
 * then {@link #poll} repeatedly; each record (one applied command and its events) is delivered once,
 * in log order. To resume after a crash, a consumer stores the last position it processed (in the same
 * transaction as its own state) and passes it as {@code afterPosition}. Not thread-safe.
 */
public final class EventLogReader implements AutoCloseable {
    /** What a consumer implements. */
    public interface Handler {
        /**
         * One applied command (its fields as sequenced: timestamp and assigned order ids filled in).
         * {@code clusterSessionId} is -1 for commands the cluster issued itself (timer ticks).
         *
         * @return the sink that receives this record's events, or null to skip them
         */
        EventSink onCommand(long logPosition, long clusterSessionId, long requestId, Command command, int eventCount);
    }

    private final Path file;
    private final long afterPosition;
    private FileChannel channel;
    private ByteBuffer readBuffer = ByteBuffer.allocateDirect(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private UnsafeBuffer view = new UnsafeBuffer(readBuffer);
    private final ByteBuffer lengthBuffer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    private final Command command = new Command();
    private final EventDecoder decoder = new EventDecoder();
    private long fileOffset;
    private long lastPosition;

    /** @param nodeDirectory a node's data directory (the journal lives in its {@code events} folder) */
    public EventLogReader(final Path nodeDirectory, final long afterPosition) {
        this.file = nodeDirectory.resolve("events").resolve(EventJournal.FILE_NAME);
        this.afterPosition = afterPosition;
        this.lastPosition = afterPosition;
    }

    /** @return the log position of the last record delivered (or the start position). */
    public long position() {
        return lastPosition;
    }

    /**
     * Delivers up to {@code maxRecords} complete records that are newer than the last delivered one.
     *
     * @return records delivered
     */
    public int poll(final Handler handler, final int maxRecords) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be positive");
        }
        try {
            if (channel == null) {
                if (!Files.exists(file)) {
                    return 0;
                }
                channel = FileChannel.open(file, StandardOpenOption.READ);
            }
            int delivered = 0;
            final long size = channel.size();
            while (delivered < maxRecords && fileOffset + 4 <= size) {
                lengthBuffer.clear();
                readFully(lengthBuffer, fileOffset);
                final int length = lengthBuffer.getInt(0);
                if (length == 0 && size - fileOffset <= 4L + EventJournal.MAX_FRAME_BYTES + EventJournal.FRAME_ALIGNMENT) {
                    break; // the writer has not finished this frame yet
                }
                if (length < Messages.JOURNAL_COMMAND || length > EventJournal.MAX_FRAME_BYTES) {
                    throw new CodecException("corrupt journal frame length " + length + " at " + fileOffset);
                }
                if (fileOffset + 4 + length > size) {
                    break;
                }
                if (readBuffer.capacity() < length) {
                    readBuffer = ByteBuffer.allocateDirect(Integer.highestOneBit(length) << 1)
                            .order(ByteOrder.LITTLE_ENDIAN);
                    view = new UnsafeBuffer(readBuffer);
                }
                readBuffer.clear().limit(length);
                readFully(readBuffer, fileOffset + 4);
                fileOffset = EventJournal.nextFrameOffset(fileOffset, length);
                if (deliver(handler, length)) {
                    delivered++;
                }
            }
            return delivered;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean deliver(final Handler handler, final int length) {
        if (MessageHeader.templateId(view, 0, length) != MessageHeader.TEMPLATE_JOURNAL_RECORD) {
            throw new CodecException("not a journal record");
        }
        final long logPosition = view.getLong(Messages.JOURNAL_LOG_POSITION);
        if (logPosition <= lastPosition) {
            return false;
        }
        final int commandLength = view.getInt(Messages.JOURNAL_COMMAND_LENGTH);
        CommandCodec.decode(view, Messages.JOURNAL_COMMAND, commandLength, command);
        final int eventsAt = Messages.JOURNAL_COMMAND + commandLength;
        final int eventCount = view.getInt(eventsAt);
        final int eventsLength = view.getInt(eventsAt + 4);
        if (eventsAt + 8 + eventsLength != length) {
            throw new CodecException("journal record length mismatch at position " + logPosition);
        }
        final EventSink sink = handler.onCommand(logPosition, view.getLong(Messages.JOURNAL_SESSION_ID),
                view.getLong(Messages.JOURNAL_REQUEST_ID), command, eventCount);
        if (sink != null) {
            decoder.decode(view, eventsAt + 8, eventsLength, eventCount, sink);
        }
        lastPosition = logPosition;
        return true;
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

    /** The start position this reader was opened with. */
    public long afterPosition() {
        return afterPosition;
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
