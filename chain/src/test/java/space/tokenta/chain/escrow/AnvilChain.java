package space.tokenta.chain.escrow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;

/**
 * A local anvil started as a child process for one test class (127.0.0.1, a free port, a chosen
 * chain id) and stopped by its PID. The binary comes from env TOKENTA_ANVIL, else from the
 * contracts/ npm packages found by walking up from the working directory.
 */
final class AnvilChain implements AutoCloseable {
    private static final long START_TIMEOUT_MS = 30_000;

    final long chainId;
    final Web3j web3j;
    private final HttpService http;
    private final Process process;

    private AnvilChain(long chainId, Process process, HttpService http) {
        this.chainId = chainId;
        this.process = process;
        this.http = http;
        this.web3j = Web3j.build(http);
    }

    static AnvilChain start(long chainId) throws IOException, InterruptedException {
        Path binary = locateAnvil();
        int port = freePort();
        Path log = Files.createTempFile("tokenta-anvil", ".log");
        Process process = new ProcessBuilder(binary.toString(), "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--chain-id", Long.toString(chainId))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        AnvilChain chain = new AnvilChain(chainId, process, new HttpService("http://127.0.0.1:" + port));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("anvil exited: " + Files.readString(log));
            }
            try {
                long reported = chain.web3j.ethChainId().send().getChainId().longValueExact();
                if (reported != chainId) {
                    chain.close();
                    throw new IllegalStateException("anvil reports chain id " + reported);
                }
                Files.deleteIfExists(log);
                return chain;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    chain.close();
                    throw new IllegalStateException("anvil did not answer within " + START_TIMEOUT_MS + " ms");
                }
                Thread.sleep(50);
            }
        }
    }

    static Path locateAnvil() {
        String configured = System.getenv("TOKENTA_ANVIL");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured);
        }
        Path dir = Paths.get("").toAbsolutePath();
        for (int depth = 0; dir != null && depth < 8; depth++, dir = dir.getParent()) {
            Path modules = dir.resolve("contracts/node_modules");
            // prefer the native binary: the npm launcher is a Node wrapper around it
            Path nativeBinary = modules.resolve("@foundry-rs/anvil-linux-amd64/bin/anvil");
            if (Files.isExecutable(nativeBinary)) {
                return nativeBinary;
            }
            Path launcher = modules.resolve(".bin/anvil");
            if (Files.isExecutable(launcher)) {
                return launcher;
            }
        }
        throw new IllegalStateException(
                "anvil not found: run (cd contracts && npm ci) from the repository root, or set TOKENTA_ANVIL");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    void setBalance(String account, BigInteger wei) {
        rpc("anvil_setBalance", List.of(account, "0x" + wei.toString(16)));
    }

    /** Moves chain time forward by {@code seconds} and mines a block at the new time. */
    void advanceSeconds(long seconds) {
        rpc("evm_setNextBlockTimestamp", List.of(latestTimestamp() + seconds));
        rpc("evm_mine", List.of());
    }

    long latestTimestamp() {
        try {
            return web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock()
                    .getTimestamp().longValueExact();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void rpc(String method, List<?> params) {
        try {
            VoidResponse response = new Request<>(method, params, http, VoidResponse.class).send();
            if (response.hasError()) {
                throw new IllegalStateException(method + ": " + response.getError().getMessage());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(method, e);
        }
    }

    @Override
    public void close() {
        web3j.shutdown();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
