package space.tokenta.chain.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads a chains file when its modification time changes. {@link #doWork()} is the duty cycle
 * (call it from a timer); a file that fails to parse is logged and the running configuration kept.
 */
public final class ConfigWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    public enum State { WAITING, LOADED, REJECTED }

    private final Path file;
    private final Consumer<List<ChainConfig>> apply;
    private FileTime lastSeen;
    private State state = State.WAITING;
    private String lastError = "";

    public ConfigWatcher(final Path file, final Consumer<List<ChainConfig>> apply) {
        this.file = file;
        this.apply = apply;
    }

    /** Returns 1 when a new configuration was applied, else 0. */
    public synchronized int doWork() {
        final FileTime modified;
        try {
            modified = Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return 0;
        }
        if (modified.equals(lastSeen)) {
            return 0;
        }
        lastSeen = modified;
        try {
            apply.accept(ChainsConfigFile.read(file));
            state = State.LOADED;
            return 1;
        } catch (IllegalArgumentException e) {
            state = State.REJECTED;
            lastError = e.getMessage();
            LOG.warn("{}: configuration rejected, keeping the running one: {}", file, e.getMessage());
            return 0;
        }
    }

    public synchronized State state() {
        return state;
    }

    public synchronized String lastError() {
        return lastError;
    }
}
