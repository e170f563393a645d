package space.tokenta.gateway.cluster;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import space.tokenta.cluster.client.ClusterUnavailableException;
import space.tokenta.cluster.client.TokentaClusterClient;
import space.tokenta.cluster.codec.EventDecoder;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.event.RecordingEventSink;
import space.tokenta.gateway.port.CommandResult;
import space.tokenta.gateway.port.EventBatch;
import space.tokenta.engine.event.Event;
import space.tokenta.gateway.port.OrderEntry;
import space.tokenta.gateway.port.OrderEntryBusyException;
import space.tokenta.gateway.port.OrderEntryUnavailableException;

/**
 * Order entry over the Aeron cluster. Callers on any thread put commands on a bounded queue; one
 * agent thread owns the (single-threaded) {@link TokentaClusterClient}: it sends, correlates answers
 * by request id and completes each caller's future with the command's log position and events.
 *
 * <p>With the node's {@link JournalEventFeed} ({@link #connect(TokentaClusterClient.Config, IdleStrategy,
 * JournalEventFeed)}) the same thread also follows the event journal: one hot thread serves answers and the
 * event stream, and a command's answer has two sources. The cluster's egress answer is best effort (the
 * service drops it rather than stall the log when this client's egress is back-pressured, and answers over
 * 256 KB of events carry none), while the journal records every applied command with the session and request
 * that issued it: whichever arrives first completes the request, so an applied command is never reported
 * unknown for want of its egress answer.
 *
 * <p>Outcomes: queue full, at most {@code maxInFlight} outstanding, or closed → {@link OrderEntryBusyException}
 * (nothing was sent); no answer in time, leader change, or the cluster refusing the offer →
 * {@link OrderEntryUnavailableException} (the command may or may not have been applied).
 *
 * <p>The dead-man switch ({@link #cancelAllAfter}) is kept here, in the gateway, as a bounded table of
 * per-account deadlines on the wall clock: the engine is a deterministic state machine without
 * per-account timers (its only clock is the sequenced TIME_TICK) and the switch guards the client's
 * session with this gateway, so the gateway that holds the session arms it and, when a deadline
 * passes, submits an ordinary MASS_CANCEL through the log (replayable like any other command). If the
 * gateway itself stops, armed switches stop with it; clients re-arm on reconnect.
 */
public final class ClusterOrderEntry implements OrderEntry, AutoCloseable {
    public static final int QUEUE_CAPACITY = 16_384;
    public static final int MAX_DEAD_MAN_ACCOUNTS = 100_000;
    public static final long MAX_CANCEL_AFTER_MS = 86_400_000L;
    static final int MAX_TASKS_PER_CYCLE = 256;
    static final long DEAD_MAN_CHECK_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Answers too large for egress waiting for their journal record; a full table reports further ones unknown. */
    static final int MAX_AWAITING_JOURNAL = 4_096;
    /** Egress polls per duty cycle (each reads at most 10 fragments): a burst of answers is drained, boundedly. */
    static final int MAX_EGRESS_POLLS_PER_CYCLE = 32;

    private enum State { RUNNING, CLOSED }

    /**
     * A command waiting to be sent or answered ({@code result} null for the gateway's own MASS_CANCEL), or a
     * dead-man switch to arm ({@code command} null). Sent on {@code sessionId} at {@code sentNs} (sender thread).
     */
    private static final class Pending {
        final Command command;
        final CompletableFuture<CommandResult> result;
        final long accountId;
        final long timeoutMs;
        final CompletableFuture<Long> armed;
        long sessionId = -1;
        long sentNs;

        Pending(final Command command, final CompletableFuture<CommandResult> result, final long accountId,
                final long timeoutMs, final CompletableFuture<Long> armed) {
            this.command = command;
            this.result = result;
            this.accountId = accountId;
            this.timeoutMs = timeoutMs;
            this.armed = armed;
        }

        boolean isArm() {
            return command == null;
        }

        Command command() {
            return command;
        }

        CompletableFuture<CommandResult> result() {
            return result;
        }

        long accountId() {
            return accountId;
        }

        long timeoutMs() {
            return timeoutMs;
        }

        CompletableFuture<Long> armed() {
            return armed;
        }
    }

    private final TokentaClusterClient client;
    private final ManyToOneConcurrentArrayQueue<Pending> queue = new ManyToOneConcurrentArrayQueue<>(QUEUE_CAPACITY);
    private final Long2ObjectHashMap<Pending> inFlight = new Long2ObjectHashMap<>();
    private final Long2LongHashMap deadManDeadlinesNs = new Long2LongHashMap(-1);
    private final EventDecoder decoder = new EventDecoder();
    private final RecordingEventSink sink = new RecordingEventSink();
    private final Responses responses = new Responses();
    private final AgentRunner runner;
    /** Requests whose egress answer said "too large": completed by their journal record (sender thread). */
    private final Long2ObjectHashMap<Pending> awaitingJournal = new Long2ObjectHashMap<>();
    /** The journal followed on the sender thread, or null (then answers come from egress only). */
    private final JournalEventFeed journal;
    private final AtomicLong answersFromJournal = new AtomicLong();
    private final long requestTimeoutNs;
    private long lastJournalWaitCheckNs;
    private Pending held;
    private long earliestDeadlineNs = Long.MAX_VALUE;
    private long lastDeadManCheckNs;
    private volatile State state = State.RUNNING;

    /** The sender's idle strategy when it can be kept hot while answers are due (else null). */
    private final HotWindowIdleStrategy hotIdle;

    private ClusterOrderEntry(final TokentaClusterClient client, final TokentaClusterClient.Config config,
            final IdleStrategy idle, final JournalEventFeed journal) {
        this.client = client;
        this.journal = journal;
        this.requestTimeoutNs = TimeUnit.MILLISECONDS.toNanos(config.requestTimeoutMs());
        this.hotIdle = idle instanceof HotWindowIdleStrategy hot ? hot : null;
        this.runner = new AgentRunner(idle,
                error -> System.err.println("cluster order entry: " + error), null, new Sender());
    }

    /**
     * Connects to the cluster and starts the sender thread (back-off idle, parking at most 200 us; pass a
     * {@link HotWindowIdleStrategy} to {@link #connect(TokentaClusterClient.Config, IdleStrategy)} to keep it
     * from parking while answers are due).
     */
    public static ClusterOrderEntry connect(final TokentaClusterClient.Config config) {
        return connect(config, new BackoffIdleStrategy(100, 10, 1_000, 200_000));
    }

    /** As {@link #connect(TokentaClusterClient.Config)} with the sender thread's idle strategy chosen. */
    public static ClusterOrderEntry connect(final TokentaClusterClient.Config config, final IdleStrategy idle) {
        return connect(config, idle, null);
    }

    /**
     * As above, the sender thread also following {@code journal} (not started on a thread of its own; this
     * order entry closes it): the journal's batches reach its subscribers from this thread, and every request
     * is completed by its egress answer or its journal record, whichever comes first.
     */
    public static ClusterOrderEntry connect(final TokentaClusterClient.Config config, final IdleStrategy idle,
            final JournalEventFeed journal) {
        final TokentaClusterClient client = TokentaClusterClient.connect(config);
        final ClusterOrderEntry entry;
        try {
            if (journal != null) {
                journal.driveFromOwner();
            }
            entry = new ClusterOrderEntry(client, config, idle, journal);
        } catch (final RuntimeException e) {
            client.close();
            throw e;
        }
        if (journal != null) {
            journal.recordListener(entry::onJournalRecord);
        }
        AgentRunner.startOnThread(entry.runner);
        return entry;
    }

    /**
     * Fault simulation (tests): egress answers of the requests {@code lost} matches (by request id) are
     * discarded on arrival, as if the service's bounded egress offer had given up on them; their journal
     * records must answer them. {@code null} restores normal delivery. Any thread.
     */
    public void simulateEgressLoss(final java.util.function.LongPredicate lost) {
        egressLoss = lost;
    }

    private volatile java.util.function.LongPredicate egressLoss;

    /** Answers taken from the journal (egress dropped them, they were too large for it, or came later). */
    public long answersFromJournal() {
        return answersFromJournal.get();
    }

    /** On the sender thread: the journal's record of a command; completes the request that issued it, if ours. */
    private void onJournalRecord(final long logPosition, final long clusterSessionId, final long requestId,
            final long orderId, final EventBatch batch) {
        if (requestId <= 0 || clusterSessionId < 0) {
            return;
        }
        Pending task = inFlight.get(requestId);
        if (task != null && task.sessionId == clusterSessionId) {
            inFlight.remove(requestId);
            client.forget(requestId);
        } else {
            task = awaitingJournal.get(requestId);
            if (task == null || task.sessionId != clusterSessionId) {
                return;
            }
            awaitingJournal.remove(requestId);
        }
        if (task.result() != null) {
            answersFromJournal.incrementAndGet();
            task.result().complete(new CommandResult(logPosition,
                    resultOrderId(task.command(), orderId, batch.events()), batch.events()));
        }
    }

    @Override
    public CompletableFuture<CommandResult> submit(final Command command) {
        final CompletableFuture<CommandResult> result = new CompletableFuture<>();
        if (state != State.RUNNING) {
            result.completeExceptionally(new OrderEntryBusyException("order entry closed"));
        } else if (!queue.offer(new Pending(new Command().copyFrom(command), result, 0, 0, null))) {
            result.completeExceptionally(new OrderEntryBusyException("order entry queue full"));
        } else {
            wakeSender();
        }
        return result;
    }

    /**
     * The sender may be parked by its idle strategy (up to the profile's maximum park): wake it so a
     * command goes out at once instead of after the rest of the park. Answers still wait for its poll.
     */
    private void wakeSender() {
        if (hotIdle != null) {
            // the answer is due within a round trip: the sender yields instead of parking until then
            hotIdle.wake();
        } else {
            final Thread sender = runner.thread();
            if (sender != null) {
                java.util.concurrent.locks.LockSupport.unpark(sender);
            }
        }
    }

    @Override
    public CompletableFuture<Long> cancelAllAfter(final long accountId, final long timeoutMs) {
        if (timeoutMs < 0 || timeoutMs > MAX_CANCEL_AFTER_MS) {
            throw new IllegalArgumentException("timeoutMs out of range");
        }
        final CompletableFuture<Long> armed = new CompletableFuture<>();
        if (state != State.RUNNING || !queue.offer(new Pending(null, null, accountId, timeoutMs, armed))) {
            armed.completeExceptionally(new OrderEntryBusyException("order entry queue full"));
        }
        return armed;
    }

    /** Accounts with an armed dead-man switch (read on any thread: approximate). */
    public int armedSwitches() {
        return deadManDeadlinesNs.size();
    }

    private static long wallClockNs() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    @Override
    public void close() {
        state = State.CLOSED;
        runner.close();
    }

    private final class Sender implements Agent {
        @Override
        public int doWork() {
            // send first: a command just queued goes out before this cycle reads answers and the journal
            int work = sendQueued();
            work += pollEgress();
            if (journal != null) {
                work += journal.doWork();
                work += expireAwaitingJournal();
            }
            work += checkDeadMan();
            return work;
        }

        /** Drains what egress holds (boundedly: {@link TokentaClusterClient#poll} reads at most 10 fragments). */
        private int pollEgress() {
            int answers = 0;
            for (int i = 0; i < MAX_EGRESS_POLLS_PER_CYCLE; i++) {
                final int n = client.poll(responses);
                if (n == 0) {
                    break;
                }
                answers += n;
            }
            return answers;
        }

        /** Requests waiting for the journal past the request timeout are reported unknown (checked every 1 ms). */
        private int expireAwaitingJournal() {
            if (awaitingJournal.isEmpty()) {
                return 0;
            }
            final long now = System.nanoTime();
            if (now - lastJournalWaitCheckNs < DEAD_MAN_CHECK_INTERVAL_NS) {
                return 0;
            }
            lastJournalWaitCheckNs = now;
            int expired = 0;
            final Long2ObjectHashMap<Pending>.ValueIterator it = awaitingJournal.values().iterator();
            while (it.hasNext()) {
                final Pending task = it.next();
                if (now - task.sentNs > requestTimeoutNs) {
                    it.remove();
                    fail(task, new OrderEntryUnavailableException("answer not found in the journal in time"));
                    expired++;
                }
            }
            return expired;
        }

        private int sendQueued() {
            int sent = 0;
            while (sent < MAX_TASKS_PER_CYCLE) {
                final Pending task = held != null ? held : queue.poll();
                if (task == null) {
                    break;
                }
                held = null;
                if (task.isArm()) {
                    arm(task);
                } else if (!send(task)) {
                    held = task; // maxInFlight outstanding: answers free slots, try again next cycle
                    break;
                }
                sent++;
            }
            return sent;
        }

        private void arm(final Pending task) {
            if (task.timeoutMs() == 0) {
                deadManDeadlinesNs.remove(task.accountId());
                task.armed().complete(0L);
                return;
            }
            if (deadManDeadlinesNs.size() >= MAX_DEAD_MAN_ACCOUNTS && !deadManDeadlinesNs.containsKey(task.accountId())) {
                task.armed().completeExceptionally(new OrderEntryBusyException("dead-man switch table full"));
                return;
            }
            final long at = wallClockNs() + task.timeoutMs() * 1_000_000L;
            deadManDeadlinesNs.put(task.accountId(), at);
            earliestDeadlineNs = Math.min(earliestDeadlineNs, at);
            task.armed().complete(at);
        }

        /** @return false when no request slot is free (the task stays pending). */
        private boolean send(final Pending task) {
            final long requestId;
            try {
                requestId = client.send(task.command());
            } catch (final ClusterUnavailableException e) {
                fail(task, new OrderEntryUnavailableException("cluster unavailable: " + e.getMessage()));
                return true;
            }
            if (requestId < 0) {
                return false;
            }
            task.sessionId = client.clusterSessionId();
            task.sentNs = System.nanoTime();
            inFlight.put(requestId, task);
            return true;
        }

        private int checkDeadMan() {
            final long nowNanoTime = System.nanoTime();
            if (deadManDeadlinesNs.isEmpty() || nowNanoTime - lastDeadManCheckNs < DEAD_MAN_CHECK_INTERVAL_NS) {
                return 0;
            }
            lastDeadManCheckNs = nowNanoTime;
            final long now = wallClockNs();
            if (now < earliestDeadlineNs) {
                return 0;
            }
            int fired = 0;
            long earliest = Long.MAX_VALUE;
            final Long2LongHashMap.EntryIterator it = deadManDeadlinesNs.entrySet().iterator();
            while (it.hasNext()) {
                it.next();
                final long deadline = it.getLongValue();
                if (deadline <= now) {
                    final Command massCancel = new Command();
                    massCancel.type = CommandType.MASS_CANCEL;
                    massCancel.accountId = it.getLongKey();
                    massCancel.instrumentId = 0;
                    it.remove();
                    if (!send(new Pending(massCancel, null, massCancel.accountId, 0, null))) {
                        // no request slot: keep the switch armed and fire on the next check
                        deadManDeadlinesNs.put(massCancel.accountId, deadline);
                        earliest = Math.min(earliest, deadline);
                        break;
                    }
                    fired++;
                } else {
                    earliest = Math.min(earliest, deadline);
                }
            }
            earliestDeadlineNs = deadManDeadlinesNs.isEmpty() ? Long.MAX_VALUE : Math.min(earliest, now + 1);
            return fired;
        }

        @Override
        public void onClose() {
            final OrderEntryUnavailableException closed = new OrderEntryUnavailableException("order entry closed");
            inFlight.values().forEach(p -> fail(p, closed));
            inFlight.clear();
            awaitingJournal.values().forEach(p -> fail(p, closed));
            awaitingJournal.clear();
            if (journal != null) {
                journal.onClose();
            }
            if (held != null) {
                fail(held, new OrderEntryUnavailableException("order entry closed"));
                held = null;
            }
            Pending task;
            while ((task = queue.poll()) != null) {
                if (task.isArm()) {
                    task.armed().completeExceptionally(new OrderEntryBusyException("order entry closed"));
                } else {
                    fail(task, new OrderEntryBusyException("order entry closed"));
                }
            }
            client.close();
        }

        @Override
        public String roleName() {
            return "tokenta-cluster-order-entry";
        }
    }

    private static void fail(final Pending task, final RuntimeException failure) {
        if (task.result() != null) {
            task.result().completeExceptionally(failure);
        }
    }

    private final class Responses implements TokentaClusterClient.ResponseHandler {
        @Override
        public void onResponse(final long requestId, final long logPosition, final long timestampNs, final long orderId,
                final DirectBuffer events, final int eventsOffset, final int eventsLength, final int eventCount) {
            final java.util.function.LongPredicate lost = egressLoss;
            if (lost != null && journal != null && lost.test(requestId)) {
                return; // simulated loss: the request stays in flight until its journal record arrives
            }
            final Pending task = inFlight.remove(requestId);
            if (task == null || task.result() == null) {
                return;
            }
            if (eventCount < 0) {
                // the answer was too large for egress: the events are in the journal only
                awaitJournal(requestId, task);
                return;
            }
            if (eventCount > 0) {
                decoder.decode(events, eventsOffset, eventsLength, eventCount, sink);
            }
            final List<Event> list = sink.drain();
            task.result().complete(new CommandResult(logPosition, resultOrderId(task.command(), orderId, list), list));
        }

        private void awaitJournal(final long requestId, final Pending task) {
            if (journal == null || awaitingJournal.size() >= MAX_AWAITING_JOURNAL) {
                task.result().completeExceptionally(new OrderEntryUnavailableException(
                        "answer too large for egress and not awaited from a journal; reconcile by client order id"));
                return;
            }
            awaitingJournal.put(requestId, task);
        }

        @Override
        public void onTimeout(final long requestId) {
            final Pending task = inFlight.remove(requestId);
            if (task != null) {
                fail(task, new OrderEntryUnavailableException("no answer from the cluster in time"));
            }
        }
    }

    /** CANCEL_REPLACE answers with the replacement's id (the engine's accept/reject of the new order). */
    private static long resultOrderId(final Command command, final long orderId, final List<Event> events) {
        if (command.type != CommandType.CANCEL_REPLACE) {
            return orderId;
        }
        for (final Event e : events) {
            if (e instanceof Event.OrderAccepted a) {
                return a.orderId();
            }
            if (e instanceof Event.OrderRejected r && r.commandType() == CommandType.CANCEL_REPLACE
                    && r.orderId() != command.orderId) {
                return r.orderId();
            }
        }
        return orderId;
    }
}
