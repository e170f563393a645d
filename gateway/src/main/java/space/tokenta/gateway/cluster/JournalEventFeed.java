package space.tokenta.gateway.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import space.tokenta.cluster.client.EventLogReader;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.event.EventSink;
import space.tokenta.engine.event.RecordingEventSink;
import space.tokenta.gateway.port.EventBatch;
import space.tokenta.gateway.port.EventFeed;
import space.tokenta.engine.event.Event;

/**
 * The event stream of a node, read from its event journal: a follower ({@link #doWork()} duty cycle)
 * polls an {@link EventLogReader} and hands each applied command's events, as an {@link EventBatch}
 * whose {@code sequence} is the command's log position, to every subscriber in log order. Positions
 * increase but are not consecutive. Timer ticks that changed nothing are not delivered.
 *
 * <p>Life cycle: construct at a position, optionally {@link #catchUp} synchronously (to fold history
 * into a read model, or to skip to the journal's current end), subscribe, then either {@link #start()}
 * a follower thread of its own, or hand it to an owner agent that calls {@link #doWork()} in its own duty
 * cycle ({@link #driveFromOwner()}; on the node, {@link ClusterOrderEntry}'s sender, so one thread serves
 * answers and events) and calls {@link #onClose()} when it stops.
 */
public final class JournalEventFeed implements EventFeed, Agent, AutoCloseable {
    /** Journal records handed out per duty cycle (and per catch-up step). */
    public static final int MAX_RECORDS_PER_POLL = 256;
    /** Upper bound on catch-up steps: a journal of this many times {@link #MAX_RECORDS_PER_POLL} records. */
    static final long MAX_CATCH_UP_STEPS = 100_000_000L;

    private enum State { NEW, RUNNING, DRIVEN, CLOSED }

    /** Sees every record (ticks included) with the session and request that issued it, before subscribers. */
    @FunctionalInterface
    public interface RecordListener {
        /** {@code clusterSessionId} -1 and {@code requestId} 0 for what the cluster issued itself (ticks). */
        void onRecord(long logPosition, long clusterSessionId, long requestId, long orderId, EventBatch batch);
    }

    private final EventLogReader reader;
    private final CopyOnWriteArrayList<Consumer<EventBatch>> listeners = new CopyOnWriteArrayList<>();
    private final RecordingEventSink sink = new RecordingEventSink();
    private final EventLogReader.Handler handler = this::onCommand;
    private AgentRunner runner;
    private Consumer<EventBatch> target;
    private long recordPosition = -1;
    private CommandType recordType;
    private long recordSessionId;
    private long recordRequestId;
    private long recordOrderId;
    /** Set once before the first poll of the follower (owner thread). */
    private RecordListener recordListener;
    private volatile long position;
    private volatile State state = State.NEW;
    private volatile HotWindowIdleStrategy hotIdle;

    /** @param nodeDirectory the node's data directory; @param afterPosition deliver records after this log position */
    public JournalEventFeed(final Path nodeDirectory, final long afterPosition) {
        this.reader = new EventLogReader(nodeDirectory, afterPosition);
        this.position = afterPosition;
    }

    /**
     * Reads every record already in the journal into {@code history} on the caller's thread (before
     * {@link #start()}); subscribers see only what comes after. Pass {@code b -> { }} to start at the end.
     *
     * @return the log position reached
     */
    public long catchUp(final Consumer<EventBatch> history) {
        if (state != State.NEW) {
            throw new IllegalStateException("catch up before start");
        }
        for (long step = 0; step < MAX_CATCH_UP_STEPS; step++) {
            if (pollInto(history) == 0) {
                return position;
            }
        }
        throw new IllegalStateException("journal catch-up did not reach the end");
    }

    /** Starts the follower thread (back-off idle, parking at most 100 us). */
    public JournalEventFeed start() {
        return start(new BackoffIdleStrategy(100, 10, 1_000, 100_000));
    }

    /** As {@link #start()}; a {@link HotWindowIdleStrategy} lets {@link #wake()} keep the follower from parking. */
    public JournalEventFeed start(final IdleStrategy idle) {
        if (state != State.NEW) {
            throw new IllegalStateException("already started");
        }
        hotIdle = idle instanceof HotWindowIdleStrategy hot ? hot : null;
        state = State.RUNNING;
        runner = new AgentRunner(idle,
                error -> System.err.println("journal event feed: " + error), null, this);
        AgentRunner.startOnThread(runner);
        return this;
    }

    /**
     * The caller's agent polls this feed from its own duty cycle ({@link #doWork()}) instead of a thread of
     * its own, and calls {@link #onClose()} when it stops. Once, instead of {@link #start()}.
     */
    public void driveFromOwner() {
        if (state != State.NEW) {
            throw new IllegalStateException("already started");
        }
        state = State.DRIVEN;
    }

    /** Sets the one record listener (before the follower polls: before {@link #start()} or the owner's first cycle). */
    public void recordListener(final RecordListener listener) {
        if (recordListener != null) {
            throw new IllegalStateException("record listener already set");
        }
        recordListener = java.util.Objects.requireNonNull(listener);
    }

    /**
     * Records are about to be written (an order was just submitted): the follower, if started with a
     * {@link HotWindowIdleStrategy}, polls without parking for that strategy's window. Any thread.
     */
    public void wake() {
        final HotWindowIdleStrategy hot = hotIdle;
        if (hot != null) {
            hot.wake();
        }
    }

    /** The log position of the last record delivered. */
    public long position() {
        return position;
    }

    @Override
    public AutoCloseable subscribe(final Consumer<EventBatch> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public int doWork() {
        if (state == State.CLOSED) {
            return 0;
        }
        return pollInto(publish);
    }

    private final Consumer<EventBatch> publish = this::publish;

    private void publish(final EventBatch batch) {
        for (final Consumer<EventBatch> listener : listeners) {
            try {
                listener.accept(batch);
            } catch (final RuntimeException e) {
                System.err.println("event listener failed: " + e);
            }
        }
    }

    private int pollInto(final Consumer<EventBatch> consumer) {
        target = consumer;
        final int records = reader.poll(handler, MAX_RECORDS_PER_POLL);
        flushRecord();
        position = reader.position();
        return records;
    }

    /** The reader decodes a record's events into the sink right after this returns: emit the previous one first. */
    private EventSink onCommand(final long logPosition, final long clusterSessionId, final long requestId,
            final Command command, final int eventCount) {
        flushRecord();
        recordPosition = logPosition;
        recordType = command.type;
        recordSessionId = clusterSessionId;
        recordRequestId = requestId;
        recordOrderId = command.orderId;
        return sink;
    }

    private void flushRecord() {
        if (recordPosition < 0) {
            return;
        }
        final List<Event> events = sink.drain();
        final long at = recordPosition;
        recordPosition = -1;
        if (recordType == CommandType.TIME_TICK && events.stream().allMatch(e -> e instanceof Event.CommandApplied)) {
            return;
        }
        final EventBatch batch = new EventBatch(at, events);
        if (recordListener != null && target == publish) {
            try {
                recordListener.onRecord(at, recordSessionId, recordRequestId, recordOrderId, batch);
            } catch (final RuntimeException e) {
                System.err.println("journal record listener failed: " + e);
            }
        }
        target.accept(batch);
    }

    @Override
    public String roleName() {
        return "tokenta-journal-feed";
    }

    @Override
    public void onClose() {
        reader.close();
    }

    @Override
    public void close() {
        final State was = state;
        state = State.CLOSED;
        if (was == State.RUNNING) {
            runner.close();
        } else if (was == State.NEW) {
            reader.close();
        }
        // DRIVEN: the owner stops polling and calls onClose()
    }
}
