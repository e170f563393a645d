package space.tokenta.cluster.node;

import io.aeron.Aeron;
import io.aeron.AeronCounters;
import io.aeron.cluster.service.ClusterCounters;
import org.agrona.ExpandableArrayBuffer;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.security.AuthorisationService;
import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentRunner;
import org.agrona.CloseHelper;
import org.agrona.concurrent.status.AtomicCounter;
import space.tokenta.cluster.service.EngineClusteredService;

/**
 * One cluster member in this process: the media driver on its thread, the archive and consensus module
 * driven by one agent thread ({@link MemberAgent}), and the service container hosting
 * {@link EngineClusteredService} on its own thread. A command's round trip crosses consensus (append),
 * archive (record), consensus (commit) and service: with the middle three on one thread, the hand-overs
 * between threads are client → member → service → client. The driver stays apart: its duty cycle polls
 * the UDP transports (a system call each), which would lengthen every member cycle, and clients on the
 * same host reach the member over shared memory without it.
 *
 * <p>Everything durable lives under the node directory, so starting again on the same directory
 * recovers (latest snapshot + log replay). {@link #close()} stops it in order: service, then
 * consensus module, archive and driver.
 */
public final class ClusterNode implements AutoCloseable {
    private final NodeConfig config;
    private final MediaDriver mediaDriver;
    private final Archive archive;
    private final ConsensusModule consensusModule;
    private final AgentRunner memberAgentRunner;
    private final ClusteredServiceContainer container;
    private final ScheduledExecutorService snapshotTimer;

    private ClusterNode(final NodeConfig config) {
        this.config = config;
        final ClusterMembers.Member self = config.members().member(config.memberId());
        final Path nodeDir = config.nodeDirectory();
        final String aeronDir = config.aeronDirectory().toString();
        // mark files go with the driver directory: a kill -9 leaves stale ones there, not in the durable state
        final File markFiles = config.aeronDirectory().resolve("tokenta-marks").toFile();
        final MediaDriver.Context driverContext = new MediaDriver.Context()
                .aeronDirectoryName(aeronDir)
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(config.idleProfile().newIdleStrategy())
                .termBufferSparseFile(true)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true);
        final AeronArchive.Context replicationArchive = new AeronArchive.Context()
                .controlResponseChannel("aeron:udp?endpoint=" + self.host() + ":0");
        final Archive.Context archiveContext = new Archive.Context()
                .aeronDirectoryName(aeronDir)
                .archiveDir(nodeDir.resolve("archive").toFile())
                .markFileDir(new File(markFiles, "archive"))
                .controlChannel("aeron:udp?endpoint=" + self.endpoint(ClusterMembers.ARCHIVE_CONTROL))
                .archiveClientContext(replicationArchive)
                .localControlChannel("aeron:ipc?term-length=64k")
                .replicationChannel("aeron:udp?endpoint=" + self.host() + ":0")
                .recordingEventsEnabled(false)
                .archiveId(config.memberId())
                .threadingMode(ArchiveThreadingMode.INVOKER);
        final AeronArchive.Context archiveClient = new AeronArchive.Context()
                .lock(org.agrona.concurrent.NoOpLock.INSTANCE)
                .controlRequestChannel(archiveContext.localControlChannel())
                .controlRequestStreamId(archiveContext.localControlStreamId())
                .controlResponseChannel(archiveContext.localControlChannel())
                .aeronDirectoryName(aeronDir);
        final File clusterDir = nodeDir.resolve("cluster").toFile();
        MemberAgent memberAgent = null;
        AgentRunner memberAgentRunner = null;
        MediaDriver launchedDriver = null;
        Archive launchedArchive = null;
        ConsensusModule launchedConsensus = null;
        ClusteredServiceContainer launchedContainer = null;
        try {
            launchedDriver = MediaDriver.launch(driverContext);
            launchedArchive = Archive.launch(archiveContext);
            // from here on only the member's thread runs the archive; the launches below wait on it
            memberAgent = new MemberAgent(config.memberId(), launchedArchive.invoker());
            memberAgentRunner = new AgentRunner(config.idleProfile().newIdleStrategy(), Throwable::printStackTrace,
                    null, memberAgent);
            AgentRunner.startOnThread(memberAgentRunner);
            final AgentInvoker archiveFromOwner = memberAgent.archiveFromOwner();
            // the service container first: the consensus module's launch waits for its services
            launchedContainer = ClusteredServiceContainer.launch(new ClusteredServiceContainer.Context()
                    .aeronDirectoryName(aeronDir)
                    .archiveContext(archiveClient.clone())
                    .clusterDir(clusterDir)
                    .markFileDir(new File(markFiles, "service"))
                    .idleStrategySupplier(config.idleProfile()::newIdleStrategy)
                    .clusteredService(new EngineClusteredService(nodeDir, config.tickIntervalMs(),
                            config.memberId())));
            final Aeron consensusAeron = Aeron.connect(new Aeron.Context()
                    .aeronDirectoryName(aeronDir)
                    .useConductorAgentInvoker(true)
                    .errorHandler(io.aeron.RethrowingErrorHandler.INSTANCE)
                    .clientLock(org.agrona.concurrent.NoOpLock.INSTANCE)
                    .clientName("tokenta-consensus-" + config.memberId()));
            final ConsensusModule.Context consensus = new ConsensusModule.Context()
                    .aeron(consensusAeron)
                    .ownsAeronClient(true)
                    .errorCounter(ClusterCounters.allocate(consensusAeron, new ExpandableArrayBuffer(),
                            "Cluster errors", AeronCounters.CLUSTER_CONSENSUS_MODULE_ERROR_COUNT_TYPE_ID, 0))
                    .useAgentInvoker(true)
                    .idleStrategySupplier(() -> MemberAgent.archiveRunningIdleStrategy(archiveFromOwner,
                            config.idleProfile().newIdleStrategy()))
                    .clusterMemberId(config.memberId())
                    .clusterMembers(config.members().consensusMembers())
                    .clusterDir(clusterDir)
                    .markFileDir(new File(markFiles, "consensus"))
                    .ingressChannel("aeron:udp?term-length=4m")
                    // clients sharing this member's driver (embedded `up`, the bench) talk over shared memory
                    .isIpcIngressAllowed(true)
                    .logChannel("aeron:udp?term-length=8m|control-mode=manual|control="
                            + self.endpoint(ClusterMembers.LOG_CONTROL))
                    .replicationChannel("aeron:udp?endpoint=" + self.host() + ":0")
                    .archiveContext(archiveClient.clone().agentInvoker(archiveFromOwner))
                    .leaderHeartbeatIntervalNs(TimeUnit.MILLISECONDS.toNanos(100))
                    .leaderHeartbeatTimeoutNs(TimeUnit.MILLISECONDS.toNanos(config.leaderHeartbeatTimeoutMs()))
                    .electionTimeoutNs(TimeUnit.MILLISECONDS.toNanos(300))
                    .electionStatusIntervalNs(TimeUnit.MILLISECONDS.toNanos(50))
                    .startupCanvassTimeoutNs(TimeUnit.SECONDS.toNanos(3))
                    .sessionTimeoutNs(TimeUnit.SECONDS.toNanos(10))
                    // admin requests (snapshot) come from operators on the members' own hosts
                    .authorisationServiceSupplier(() -> AuthorisationService.ALLOW_ALL);
            launchedConsensus = ConsensusModule.launch(consensus);
            memberAgent.consensusLaunched(launchedConsensus.conductorAgentInvoker());
            memberAgent.closeOnStop(launchedConsensus, launchedArchive);
        } catch (final RuntimeException e) {
            closeInOrder(launchedContainer, memberAgentRunner, launchedConsensus, launchedArchive,
                    launchedDriver);
            throw e;
        }
        this.memberAgentRunner = memberAgentRunner;
        mediaDriver = launchedDriver;
        archive = launchedArchive;
        consensusModule = launchedConsensus;
        container = launchedContainer;
        if (config.snapshotIntervalS() > 0) {
            snapshotTimer = Executors.newSingleThreadScheduledExecutor(r -> {
                final Thread t = new Thread(r, "tokenta-snapshot-timer");
                t.setDaemon(true);
                return t;
            });
            snapshotTimer.scheduleAtFixedRate(this::requestSnapshotIfLeader, config.snapshotIntervalS(),
                    config.snapshotIntervalS(), TimeUnit.SECONDS);
        } else {
            snapshotTimer = null;
        }
    }

    public static ClusterNode launch(final NodeConfig config) {
        return new ClusterNode(config);
    }

    public NodeConfig config() {
        return config;
    }

    /** The directory of this node's media driver (an in-process client may share it). */
    public String aeronDirectoryName() {
        return config.aeronDirectory().toString();
    }

    /** Asks this member's consensus module for a snapshot; only the leader acts on it (it then snapshots all members). */
    public boolean requestSnapshotIfLeader() {
        final ConsensusModule.Context ctx = consensusModule.context();
        if (ctx.clusterNodeRoleCounter() == null || ctx.clusterNodeRoleCounter().get() != 2L) {
            return false;
        }
        final AtomicCounter toggle = ctx.controlToggleCounter();
        return ClusterControl.ToggleState.SNAPSHOT.toggle(toggle);
    }

    @Override
    public void close() {
        if (snapshotTimer != null) {
            snapshotTimer.shutdownNow();
        }
        closeInOrder(container, memberAgentRunner, consensusModule, archive, mediaDriver);
    }

    /**
     * The service first; then the member's agent thread, which closes the consensus module and archive as it
     * stops ({@link MemberAgent#closeOnStop}; if it never started, they close here); the driver last.
     */
    private static void closeInOrder(final ClusteredServiceContainer container, final AgentRunner memberAgentRunner,
            final ConsensusModule consensusModule, final Archive archive, final MediaDriver mediaDriver) {
        CloseHelper.closeAll(container, memberAgentRunner);
        if (memberAgentRunner == null || consensusModule == null) {
            CloseHelper.closeAll(consensusModule, archive);
        }
        CloseHelper.close(mediaDriver);
    }
}
