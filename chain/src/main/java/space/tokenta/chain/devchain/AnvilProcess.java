package space.tokenta.chain.devchain;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One anvil child process on 127.0.0.1 and a free port; stopped by PID (descendants first). */
public final class AnvilProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnvilProcess.class);
    public static final long START_TIMEOUT_MS = 20_000;

    private final long chainId;
    private final int port;
    private final Process process;

    private AnvilProcess(final long chainId, final int port, final Process process) {
        this.chainId = chainId;
        this.port = port;
        this.process = process;
    }

    /** Starts anvil and waits until it answers eth_chainId; extra arguments go through unchanged. */
    public static AnvilProcess start(final Path binary, final long chainId, final List<String> extraArgs) {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            final int port = freePort();
            final List<String> command = new ArrayList<>(List.of(binary.toString(), "--host", "127.0.0.1", "--port",
                    Integer.toString(port), "--chain-id", Long.toString(chainId), "--silent"));
            command.addAll(extraArgs);
            try {
                final Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                final AnvilProcess anvil = new AnvilProcess(chainId, port, process);
                if (anvil.awaitReady(START_TIMEOUT_MS)) {
                    LOG.info("anvil chain {} on port {} (pid {})", chainId, port, process.pid());
                    return anvil;
                }
                anvil.close();
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IllegalStateException("anvil (chain " + chainId + ") did not start", last);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private boolean awaitReady(final long timeoutMs) {
        final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        final long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        try {
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    final HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(httpUrl()))
                            .timeout(Duration.ofMillis(1_000)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().contains("\"result\"")) {
                        return true;
                    }
                } catch (IOException e) {
                    Thread.sleep(50);
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            client.shutdownNow();
        }
    }

    public long chainId() {
        return chainId;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + port + "/";
    }

    public String wsUrl() {
        return "ws://127.0.0.1:" + port + "/";
    }

    @Override
    public void close() {
        final ProcessHandle handle = process.toHandle();
        handle.descendants().forEach(ProcessHandle::destroy);
        handle.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                handle.descendants().forEach(ProcessHandle::destroyForcibly);
                handle.destroyForcibly();
                process.waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroyForcibly();
        }
    }
}
