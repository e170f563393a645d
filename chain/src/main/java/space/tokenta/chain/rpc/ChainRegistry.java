package space.tokenta.chain.rpc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.tokenta.chain.config.ChainConfig;
import space.tokenta.chain.config.UpstreamConfig;
import space.tokenta.chain.status.ChainStatus;

/**
 * The pools of all configured chains. {@link #apply} reconciles with a new configuration: new
 * chains start, dropped chains stop, and for kept chains upstreams are added and removed in place
 * (a changed profile or policy rebuilds that chain's pool).
 */
public final class ChainRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChainRegistry.class);

    private final Map<String, UpstreamPool> pools = new LinkedHashMap<>();
    private java.util.concurrent.ScheduledExecutorService watchTimer;

    /**
     * Applies {@code file} now and re-applies it whenever its modification time changes (checked every
     * {@code intervalMs}); a file that does not parse leaves the running configuration in place.
     */
    public synchronized space.tokenta.chain.config.ConfigWatcher watch(final java.nio.file.Path file, final long intervalMs) {
        if (intervalMs < 10 || intervalMs > 600_000) {
            throw new IllegalArgumentException("intervalMs in [10, 600000]");
        }
        if (watchTimer != null) {
            throw new IllegalStateException("already watching a file");
        }
        final space.tokenta.chain.config.ConfigWatcher watcher = new space.tokenta.chain.config.ConfigWatcher(file, this::apply);
        watcher.doWork();
        watchTimer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread t = new Thread(r, "chains-config-watch");
            t.setDaemon(true);
            return t;
        });
        watchTimer.scheduleWithFixedDelay(watcher::doWork, intervalMs, intervalMs, java.util.concurrent.TimeUnit.MILLISECONDS);
        return watcher;
    }

    /** Applies a configuration; returns a short description of what changed. */
    public synchronized List<String> apply(final List<ChainConfig> configs) {
        final List<String> changes = new ArrayList<>();
        final Map<String, ChainConfig> wanted = new LinkedHashMap<>();
        configs.forEach(c -> wanted.put(c.name(), c));
        for (final String name : List.copyOf(pools.keySet())) {
            if (!wanted.containsKey(name)) {
                pools.remove(name).close();
                changes.add("chain " + name + " removed");
            }
        }
        for (final ChainConfig config : wanted.values()) {
            final UpstreamPool existing = pools.get(config.name());
            if (existing == null) {
                pools.put(config.name(), new UpstreamPool(config).start());
                changes.add("chain " + config.name() + " added");
            } else if (!existing.config().profile().equals(config.profile()) || !existing.config().policy().equals(config.policy())) {
                existing.close();
                pools.put(config.name(), new UpstreamPool(config).start());
                changes.add("chain " + config.name() + " rebuilt");
            } else {
                changes.addAll(reconcileUpstreams(existing, config.upstreams()));
            }
        }
        if (!changes.isEmpty()) {
            LOG.info("chains reconfigured: {}", changes);
        }
        return changes;
    }

    private static List<String> reconcileUpstreams(final UpstreamPool pool, final List<UpstreamConfig> wanted) {
        final List<String> changes = new ArrayList<>();
        final Map<String, UpstreamConfig> byId = new HashMap<>();
        wanted.forEach(u -> byId.put(u.id(), u));
        for (final Upstream u : pool.upstreams()) {
            final UpstreamConfig w = byId.get(u.id());
            if (w == null || !w.equals(u.config())) {
                pool.removeUpstream(u.id());
                changes.add(pool.config().name() + "/" + u.id() + " removed");
            }
        }
        boolean added = false;
        for (final UpstreamConfig w : wanted) {
            if (pool.find(w.id()) == null) {
                pool.addUpstream(w);
                changes.add(pool.config().name() + "/" + w.id() + " added");
                added = true;
            }
        }
        if (added) {
            pool.probeNow();
        }
        return changes;
    }

    public synchronized Optional<UpstreamPool> pool(final String chain) {
        return Optional.ofNullable(pools.get(chain));
    }

    public synchronized List<ChainStatus> status() {
        return pools.values().stream().map(UpstreamPool::status).toList();
    }

    @Override
    public synchronized void close() {
        if (watchTimer != null) {
            watchTimer.shutdownNow();
        }
        pools.values().forEach(UpstreamPool::close);
        pools.clear();
    }
}
