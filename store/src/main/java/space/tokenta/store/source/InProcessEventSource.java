package space.tokenta.store.source;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import space.tokenta.engine.Engine;
import space.tokenta.engine.EngineConfig;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.event.Event;
import space.tokenta.engine.event.RecordingEventSink;

/**
 * An engine plus an append-only, in-memory command log: {@link #append} sequences a command,
 * applies it and keeps its events at the next log position. Positions grow by a per-entry size
 * (as byte positions in a real log do), so consumers must not assume consecutive numbers. Safe for
 * one producer thread and any number of polling threads.
 */
public final class InProcessEventSource implements EventSource {
    /** Position step per entry plus per event: an approximation of an encoded log's byte growth. */
    public static final int ENTRY_BYTES = 64;
    public static final int EVENT_BYTES = 96;
    private static final int INITIAL_CAPACITY = 1 << 12;

    private final Engine engine;
    private final RecordingEventSink recorder = new RecordingEventSink();
    private final Object lock = new Object();
    private long[] positions = new long[INITIAL_CAPACITY];
    private LogEntry[] entries = new LogEntry[INITIAL_CAPACITY];
    private int count;

    public InProcessEventSource() {
        this(EngineConfig.DEFAULT);
    }

    public InProcessEventSource(final EngineConfig config) {
        this.engine = new Engine(config);
    }

    /** Sequences {@code command} (copied), applies it and returns its entry. */
    public LogEntry append(final Command command) {
        final Command copy = new Command().copyFrom(command);
        synchronized (lock) {
            recorder.clear();
            engine.apply(copy, recorder);
            final List<Event> events = recorder.drain();
            final long previous = count == 0 ? 0 : positions[count - 1];
            final LogEntry entry = new LogEntry(previous + ENTRY_BYTES + (long) EVENT_BYTES * events.size(), copy,
                    events);
            if (count == positions.length) {
                positions = Arrays.copyOf(positions, count * 2);
                entries = Arrays.copyOf(entries, count * 2);
            }
            positions[count] = entry.position();
            entries[count] = entry;
            count++;
            return entry;
        }
    }

    /** Reads the engine's state under the log's lock (tests and tools: balances, open orders). */
    public <T> T readEngine(final Function<Engine, T> reader) {
        synchronized (lock) {
            return reader.apply(engine);
        }
    }

    public int entryCount() {
        synchronized (lock) {
            return count;
        }
    }

    /** The entries appended so far, in order (a copy). */
    public List<LogEntry> entries() {
        synchronized (lock) {
            return List.of(Arrays.copyOf(entries, count));
        }
    }

    @Override
    public long headPosition() {
        synchronized (lock) {
            return count == 0 ? 0 : positions[count - 1];
        }
    }

    @Override
    public int poll(final long afterPosition, final int maxEntries, final EntryHandler handler) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        }
        final LogEntry[] slice;
        synchronized (lock) {
            int from = Arrays.binarySearch(positions, 0, count, afterPosition);
            from = from >= 0 ? from + 1 : -from - 1;
            final int to = Math.min(count, from + maxEntries);
            slice = Arrays.copyOfRange(entries, from, Math.max(from, to));
        }
        // Handlers run outside the lock so that a slow consumer never blocks the producer.
        for (final LogEntry entry : slice) {
            handler.onEntry(entry);
        }
        return slice.length;
    }
}
