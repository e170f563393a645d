package space.tokenta.gateway.inprocess;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import space.tokenta.engine.Engine;
import space.tokenta.engine.EngineConfig;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.gateway.port.CommandResult;
import space.tokenta.gateway.port.EventBatch;
import space.tokenta.gateway.port.EventFeed;
import space.tokenta.engine.event.Event;
import space.tokenta.engine.event.RecordingEventSink;
import space.tokenta.gateway.port.OrderEntry;
import space.tokenta.gateway.port.OrderEntryBusyException;
import space.tokenta.gateway.port.ReadModels;

/**
 * The engine behind the gateway's ports in one process: a single sequencer thread takes commands
 * from a bounded queue, stamps them with its clock, assigns order ids, applies them, projects the
 * read models synchronously and publishes each command's events in order. It also drives the
 * dead-man switches and GTD expiry (TIME_TICK) from the same clock.
 */
public final class InProcessExchange implements OrderEntry, EventFeed, AutoCloseable {
    public static final int QUEUE_CAPACITY = 65_536;
    public static final long DEFAULT_TIME_TICK_INTERVAL_MS = 100;

    private record Task(Command command, CompletableFuture<CommandResult> result, Runnable query) {
    }

    private enum State { RUNNING, CLOSED }

    private final Engine engine = new Engine(EngineConfig.DEFAULT);
    private final MemoryReadModels readModels = new MemoryReadModels();
    private final ArrayBlockingQueue<Task> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final CopyOnWriteArrayList<Consumer<EventBatch>> listeners = new CopyOnWriteArrayList<>();
    private final RecordingEventSink sink = new RecordingEventSink();
    private final Map<Long, Long> deadManDeadlinesNs = new HashMap<>();
    private final Command internal = new Command();
    private final Thread thread;
    private volatile State state = State.RUNNING;
    private long sequence;
    private long nextOrderId;
    private long lastTimeTickNs;
    private final long timeTickIntervalNs;

    public InProcessExchange() {
        this(DEFAULT_TIME_TICK_INTERVAL_MS);
    }

    /** @param timeTickIntervalMs how often TIME_TICK (GTD expiry, settlement timeouts) runs; 0 = never. */
    public InProcessExchange(final long timeTickIntervalMs) {
        if (timeTickIntervalMs < 0) {
            throw new IllegalArgumentException("timeTickIntervalMs must be >= 0");
        }
        this.timeTickIntervalNs = timeTickIntervalMs * 1_000_000L;
        thread = new Thread(this::run, "tokenta-sequencer");
        thread.setDaemon(true);
        thread.start();
    }

    public ReadModels readModels() {
        return readModels;
    }

    public EventFeed eventFeed() {
        return this;
    }

    public OrderEntry orderEntry() {
        return this;
    }

    /** Registers an instrument with its decimal scales (a plain ADD_INSTRUMENT plus the read model's view). */
    public CompletableFuture<CommandResult> addInstrument(final Command addInstrument, final ReadModels.InstrumentView view) {
        if (addInstrument.type != CommandType.ADD_INSTRUMENT || addInstrument.instrumentId != view.instrumentId()) {
            throw new IllegalArgumentException("ADD_INSTRUMENT command and view must match");
        }
        readModels.addInstrument(view);
        return submit(addInstrument);
    }

    @Override
    public CompletableFuture<CommandResult> submit(final Command command) {
        final CompletableFuture<CommandResult> result = new CompletableFuture<>();
        if (state != State.RUNNING) {
            result.completeExceptionally(new OrderEntryBusyException("sequencer closed"));
        } else if (!queue.offer(new Task(new Command().copyFrom(command), result, null))) {
            result.completeExceptionally(new OrderEntryBusyException("sequencer queue full"));
        }
        return result;
    }

    @Override
    public CompletableFuture<Long> cancelAllAfter(final long accountId, final long timeoutMs) {
        if (timeoutMs < 0 || timeoutMs > 86_400_000L) {
            throw new IllegalArgumentException("timeoutMs out of range");
        }
        final CompletableFuture<Long> deadline = new CompletableFuture<>();
        final Runnable arm = () -> {
            if (timeoutMs == 0) {
                deadManDeadlinesNs.remove(accountId);
                deadline.complete(0L);
            } else {
                final long at = clockNs() + timeoutMs * 1_000_000L;
                deadManDeadlinesNs.put(accountId, at);
                deadline.complete(at);
            }
        };
        if (state != State.RUNNING || !queue.offer(new Task(null, null, arm))) {
            deadline.completeExceptionally(new OrderEntryBusyException("sequencer queue full"));
        }
        return deadline;
    }

    /** The engine's state hash, read on the sequencer thread. */
    public CompletableFuture<Long> stateHash() {
        final CompletableFuture<Long> hash = new CompletableFuture<>();
        if (!queue.offer(new Task(null, null, () -> hash.complete(engine.stateHash())))) {
            hash.completeExceptionally(new OrderEntryBusyException("sequencer queue full"));
        }
        return hash;
    }

    @Override
    public AutoCloseable subscribe(final Consumer<EventBatch> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private long clockNs() {
        final long wallNs = System.currentTimeMillis() * 1_000_000L + System.nanoTime() % 1_000_000L;
        return Math.max(engine.clockNs() + 1, wallNs);
    }

    private void run() {
        while (state == State.RUNNING) {
            try {
                final Task task = queue.poll(1, TimeUnit.MILLISECONDS);
                if (task != null) {
                    doTask(task);
                }
                doTimers();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (final RuntimeException e) {
                // A failing listener or query must not stop the sequencer.
                System.err.println("sequencer: " + e);
            }
        }
    }

    private void doTask(final Task task) {
        if (task.query() != null) {
            task.query().run();
            return;
        }
        final Command command = task.command();
        command.timestampNs = clockNs();
        if (command.type == CommandType.PLACE_ORDER && command.orderId == 0) {
            command.orderId = ++nextOrderId;
        } else if (command.type == CommandType.CANCEL_REPLACE && command.newOrderId == 0) {
            command.newOrderId = ++nextOrderId;
        }
        final CommandResult result = apply(command);
        task.result().complete(result);
    }

    private CommandResult apply(final Command command) {
        engine.apply(command, sink);
        final List<Event> events = sink.drain();
        final long seq = ++sequence;
        readModels.apply(seq, command, events);
        final EventBatch batch = new EventBatch(seq, events);
        for (final Consumer<EventBatch> listener : listeners) {
            try {
                listener.accept(batch);
            } catch (final RuntimeException e) {
                System.err.println("event listener failed: " + e);
            }
        }
        final long orderId = command.type == CommandType.CANCEL_REPLACE ? command.newOrderId : command.orderId;
        return new CommandResult(seq, orderId, events);
    }

    private void doTimers() {
        final long now = clockNs();
        if (!deadManDeadlinesNs.isEmpty()) {
            final Long[] accounts = deadManDeadlinesNs.keySet().toArray(new Long[0]);
            for (final Long accountId : accounts) {
                if (deadManDeadlinesNs.get(accountId) <= now) {
                    deadManDeadlinesNs.remove(accountId);
                    internal.clear();
                    internal.type = CommandType.MASS_CANCEL;
                    internal.accountId = accountId;
                    internal.instrumentId = 0;
                    internal.timestampNs = now;
                    apply(internal);
                }
            }
        }
        if (timeTickIntervalNs > 0 && now - lastTimeTickNs >= timeTickIntervalNs) {
            lastTimeTickNs = now;
            internal.clear();
            internal.type = CommandType.TIME_TICK;
            internal.timestampNs = clockNs();
            engine.apply(internal, sink);
            final List<Event> events = sink.drain();
            if (!events.isEmpty() && events.stream().anyMatch(e -> !(e instanceof Event.CommandApplied))) {
                final long seq = ++sequence;
                readModels.apply(seq, internal, events);
                final EventBatch batch = new EventBatch(seq, events);
                listeners.forEach(l -> l.accept(batch));
            }
        }
    }

    @Override
    public void close() {
        state = State.CLOSED;
        try {
            thread.join(2_000);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Task task;
        while ((task = queue.poll()) != null) {
            if (task.result() != null) {
                task.result().completeExceptionally(new OrderEntryBusyException("sequencer closed"));
            }
        }
    }
}
