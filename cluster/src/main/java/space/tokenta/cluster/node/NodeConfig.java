package space.tokenta.cluster.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.agrona.IoUtil;

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
    private static final String DEFAULT_DIRECTORY_PREFIX = "tokenta-";
    private static final Pattern DEFAULT_DIRECTORY = Pattern.compile("tokenta-(\\d{1,10})-node-\\d+");
    private static final int MAX_STALE_DIRECTORIES_PER_SWEEP = 64;

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

    /**
     * A default media driver directory: in shared memory when there is one, unique per process and member.
     * Directories that processes killed with -9 left behind (their pid is gone) are deleted first, so
     * shared memory does not fill up with dead drivers' buffers.
     */
    public static Path defaultAeronDirectory(final int memberId) {
        final Path shm = Path.of("/dev/shm");
        final Path base = Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        deleteDirectoriesOfDeadProcesses(base);
        return base.resolve(DEFAULT_DIRECTORY_PREFIX + ProcessHandle.current().pid() + "-node-" + memberId);
    }

    private static void deleteDirectoriesOfDeadProcesses(final Path base) {
        try (Stream<Path> entries = Files.list(base)) {
            entries.filter(p -> {
                final Matcher m = DEFAULT_DIRECTORY.matcher(p.getFileName().toString());
                return m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty();
            }).limit(MAX_STALE_DIRECTORIES_PER_SWEEP).forEach(p -> IoUtil.delete(p.toFile(), true));
        } catch (final IOException | RuntimeException e) {
            // a sweep that fails leaves only garbage behind; the node's own directory is unaffected
        }
    }
}
