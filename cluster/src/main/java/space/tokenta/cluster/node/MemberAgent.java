package space.tokenta.cluster.node;

import java.util.Objects;
import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.IdleStrategy;

/**
 * One duty cycle over a member's media driver, archive and consensus module, each run through its
 * {@link AgentInvoker}: the member's one agent thread. The consensus module works twice per cycle, once
 * to append what ingress brought to the log and again after the archive has recorded it, so the commit
 * position (and with it the service) moves in the same cycle instead of the next one.
 *
 * <p>The driver and archive are started before the consensus module ({@link #consensusLaunched}); until
 * then the cycle runs them alone, which is what the consensus module's launch and the service
 * container's launch wait on from other threads. Agents must only ever be run by one thread:
 * {@link #driverAndArchiveFromOwner()} is the invoker the consensus module's synchronous archive calls
 * use, and it runs them only on the member's agent thread.
 */
final class MemberAgent implements Agent {
    private final String roleName;
    private final AgentInvoker driver;
    private final AgentInvoker archive;
    private volatile AgentInvoker consensus;
    private volatile Thread owner;
    private volatile AutoCloseable[] closeOnStop = new AutoCloseable[0];

    MemberAgent(final int memberId, final AgentInvoker driver, final AgentInvoker archive) {
        this.roleName = "tokenta-member-" + memberId;
        this.driver = Objects.requireNonNull(driver, "driver");
        this.archive = Objects.requireNonNull(archive, "archive");
    }

    /** From now on the cycle runs the consensus module too (its launch happened on another thread). */
    void consensusLaunched(final AgentInvoker consensusInvoker) {
        if (consensus != null) {
            throw new IllegalStateException("consensus module already running on " + roleName);
        }
        consensus = Objects.requireNonNull(consensusInvoker, "consensusInvoker");
    }

    /**
     * What the agent thread closes when it stops (consensus module, archive, driver, in that order): on this
     * thread the consensus module's closing archive calls (stop the log recording) can still run the
     * archive and driver.
     */
    void closeOnStop(final AutoCloseable... members) {
        closeOnStop = members.clone();
    }

    /** Driver and archive, run only when called on the owning thread (else a no-op: the owner runs them). */
    AgentInvoker driverAndArchiveFromOwner() {
        final AgentInvoker invoker = new AgentInvoker(Throwable::printStackTrace, null, new Agent() {
            @Override
            public int doWork() {
                return Thread.currentThread() == owner ? driver.invoke() + archive.invoke() : 0;
            }

            @Override
            public String roleName() {
                return roleName + "-driver-archive";
            }
        });
        invoker.start();
        return invoker;
    }

    /**
     * For the consensus module's own waits inside a duty cycle (e.g. joining the log as leader, which waits
     * for the log's images): each idle first runs the driver and archive, which those waits depend on.
     */
    static IdleStrategy drivingIdleStrategy(final AgentInvoker driverAndArchive, final IdleStrategy delegate) {
        return new IdleStrategy() {
            @Override
            public void idle(final int workCount) {
                delegate.idle(workCount + driverAndArchive.invoke());
            }

            @Override
            public void idle() {
                driverAndArchive.invoke();
                delegate.idle();
            }

            @Override
            public void reset() {
                delegate.reset();
            }

            @Override
            public String alias() {
                return "driving-" + delegate.alias();
            }
        };
    }

    @Override
    public void onStart() {
        owner = Thread.currentThread();
    }

    @Override
    public int doWork() {
        final AgentInvoker consensusInvoker = consensus;
        if (consensusInvoker == null) {
            return driver.invoke() + archive.invoke();
        }
        int workCount = consensusInvoker.invoke();
        workCount += archive.invoke();
        workCount += consensusInvoker.invoke();
        workCount += driver.invoke();
        return workCount;
    }

    @Override
    public void onClose() {
        CloseHelper.closeAll(closeOnStop);
        owner = null;
    }

    @Override
    public String roleName() {
        return roleName;
    }
}
