package space.tokenta.cluster.node;

import java.util.Objects;
import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.IdleStrategy;

/**
 * One duty cycle over a member's archive and consensus module, each run through its {@link AgentInvoker}:
 * the member's agent thread. The consensus module works twice per cycle, once to append what ingress
 * brought to the log and again after the archive has recorded it, so the commit position (and with it
 * the service) moves in the same cycle instead of the next one.
 *
 * <p>The archive is started before the consensus module ({@link #consensusLaunched}); until then the
 * cycle runs it alone, which is what the consensus module's launch waits on from another thread. Agents
 * must only ever be run by one thread: {@link #archiveFromOwner()} is the invoker the consensus module's
 * synchronous archive calls use, and it runs the archive only on the member's agent thread.
 */
final class MemberAgent implements Agent {
    private final String roleName;
    private final AgentInvoker archive;
    private volatile AgentInvoker consensus;
    private volatile Thread owner;
    private volatile AutoCloseable[] closeOnStop = new AutoCloseable[0];

    MemberAgent(final int memberId, final AgentInvoker archive) {
        this.roleName = "tokenta-member-" + memberId;
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
     * What the agent thread closes when it stops (consensus module, then archive): on this thread the
     * consensus module's closing archive calls (stop the log recording) can still run the archive.
     */
    void closeOnStop(final AutoCloseable... members) {
        closeOnStop = members.clone();
    }

    /** The archive, run only when called on the member's thread (else a no-op: that thread runs it). */
    AgentInvoker archiveFromOwner() {
        final AgentInvoker invoker = new AgentInvoker(Throwable::printStackTrace, null, new Agent() {
            @Override
            public int doWork() {
                return Thread.currentThread() == owner ? archive.invoke() : 0;
            }

            @Override
            public String roleName() {
                return roleName + "-archive";
            }
        });
        invoker.start();
        return invoker;
    }

    /**
     * For the consensus module's own waits inside a duty cycle (e.g. joining the log as leader, which waits
     * for the log's images): each idle first runs the archive, which those waits may depend on.
     */
    static IdleStrategy archiveRunningIdleStrategy(final AgentInvoker archive, final IdleStrategy delegate) {
        return new IdleStrategy() {
            @Override
            public void idle(final int workCount) {
                delegate.idle(workCount + archive.invoke());
            }

            @Override
            public void idle() {
                archive.invoke();
                delegate.idle();
            }

            @Override
            public void reset() {
                delegate.reset();
            }

            @Override
            public String alias() {
                return "archive-running-" + delegate.alias();
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
            return archive.invoke();
        }
        int workCount = consensusInvoker.invoke();
        workCount += archive.invoke();
        workCount += consensusInvoker.invoke();
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
