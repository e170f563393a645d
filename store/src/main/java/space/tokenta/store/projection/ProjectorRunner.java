package space.tokenta.store.projection;

import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Projector} on its own daemon thread. Errors are logged and the projector retries
 * from its stored position after a back-off; the producer never waits for it.
 */
public final class ProjectorRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectorRunner.class);
    private static final long IDLE_SLEEP_MS = 1;

    private final Projector projector;
    private final AgentRunner runner;

    public ProjectorRunner(final Projector projector) {
        this.projector = projector;
        this.runner = new AgentRunner(new SleepingMillisIdleStrategy(IDLE_SLEEP_MS),
                error -> LOG.warn("projection transaction failed; retrying from the stored position", error),
                (AtomicCounter) null, projector);
    }

    public ProjectorRunner start() {
        AgentRunner.startOnThread(runner);
        return this;
    }

    public Projector projector() {
        return projector;
    }

    /** Head position minus projected position (the lag metric). */
    public long lag() {
        return projector.lag();
    }

    /** Waits until the projector has reached {@code position}; false on timeout. */
    public boolean awaitPosition(final long position, final long timeoutMs) throws InterruptedException {
        final long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
        while (projector.projectedPosition() < position) {
            if (System.nanoTime() - deadlineNs > 0) {
                return false;
            }
            Thread.sleep(IDLE_SLEEP_MS);
        }
        return true;
    }

    @Override
    public void close() {
        runner.close();
    }
}
