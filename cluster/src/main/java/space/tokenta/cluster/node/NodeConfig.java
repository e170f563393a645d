package space.tokenta.cluster.node;

import java.nio.file.Path;

/**
 * How to run one member.
 *
 * @param memberId                  this member's id in {@code members}
 * @param members                   every member of the cluster
 * @param nodeDirectory             durable state: archive, cluster dir, event journal, status
 * @param aeronDirectory            the media driver's directory (deleted on start and clean stop)
 * @param tickIntervalMs            how often TIME_TICK is sequenced through a cluster timer (0 = never)
 * @param snapshotIntervalS         how often the leader takes a snapshot (0 = only on request)
 * @param leaderHeartbeatTimeoutMs  silence after which followers elect a new leader
 * @param idleProfile               how idle agents (driver, archive, consensus, service) wait: CPU for latency
 */
public record NodeConfig(int memberId, ClusterMembers members, Path nodeDirectory, Path aeronDirectory,
        long tickIntervalMs, long snapshotIntervalS, long leaderHeartbeatTimeoutMs, IdleProfile idleProfile) {
    public static final long DEFAULT_TICK_INTERVAL_MS = 100;
    public static final long DEFAULT_SNAPSHOT_INTERVAL_S = 600;
    /**
     * Five missed 100 ms heartbeats. With the 300 ms election timeout a new leader served ~1 s after
     * the old one dies (1 s gave 1.6-3.4 s on the shared 2-core machine, over the 2 s target).
     */
    public static final long DEFAULT_LEADER_HEARTBEAT_TIMEOUT_MS = 500;
    /** Spin, yield, park at most 50 us: the lowest latency that leaves the cores mostly free while idle. */
    public static final IdleProfile DEFAULT_IDLE_PROFILE = IdleProfile.BALANCED;

    public NodeConfig {
        members.member(memberId);
        java.util.Objects.requireNonNull(idleProfile, "idleProfile");
        if (tickIntervalMs < 0 || snapshotIntervalS < 0 || leaderHeartbeatTimeoutMs < 200) {
            throw new IllegalArgumentException("bad intervals: tick " + tickIntervalMs + " ms, snapshot "
                    + snapshotIntervalS + " s, heartbeat timeout " + leaderHeartbeatTimeoutMs + " ms");
        }
        nodeDirectory = nodeDirectory.toAbsolutePath().normalize();
        aeronDirectory = aeronDirectory.toAbsolutePath().normalize();
    }

    /** Defaults for member {@code memberId} with its state under {@code dataDirectory/node-<id>}. */
    public static NodeConfig of(final int memberId, final ClusterMembers members, final Path dataDirectory,
            final Path aeronDirectory) {
        return new NodeConfig(memberId, members, dataDirectory.resolve("node-" + memberId), aeronDirectory,
                DEFAULT_TICK_INTERVAL_MS, DEFAULT_SNAPSHOT_INTERVAL_S, DEFAULT_LEADER_HEARTBEAT_TIMEOUT_MS,
                DEFAULT_IDLE_PROFILE);
    }

    public NodeConfig withTickIntervalMs(final long ms) {
        return new NodeConfig(memberId, members, nodeDirectory, aeronDirectory, ms, snapshotIntervalS,
                leaderHeartbeatTimeoutMs, idleProfile);
    }

    public NodeConfig withSnapshotIntervalS(final long s) {
        return new NodeConfig(memberId, members, nodeDirectory, aeronDirectory, tickIntervalMs, s,
                leaderHeartbeatTimeoutMs, idleProfile);
    }

    public NodeConfig withIdleProfile(final IdleProfile profile) {
        return new NodeConfig(memberId, members, nodeDirectory, aeronDirectory, tickIntervalMs, snapshotIntervalS,
                leaderHeartbeatTimeoutMs, profile);
    }

    /** A default media driver directory: in shared memory when there is one, unique per process and member. */
    public static Path defaultAeronDirectory(final int memberId) {
        final Path shm = Path.of("/dev/shm");
        final Path base = java.nio.file.Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        return base.resolve("tokenta-" + ProcessHandle.current().pid() + "-node-" + memberId);
    }
}
