package space.tokenta.store.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import space.tokenta.cluster.client.EventLogReader;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.event.NoOpEventSink;
import space.tokenta.engine.event.RecordingEventSink;

/**
 * A cluster node's event journal as an {@link EventSource}: each record is the command as the cluster
 * sequenced it, with its events, at its log position. {@link #poll} is for one thread (the projector);
 * {@link #headPosition} may be called from any thread.
 */
public final class ClusterEventSource implements EventSource, AutoCloseable {
    /** Most records the head scan reads per call; the next call continues where it stopped. */
    public static final int MAX_HEAD_SCAN_RECORDS = 100_000;

    private final Path nodeDirectory;
    private final RecordingEventSink recorder = new RecordingEventSink();
    private final List<LogEntry> batch = new ArrayList<>();
    private EventLogReader reader;
    private long recordPosition;
    private Command recordCommand;

    private final Object headLock = new Object();
    private EventLogReader headReader;

    /** @param nodeDirectory the node's data directory (its journal lives in {@code events/}) */
    public ClusterEventSource(final Path nodeDirectory) {
        this.nodeDirectory = nodeDirectory;
    }

    @Override
    public long headPosition() {
        // a second reader walks the journal ahead of the projector, skipping the events, to find the newest position
        synchronized (headLock) {
            if (headReader == null) {
                headReader = new EventLogReader(nodeDirectory, 0);
            }
            headReader.poll((logPosition, sessionId, requestId, command, eventCount) -> NoOpEventSink.INSTANCE,
                    MAX_HEAD_SCAN_RECORDS);
            return headReader.position();
        }
    }

    @Override
    public int poll(final long afterPosition, final int maxEntries, final EntryHandler handler) {
        if (reader == null || reader.position() != afterPosition) {
            closeReader(); // the projector asks from another position (restart, rebuild): reopen there
            reader = new EventLogReader(nodeDirectory, afterPosition);
        }
        batch.clear();
        reader.poll((logPosition, sessionId, requestId, command, eventCount) -> {
            finishRecord();
            recordPosition = logPosition;
            recordCommand = new Command().copyFrom(command); // the reader reuses its Command
            recorder.clear();
            return recorder; // this record's events are decoded into it after we return
        }, maxEntries);
        finishRecord();
        for (final LogEntry entry : batch) {
            handler.onEntry(entry);
        }
        return batch.size();
    }

    private void finishRecord() {
        if (recordCommand != null) {
            batch.add(new LogEntry(recordPosition, recordCommand, recorder.drain()));
            recordCommand = null;
        }
    }

    private void closeReader() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    @Override
    public void close() {
        closeReader();
        synchronized (headLock) {
            if (headReader != null) {
                headReader.close();
                headReader = null;
            }
        }
    }
}
