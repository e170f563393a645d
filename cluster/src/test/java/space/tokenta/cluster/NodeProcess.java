package space.tokenta.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import space.tokenta.cluster.cli.NodeCommand;
import space.tokenta.cluster.node.LoopbackPorts;

/** One cluster member in a JVM of its own, started and killed by PID from a test. */
final class NodeProcess implements AutoCloseable {
    private final Path root;
    private final int memberId;
    private final String members;
    private final long tickMs;
    private Process process;
    private Path log;
    private int starts;

    NodeProcess(final Path root, final int memberId, final String members, final long tickMs) {
        this.root = root;
        this.memberId = memberId;
        this.members = members;
        this.tickMs = tickMs;
    }

    Path nodeDirectory() {
        return root.resolve("data").resolve("node-" + memberId);
    }

    /** Starts the JVM; {@link #awaitReady} waits for its ready line. */
    NodeProcess start() throws IOException {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final List<String> cmd = new ArrayList<>(List.of(java, "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
                "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                NodeCommand.class.getName(), "--id", Integer.toString(memberId), "--members", members,
                "--data-dir", root.resolve("data").toString(),
                "--aeron-dir", root.resolve("aeron-" + memberId + "-" + starts).toString(),
                "--tick-ms", Long.toString(tickMs), "--snapshot-interval-s", "0"));
        log = root.resolve("node-" + memberId + "-" + starts + ".log");
        starts++;
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return this;
    }

    void awaitReady(final long timeoutMs) throws Exception {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains("ready")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + memberId + " exited: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("node " + memberId + " not ready in " + timeoutMs + " ms: "
                + Files.readString(log));
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM; @return the exit code, or -1 if it had to be killed. */
    int terminate(final long timeoutMs) throws InterruptedException {
        process.destroy();
        if (process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        kill();
        return -1;
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    /** "position hashHex requestId" written by the service for the last status request. */
    String statusLine() throws IOException {
        final Path status = nodeDirectory().resolve("status");
        return Files.exists(status) ? Files.readString(status).trim() : "";
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    static int freePortBase(final int memberCount) {
        return LoopbackPorts.freeBase(memberCount);
    }
}
