package space.tokenta.cluster.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.agrona.ExpandableArrayBuffer;
import space.tokenta.cluster.client.EventLogReader;
import space.tokenta.cluster.codec.CommandCodec;
import space.tokenta.cluster.codec.EventEncoder;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.event.RecordingEventSink;

/**
 * The event journal against a list model: records are delivered once, in order, from any resume
 * position; a replayed position is skipped; a torn tail is cut when the journal is reopened.
 */
class EventJournalProperties {

    @Property(tries = 40)
    void resumeFromAnyPositionAfterATornTail(@ForAll final long seed) throws IOException {
        final Random r = new Random(seed);
        final Path dir = Files.createTempDirectory("tokenta-journal-");
        try {
            final Path events = dir.resolve("events");
            final List<long[]> model = new ArrayList<>(); // {position, requestId, accountId}
            final ExpandableArrayBuffer commandBytes = new ExpandableArrayBuffer(256);
            final EventEncoder encoder = new EventEncoder();
            final Command command = new Command();
            long position = 0;
            try (EventJournal journal = new EventJournal(events)) {
                final int n = 1 + r.nextInt(60);
                for (int i = 0; i < n; i++) {
                    position += 32 + r.nextInt(500);
                    command.clear();
                    command.type = CommandType.ADD_ACCOUNT;
                    command.accountId = r.nextLong();
                    final int length = CommandCodec.encode(command, commandBytes, 0);
                    encoder.reset();
                    encoder.onCommandApplied(i, CommandType.ADD_ACCOUNT, command.accountId, command.accountId);
                    journal.append(position, 1, i, i, commandBytes, 0, length, encoder.eventCount(), encoder.buffer(),
                            encoder.length());
                    model.add(new long[] {position, i, command.accountId});
                    // a replay after restart offers an old position again: ignored
                    assertEquals(false, journal.append(position - r.nextInt(32), 1, -1, i, commandBytes, 0, length,
                            0, encoder.buffer(), 0));
                }
            }
            // a crash mid-write leaves a partial frame
            try (FileChannel channel = FileChannel.open(events.resolve(EventJournal.FILE_NAME), StandardOpenOption.APPEND)) {
                channel.write(java.nio.ByteBuffer.wrap(new byte[] {(byte)200, 1, 0, 0, 9, 9}));
            }
            try (EventJournal reopened = new EventJournal(events)) {
                assertEquals(position, reopened.lastLogPosition(), "torn tail cut, last record kept");
            }
            final int resumeIndex = r.nextInt(model.size() + 1);
            final long after = resumeIndex == 0 ? 0 : model.get(resumeIndex - 1)[0];
            final List<long[]> seen = new ArrayList<>();
            try (EventLogReader reader = new EventLogReader(dir, after)) {
                final RecordingEventSink sink = new RecordingEventSink();
                while (reader.poll((p, session, request, c, count) -> {
                    seen.add(new long[] {p, request, c.accountId});
                    return sink;
                }, 1 + r.nextInt(7)) > 0) {
                    assertEquals(seen.size(), sink.events().size(), "one event per record");
                }
            }
            assertEquals(model.size() - resumeIndex, seen.size());
            for (int i = 0; i < seen.size(); i++) {
                final long[] expected = model.get(resumeIndex + i);
                assertEquals(expected[0], seen.get(i)[0]);
                assertEquals(expected[1], seen.get(i)[1]);
                assertEquals(expected[2], seen.get(i)[2]);
            }
        } finally {
            org.agrona.IoUtil.delete(dir.toFile(), true);
        }
    }
}
