package space.tokenta.chain.devchain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the anvil binary: env TOKENTA_ANVIL, else, walking up from the working directory, the native
 * binary inside contracts/node_modules (preferred: the npm launcher is a Node wrapper, and killing the
 * wrapper by PID can leave anvil itself running), else the npm launcher.
 */
public final class AnvilBinary {
    public static final String ENV = "TOKENTA_ANVIL";
    public static final int MAX_PARENT_LEVELS = 16;

    private AnvilBinary() {
    }

    public static Optional<Path> locate() {
        final String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            final Path p = Path.of(env);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < MAX_PARENT_LEVELS && dir != null; i++) {
            final Path modules = dir.resolve("contracts/node_modules");
            final Path nativeBinary = modules.resolve("@foundry-rs/anvil-linux-amd64/bin/anvil");
            if (Files.isExecutable(nativeBinary)) {
                return Optional.of(nativeBinary);
            }
            final Path launcher = modules.resolve(".bin/anvil");
            if (Files.isExecutable(launcher)) {
                return Optional.of(launcher);
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }

    public static Path require() {
        return locate().orElseThrow(() -> new IllegalStateException(
                "anvil not found: run (cd contracts && npm ci) in the repository, or set " + ENV + " to the binary"));
    }
}
