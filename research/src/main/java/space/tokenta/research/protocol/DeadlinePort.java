package space.tokenta.research.protocol;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Lock-step exchange with an agent running on its own thread, with a hard deadline per decision.
 * The environment publishes observation n and waits until a response for n arrives or the deadline
 * passes; it never advances simulated time meanwhile. Both sides spin briefly (an answer normally
 * takes microseconds) and then park, so that on a shared machine two waiting threads do not take
 * the cores the other one needs.
 * A response that arrives after its deadline is discarded when it shows up. The agent thread
 * handles only the newest observation, so a slow agent cannot build a backlog.
 */
public final class DeadlinePort implements DecisionPort {
    private static final long SPIN_NS = 50_000;

    private record Request(long id, Observation observation, Thread caller) {}

    private record Response(long id, Action action, Throwable error) {}

    private final AgentEndpoint endpoint;
    private final long deadlineNs;
    private final Thread worker;
    private volatile Request request;
    private volatile Response response;
    private volatile boolean running = true;
    private long nextId;

    public DeadlinePort(final AgentEndpoint endpoint, final long deadlineNs, final String threadName) {
        if (deadlineNs <= 0) {
            throw new IllegalArgumentException("deadline must be positive");
        }
        this.endpoint = endpoint;
        this.deadlineNs = deadlineNs;
        this.worker = new Thread(this::workLoop, threadName);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    @Override
    public Decision decide(final Observation observation) {
        // Transport ids are private to the port, so answers to an earlier (timed-out) request are never
        // mistaken for this one; the action's own seq tag is checked separately by the validator.
        final long id = nextId++;
        final long start = System.nanoTime();
        request = new Request(id, observation, Thread.currentThread());
        LockSupport.unpark(worker);
        final long deadline = start + deadlineNs;
        while (true) {
            final Response r = response;
            if (r != null && r.id == id) {
                final long latency = System.nanoTime() - start;
                if (latency > deadlineNs) {
                    return Decision.fallback(observation.seq(), FallbackReason.DEADLINE, "answered after " + latency + " ns", latency);
                }
                if (r.error != null) {
                    return Decision.fallback(observation.seq(), FallbackReason.EXCEPTION, String.valueOf(r.error), latency);
                }
                return ActionValidator.validate(observation, r.action, latency);
            }
            final long now = System.nanoTime();
            if (now - deadline > 0) {
                return Decision.fallback(observation.seq(), FallbackReason.DEADLINE, "no answer within " + deadlineNs + " ns", now - start);
            }
            if (now - start < SPIN_NS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, deadline - now);
            }
        }
    }

    private void workLoop() {
        long handled = -1;
        long idleSince = System.nanoTime();
        while (running) {
            final Request req = request;
            if (req != null && req.id > handled) {
                handled = req.id;
                Action action = null;
                Throwable error = null;
                try {
                    action = endpoint.act(req.observation);
                } catch (Throwable t) {
                    error = t;
                }
                response = new Response(req.id, action, error);
                LockSupport.unpark(req.caller);
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince < SPIN_NS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(worker);
        try {
            worker.join(1000);
            if (worker.isAlive()) {
                worker.interrupt();
                worker.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
