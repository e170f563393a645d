package space.tokenta.cluster.node;

import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ClusteredMediaDriver;
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
import java.util.function.Supplier;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.CloseHelper;
import org.agrona.concurrent.status.AtomicCounter;
import space.tokenta.cluster.service.EngineClusteredService;

/**
 * One cluster member in this process: media driver, archive and consensus module
 * ({@link ClusteredMediaDriver}) plus the service container hosting {@link EngineClusteredService}.
 * Everything durable lives under the node directory, so starting again on the same directory
 * recovers (latest snapshot + log replay). {@link #close()} stops it in order: service, then
 * consensus module, archive and driver.
 */
public final class ClusterNode implements AutoCloseable {
    private final NodeConfig config;
    private final ClusteredMediaDriver clusteredMediaDriver;
    private final ClusteredServiceContainer container;
    private final ScheduledExecutorService snapshotTimer;

    private ClusterNode(final NodeConfig config) {
        this.config = config;
        final ClusterMembers.Member self = config.members().member(config.memberId());
        final Path nodeDir = config.nodeDirectory();
        final String aeronDir = config.aeronDirectory().toString();
        // mark files go with the driver directory: a kill -9 leaves stale ones there, not in the durable state
        final File markFiles = config.aeronDirectory().resolve("tokenta-marks").toFile();
        final Supplier<IdleStrategy> idle = config.idleProfile()::newIdleStrategy;
        final MediaDriver.Context driver = new MediaDriver.Context()
                .sharedIdleStrategy(idle.get())
                .aeronDirectoryName(aeronDir)
                .threadingMode(ThreadingMode.SHARED)
                .termBufferSparseFile(true)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true);
        final AeronArchive.Context replicationArchive = new AeronArchive.Context()
                .controlResponseChannel("aeron:udp?endpoint=" + self.host() + ":0");
        final Archive.Context archive = new Archive.Context()
                .aeronDirectoryName(aeronDir)
                .archiveDir(nodeDir.resolve("archive").toFile())
                .markFileDir(new File(markFiles, "archive"))
                .controlChannel("aeron:udp?endpoint=" + self.endpoint(ClusterMembers.ARCHIVE_CONTROL))
                .archiveClientContext(replicationArchive)
                .localControlChannel("aeron:ipc?term-length=64k")
                .replicationChannel("aeron:udp?endpoint=" + self.host() + ":0")
                .recordingEventsEnabled(false)
                .archiveId(config.memberId())
                .idleStrategySupplier(idle)
                .threadingMode(ArchiveThreadingMode.SHARED);
        final AeronArchive.Context archiveClient = new AeronArchive.Context()
                .lock(org.agrona.concurrent.NoOpLock.INSTANCE)
                .controlRequestChannel(archive.localControlChannel())
                .controlRequestStreamId(archive.localControlStreamId())
                .controlResponseChannel(archive.localControlChannel())
                .aeronDirectoryName(aeronDir);
        final File clusterDir = nodeDir.resolve("cluster").toFile();
        final ConsensusModule.Context consensus = new ConsensusModule.Context()
                .clusterMemberId(config.memberId())
                .clusterMembers(config.members().consensusMembers())
                .clusterDir(clusterDir)
                .markFileDir(new File(markFiles, "consensus"))
                .idleStrategySupplier(idle)
                .ingressChannel("aeron:udp?term-length=4m")
                // clients sharing this member's driver (embedded `up`, the bench) talk over shared memory
                .isIpcIngressAllowed(true)
                .logChannel("aeron:udp?term-length=8m|control-mode=manual|control="
                        + self.endpoint(ClusterMembers.LOG_CONTROL))
                .replicationChannel("aeron:udp?endpoint=" + self.host() + ":0")
                .archiveContext(archiveClient.clone())
                .leaderHeartbeatIntervalNs(TimeUnit.MILLISECONDS.toNanos(100))
                .leaderHeartbeatTimeoutNs(TimeUnit.MILLISECONDS.toNanos(config.leaderHeartbeatTimeoutMs()))
                .electionTimeoutNs(TimeUnit.MILLISECONDS.toNanos(300))
                .electionStatusIntervalNs(TimeUnit.MILLISECONDS.toNanos(50))
                .startupCanvassTimeoutNs(TimeUnit.SECONDS.toNanos(3))
                .sessionTimeoutNs(TimeUnit.SECONDS.toNanos(10))
                // admin requests (snapshot) come from operators on the members' own hosts
                .authorisationServiceSupplier(() -> AuthorisationService.ALLOW_ALL);
        clusteredMediaDriver = ClusteredMediaDriver.launch(driver, archive, consensus);
        try {
            container = ClusteredServiceContainer.launch(new ClusteredServiceContainer.Context()
                    .aeronDirectoryName(aeronDir)
                    .archiveContext(archiveClient.clone())
                    .clusterDir(clusterDir)
                    .markFileDir(new File(markFiles, "service"))
                    .idleStrategySupplier(idle)
                    .clusteredService(new EngineClusteredService(nodeDir, config.tickIntervalMs(),
                            config.memberId())));
        } catch (final RuntimeException e) {
            clusteredMediaDriver.close();
            throw e;
        }
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
        final ConsensusModule.Context ctx = clusteredMediaDriver.consensusModule().context();
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
        CloseHelper.closeAll(container, clusteredMediaDriver);
    }
}
