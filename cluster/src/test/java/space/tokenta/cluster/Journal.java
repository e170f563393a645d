package space.tokenta.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import space.tokenta.cluster.client.EventLogReader;
import space.tokenta.engine.Engine;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.event.Event;
import space.tokenta.engine.event.RecordingEventSink;

/** A node's whole event journal read through {@link EventLogReader}, and a replay of it on a fresh engine. */
record Journal(List<Entry> entries) {
    record Entry(long logPosition, long sessionId, long requestId, Command command, List<Event> events) {
    }

    static Journal read(final Path nodeDirectory) {
        final List<Entry> entries = new ArrayList<>();
        try (EventLogReader reader = new EventLogReader(nodeDirectory, 0)) {
            final RecordingEventSink sink = new RecordingEventSink();
            final Entry[] pending = new Entry[1];
            while (true) {
                final int n = reader.poll((position, session, request, command, eventCount) -> {
                    flush(pending, sink, entries);
                    pending[0] = new Entry(position, session, request, new Command().copyFrom(command), null);
                    return sink;
                }, 1);
                if (n == 0) {
                    break;
                }
            }
            flush(pending, sink, entries);
        }
        return new Journal(entries);
    }

    private static void flush(final Entry[] pending, final RecordingEventSink sink, final List<Entry> entries) {
        if (pending[0] != null) {
            final Entry e = pending[0];
            entries.add(new Entry(e.logPosition(), e.sessionId(), e.requestId(), e.command(), sink.drain()));
            pending[0] = null;
        }
    }

    /** Applies every journaled command to a fresh engine, checks it emits the journaled events, returns its hash. */
    long replayHash() {
        return replayHash(Long.MAX_VALUE);
    }

    /** As {@link #replayHash()}, over the records before {@code beforePosition}. */
    long replayHash(final long beforePosition) {
        final Engine engine = new Engine();
        final RecordingEventSink sink = new RecordingEventSink();
        for (final Entry entry : entries) {
            if (entry.logPosition() >= beforePosition) {
                break;
            }
            engine.apply(entry.command(), sink);
            assertEquals(entry.events(), sink.drain(), "events at log position " + entry.logPosition());
        }
        return engine.stateHash();
    }
}
