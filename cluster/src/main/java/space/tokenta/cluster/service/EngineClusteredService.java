package space.tokenta.cluster.service;

import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.IdleStrategy;
import space.tokenta.cluster.codec.CodecException;
import space.tokenta.cluster.codec.CommandCodec;
import space.tokenta.cluster.codec.EventEncoder;
import space.tokenta.cluster.codec.MessageHeader;
import space.tokenta.cluster.codec.Messages;
import space.tokenta.engine.Engine;
import space.tokenta.engine.EngineConfig;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;

/**
 * The engine as an Aeron Cluster service. Every replica applies the same log in the same order:
 * commands from ingress (timestamped with the log's timestamp, order ids assigned from a counter that
 * is part of the state) and TIME_TICK at each firing of a cluster timer. Each applied command goes to
 * the node's {@link EventJournal} (tagged with its log position) and, from the leader, back to the
 * issuing session as a COMMAND_RESPONSE. Snapshots carry the engine bytes plus the counters.
 */
public final class EngineClusteredService implements ClusteredService {
    static final long TICK_TIMER_ID = 1;
    /** How often one callback offers the tick timer to a back-pressured consensus module. */
    private static final int MAX_TIMER_OFFER_ATTEMPTS = 100;
    /** After this many tick intervals without a firing, the next command arms the tick again. */
    private static final long TICK_OVERDUE_INTERVALS = 5;
    private static final int SNAPSHOT_CHUNK_BYTES = 32 * 1024;
    private static final int EGRESS_OFFER_ATTEMPTS = 64;
    /** Responses larger than this carry no events (eventCount -1): the journal has them. */
    private static final int MAX_EGRESS_EVENT_BYTES = 256 * 1024;
    private static final int SNAPSHOT_FIXED = MessageHeader.LENGTH + 8;

    private final Path nodeDirectory;
    private final long tickIntervalNs;
    private final int memberId;
    private final EventEncoder events = new EventEncoder();
    private final Command command = new Command();
    private final ExpandableDirectByteBuffer commandBytes = new ExpandableDirectByteBuffer(CommandCodec.MAX_LENGTH);
    private final ExpandableDirectByteBuffer egress = new ExpandableDirectByteBuffer(4096);
    private final ExpandableDirectByteBuffer snapshotBuffer = new ExpandableDirectByteBuffer(1 << 16);
    private Cluster cluster;
    private Engine engine;
    private EventJournal journal;
    private long lastTimestampNs;
    private long nextOrderId = 1;
    private long lastSnapshotLogPosition = -1;
    private boolean tickScheduled;
    /** Log time at which the tick timer was last armed; a timer not seen firing long after is armed again. */
    private long tickArmedAtNs;

    /**
     * @param nodeDirectory  where the event journal and status file live
     * @param tickIntervalMs how often TIME_TICK is sequenced (0 = never)
     */
    public EngineClusteredService(final Path nodeDirectory, final long tickIntervalMs, final int memberId) {
        if (tickIntervalMs < 0) {
            throw new IllegalArgumentException("tickIntervalMs must not be negative");
        }
        this.nodeDirectory = nodeDirectory;
        this.tickIntervalNs = TimeUnit.MILLISECONDS.toNanos(tickIntervalMs);
        this.memberId = memberId;
    }

    @Override
    public void onStart(final Cluster cluster, final Image snapshotImage) {
        this.cluster = cluster;
        this.journal = new EventJournal(nodeDirectory.resolve("events"));
        if (snapshotImage == null) {
            engine = new Engine(EngineConfig.DEFAULT);
        } else {
            loadSnapshot(snapshotImage, cluster.idleStrategy());
        }
        tickScheduled = false;
    }

    /**
     * (Re)arms the tick timer. The firing is appended to the log by the leader, so every replica applies
     * TIME_TICK at the same position whichever member armed it; re-arming the same id replaces the timer.
     * Aeron allows timers only from log callbacks (never from {@link #doBackgroundWork}), so an offer the
     * back-pressured consensus module refuses is retried a bounded number of times here, and otherwise
     * on the next command this service applies.
     */
    private void scheduleTick(final long nowNs) {
        if (tickIntervalNs == 0) {
            return;
        }
        final long deadline = cluster.timeUnit().convert(nowNs + tickIntervalNs, TimeUnit.NANOSECONDS);
        tickScheduled = cluster.scheduleTimer(TICK_TIMER_ID, deadline);
        for (int attempt = 1; !tickScheduled && attempt < MAX_TIMER_OFFER_ATTEMPTS; attempt++) {
            cluster.idleStrategy().idle();
            tickScheduled = cluster.scheduleTimer(TICK_TIMER_ID, deadline);
        }
        tickArmedAtNs = nowNs;
    }

    /**
     * Whether a command at log time {@code nowNs} should (re)arm the tick: its offer was refused, or the
     * armed timer should have fired several intervals ago and did not (re-arming the same id replaces
     * it, so a timer that does fire is never pushed back by a stream of commands).
     */
    private boolean tickOverdue(final long nowNs) {
        return tickIntervalNs > 0 && (!tickScheduled || nowNs - tickArmedAtNs > TICK_OVERDUE_INTERVALS * tickIntervalNs);
    }

    @Override
    public void onNewLeadershipTermEvent(final long leadershipTermId, final long logPosition, final long timestamp,
            final long termBaseLogPosition, final int leaderMemberId, final int logSessionId, final TimeUnit timeUnit,
            final int appVersion) {
        scheduleTick(timeUnit.toNanos(timestamp));
    }

    @Override
    public int doBackgroundWork(final long nowNs) {
        // called every duty cycle: the records of the commands just applied reach the file in one batch
        if (journal.flush() > 0) {
            return 1;
        }
        return 0;
    }

    private long toNanos(final long clusterTime) {
        return cluster.timeUnit().toNanos(clusterTime);
    }

    /** Log timestamps can step back across a leader change; the engine's clock never does. */
    private long sequencedTime(final long clusterTimestamp) {
        lastTimestampNs = Math.max(lastTimestampNs, toNanos(clusterTimestamp));
        return lastTimestampNs;
    }

    @Override
    public void onSessionOpen(final ClientSession session, final long timestamp) {
        // sessions carry no state of their own: requests are correlated by the client's request id
    }

    @Override
    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason) {
        // nothing is kept per session
    }

    @Override
    public void onSessionMessage(final ClientSession session, final long timestamp, final DirectBuffer buffer,
            final int offset, final int length, final Header header) {
        final int template = MessageHeader.templateId(buffer, offset, length);
        final long logPosition = header.position();
        if (template == MessageHeader.TEMPLATE_COMMAND_REQUEST && length >= MessageHeader.LENGTH + 8) {
            final long requestId = buffer.getLong(offset + MessageHeader.LENGTH);
            try {
                CommandCodec.decode(buffer, offset + MessageHeader.LENGTH + 8, length - MessageHeader.LENGTH - 8,
                        command);
            } catch (final CodecException malformed) {
                return; // bad bytes change nothing; the client's request times out with a clear error
            }
            if (command.type == CommandType.PLACE_ORDER && command.orderId == 0) {
                command.orderId = nextOrderId++;
            } else if (command.type == CommandType.CANCEL_REPLACE && command.newOrderId == 0) {
                command.newOrderId = nextOrderId++;
            }
            command.timestampNs = sequencedTime(timestamp);
            applyAndPublish(session, session.id(), requestId, logPosition);
            if (tickOverdue(command.timestampNs)) {
                scheduleTick(command.timestampNs);
            }
        } else if (template == MessageHeader.TEMPLATE_ADMIN_REQUEST && length >= MessageHeader.LENGTH + 12) {
            final long requestId = buffer.getLong(offset + MessageHeader.LENGTH);
            final int kind = buffer.getInt(offset + MessageHeader.LENGTH + 8);
            if (kind == Messages.ADMIN_STATUS) {
                reportStatus(session, requestId, logPosition, sequencedTime(timestamp));
            }
        }
    }

    @Override
    public void onTimerEvent(final long correlationId, final long timestamp) {
        if (correlationId != TICK_TIMER_ID) {
            return;
        }
        final long nowNs = sequencedTime(timestamp);
        command.clear();
        command.type = CommandType.TIME_TICK;
        command.timestampNs = nowNs;
        applyAndPublish(null, -1, 0, cluster.logPosition());
        scheduleTick(nowNs);
    }

    private void applyAndPublish(final ClientSession session, final long sessionId, final long requestId,
            final long logPosition) {
        events.reset();
        engine.apply(command, events);
        // every command is journaled, ticks too: each advances the engine clock, so the journal replays exactly
        final int commandLength = CommandCodec.encode(command, commandBytes, 0);
        journal.append(logPosition, sessionId, requestId, command.timestampNs, commandBytes, 0, commandLength,
                events.eventCount(), events.buffer(), events.length());
        if (session != null) {
            final boolean fits = events.length() <= MAX_EGRESS_EVENT_BYTES;
            final int responseLength = Messages.encodeCommandResponse(egress, requestId, logPosition,
                    command.timestampNs, command.orderId, command.newOrderId, fits ? events.eventCount() : -1,
                    events.buffer(), fits ? events.length() : 0);
            offerBounded(session, responseLength);
        }
    }

    private void reportStatus(final ClientSession session, final long requestId, final long logPosition,
            final long timestampNs) {
        final Messages.Status status = new Messages.Status(requestId, logPosition, timestampNs, engine.stateHash(),
                lastSnapshotLogPosition, memberId, engine.instrumentIds().length, engine.assetIds().length,
                engine.openOrderCount(), engine.pendingTransferCount());
        writeStatusFile(status);
        if (session != null) {
            offerBounded(session, status.encode(egress, 0));
        }
    }

    /** Every replica records its own view of each status request, so replicas can be compared at one position. */
    private void writeStatusFile(final Messages.Status status) {
        try {
            final Path target = nodeDirectory.resolve("status");
            final Path temp = nodeDirectory.resolve("status.tmp");
            Files.writeString(temp, status.logPosition() + " " + Long.toHexString(status.stateHash()) + " "
                    + status.requestId() + "\n", StandardCharsets.US_ASCII);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Egress is best effort: a slow client must not stall the log; its request times out and it reconciles. */
    private void offerBounded(final ClientSession session, final int length) {
        final IdleStrategy idle = cluster.idleStrategy();
        idle.reset();
        for (int attempt = 0; attempt < EGRESS_OFFER_ATTEMPTS; attempt++) {
            final long result = session.offer(egress, 0, length);
            if (result > 0 || result == Publication.NOT_CONNECTED || result == Publication.CLOSED
                    || result == Publication.MAX_POSITION_EXCEEDED) {
                return;
            }
            idle.idle();
        }
    }

    @Override
    public void onTakeSnapshot(final ExclusivePublication snapshotPublication) {
        lastSnapshotLogPosition = cluster.logPosition();
        int p = 0;
        snapshotBuffer.putLong(p, nextOrderId); p += 8;
        snapshotBuffer.putLong(p, lastTimestampNs); p += 8;
        snapshotBuffer.putLong(p, lastSnapshotLogPosition); p += 8;
        final int engineLength = engine.snapshot(snapshotBuffer, p);
        final int total = p + engineLength;
        final ExpandableDirectByteBuffer chunk = new ExpandableDirectByteBuffer(SNAPSHOT_FIXED + SNAPSHOT_CHUNK_BYTES);
        final IdleStrategy idle = cluster.idleStrategy();
        for (int at = 0; at < total; at += SNAPSHOT_CHUNK_BYTES) {
            final int n = Math.min(SNAPSHOT_CHUNK_BYTES, total - at);
            MessageHeader.write(chunk, 0, MessageHeader.TEMPLATE_SNAPSHOT);
            chunk.putInt(MessageHeader.LENGTH, total);
            chunk.putInt(MessageHeader.LENGTH + 4, at);
            chunk.putBytes(SNAPSHOT_FIXED, snapshotBuffer, at, n);
            idle.reset();
            while (snapshotPublication.offer(chunk, 0, SNAPSHOT_FIXED + n) < 0) {
                idle.idle();
            }
        }
        journal.force();
    }

    private void loadSnapshot(final Image image, final IdleStrategy idle) {
        final int[] expectedTotal = {-1};
        final int[] received = {0};
        final FragmentAssembler assembler = new FragmentAssembler((buffer, offset, length, header) -> {
            if (MessageHeader.templateId(buffer, offset, length) != MessageHeader.TEMPLATE_SNAPSHOT) {
                throw new IllegalStateException("unexpected message in snapshot");
            }
            final int total = buffer.getInt(offset + MessageHeader.LENGTH);
            final int at = buffer.getInt(offset + MessageHeader.LENGTH + 4);
            final int n = length - SNAPSHOT_FIXED;
            if (at != received[0] || (expectedTotal[0] >= 0 && total != expectedTotal[0])) {
                throw new IllegalStateException("snapshot chunks out of order");
            }
            expectedTotal[0] = total;
            snapshotBuffer.putBytes(at, buffer, offset + SNAPSHOT_FIXED, n);
            received[0] += n;
        });
        idle.reset();
        while (!image.isEndOfStream()) {
            final int fragments = image.poll(assembler, 16);
            if (fragments == 0) {
                idle.idle();
            }
        }
        if (expectedTotal[0] < 24 || received[0] != expectedTotal[0]) {
            throw new IllegalStateException("incomplete snapshot: " + received[0] + " of " + expectedTotal[0]);
        }
        nextOrderId = snapshotBuffer.getLong(0);
        lastTimestampNs = snapshotBuffer.getLong(8);
        lastSnapshotLogPosition = snapshotBuffer.getLong(16);
        engine = Engine.restore(EngineConfig.DEFAULT, snapshotBuffer, 24, expectedTotal[0] - 24);
    }

    @Override
    public void onRoleChange(final Cluster.Role newRole) {
        // every role applies the same log; only the leader's egress reaches clients
    }

    @Override
    public void onTerminate(final Cluster cluster) {
        if (journal != null) {
            journal.close();
        }
    }
}
