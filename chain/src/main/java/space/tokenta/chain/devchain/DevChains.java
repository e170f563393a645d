package space.tokenta.chain.devchain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.tokenta.chain.config.ChainProfile;
import space.tokenta.chain.config.RpcPolicy;
import space.tokenta.chain.fault.FaultKind;
import space.tokenta.chain.fault.FaultPlan;
import space.tokenta.chain.fault.FaultProxy;
import space.tokenta.chain.rpc.UpstreamPool;

/**
 * Launches the local dev chains for {@code tokenta up}: by default eth-dev (31337), bsc-dev (31338)
 * and tron-evm-dev (31339), each an anvil plus two fault proxies and a pool over the three endpoints,
 * with {@code MockStablecoin} and {@code TokentaEscrow} deployed and demo balances minted
 * ({@link DevContractsDeployer}), described by a {@link DevDeployment} written to
 * {@code <dataDir>/devchains.json}. Chains start in parallel. Children stop on {@link #close()} and on
 * JVM shutdown.
 */
public final class DevChains implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DevChains.class);
    public static final List<ChainProfile> DEFAULT_PROFILES = List.of(ChainProfile.ETH_DEV, ChainProfile.BSC_DEV, ChainProfile.TRON_EVM_DEV);
    public static final int MAX_CHAINS = 8;
    public static final long START_TIMEOUT_MS = 120_000;
    /** How often a persisted chain writes its state; a kill -9 loses at most this much (seen as a reorg). */
    public static final int STATE_INTERVAL_S = 2;

    /**
     * How to start the dev chains.
     *
     * @param profiles        chains to start (distinct chain ids), at most {@link #MAX_CHAINS}
     * @param proxiesPerChain fault proxies per chain, 0..{@link DevChain#MAX_PROXIES}
     * @param chaosSeed       null: proxies pass everything through; else every proxy injects seeded faults
     * @param chaosPercent    share of faulty requests with a chaos seed, 0..100
     * @param policy          the pools' policy
     * @param blockTimeSec    anvil {@code --block-time}; 0 mines each transaction at once (no empty blocks)
     * @param slotsInAnEpoch  anvil {@code --slots-in-an-epoch}: {@code safe} is head − N, {@code finalized} head − 2N
     * @param deploy          deploy the contracts and mint demo balances
     * @param dataDir         where {@code devchains.json} goes; null: no file
     * @param stateDir        where each anvil keeps its state ({@code <name>.anvil.json}, written every
     *                        {@link #STATE_INTERVAL_S} s and on exit) so a restart resumes the same chain
     *                        with the same contracts; null: every start is a fresh chain
     */
    public record Options(List<ChainProfile> profiles, int proxiesPerChain, Long chaosSeed, int chaosPercent, RpcPolicy policy,
                          int blockTimeSec, int slotsInAnEpoch, boolean deploy, Path dataDir, Path stateDir) {
        public Options(final List<ChainProfile> profiles, final int proxiesPerChain, final Long chaosSeed, final int chaosPercent,
                       final RpcPolicy policy, final int blockTimeSec, final int slotsInAnEpoch, final boolean deploy,
                       final Path dataDir) {
            this(profiles, proxiesPerChain, chaosSeed, chaosPercent, policy, blockTimeSec, slotsInAnEpoch, deploy, dataDir, null);
        }

        public Options {
            profiles = List.copyOf(profiles);
            if (profiles.isEmpty() || profiles.size() > MAX_CHAINS) {
                throw new IllegalArgumentException("1.." + MAX_CHAINS + " chains");
            }
            if (profiles.stream().map(ChainProfile::chainId).distinct().count() != profiles.size()) {
                throw new IllegalArgumentException("chain ids must be distinct");
            }
            if (proxiesPerChain < 0 || proxiesPerChain > DevChain.MAX_PROXIES) {
                throw new IllegalArgumentException("proxies per chain in [0, " + DevChain.MAX_PROXIES + "]");
            }
            if (chaosPercent < 0 || chaosPercent > 100) {
                throw new IllegalArgumentException("chaos percent in [0, 100]");
            }
            Objects.requireNonNull(policy, "policy");
            if (blockTimeSec < 0 || blockTimeSec > 60) {
                throw new IllegalArgumentException("block time in [0, 60] s");
            }
            if (slotsInAnEpoch < 1 || slotsInAnEpoch > 64) {
                throw new IllegalArgumentException("slots in an epoch in [1, 64]");
            }
        }

        /**
         * The default for {@code up}: 3 chains, 2 proxies each, 1 s blocks, finalized = head − 4, deployed,
         * state kept under {@code <dataDir>/chains}.
         */
        public static Options defaults(final Path dataDir, final Long chaosSeed) {
            return new Options(DEFAULT_PROFILES, 2, chaosSeed, 5, RpcPolicy.defaults(), 1, 2, true, dataDir,
                    dataDir.resolve("chains"));
        }

        /** The state file of one chain, or null without a state directory. */
        Path stateFile(final ChainProfile profile) {
            return stateDir == null ? null : stateDir.resolve(profile.name() + ".anvil.json");
        }

        List<String> anvilArgs(final ChainProfile profile) {
            final List<String> args = new ArrayList<>(List.of("--slots-in-an-epoch", Integer.toString(slotsInAnEpoch)));
            if (blockTimeSec > 0) {
                args.addAll(List.of("--block-time", Integer.toString(blockTimeSec)));
            }
            if (stateDir != null) {
                args.addAll(List.of("--state", stateFile(profile).toString(), "--state-interval",
                        Integer.toString(STATE_INTERVAL_S)));
            }
            return args;
        }
    }

    private final List<DevChain> chains = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, UpstreamPool> pools = new LinkedHashMap<>();
    private final Thread shutdownHook = new Thread(this::close, "devchains-shutdown");
    private DevDeployment deployment;
    private Path deploymentFile;
    private volatile boolean closed;

    private DevChains() {
    }

    /**
     * The entry point of {@code tokenta up}: eth-dev, bsc-dev and tron-evm-dev, two fault proxies each
     * plus the direct endpoint, contracts deployed, {@code <dataDir>/devchains.json} written. With
     * {@code chaosSeed} set, every proxy injects seeded faults (5 % of requests).
     */
    public static DevChains startDefault(final Path dataDir, final Long chaosSeed) {
        return start(Options.defaults(Objects.requireNonNull(dataDir, "dataDir"), chaosSeed));
    }

    public static DevChains start(final Options options) {
        final DevChains dev = new DevChains();
        Runtime.getRuntime().addShutdownHook(dev.shutdownHook);
        final ExecutorService starters = Executors.newFixedThreadPool(options.profiles().size(), r -> {
            final Thread t = new Thread(r, "devchains-start");
            t.setDaemon(true);
            return t;
        });
        try {
            final DevDeployment previous = previousDeployment(options);
            if (options.stateDir() != null) {
                Files.createDirectories(options.stateDir());
            }
            final List<Future<DevDeployment.Chain>> started = new ArrayList<>();
            for (final ChainProfile profile : options.profiles()) {
                // a chain resumed from its state file keeps the contracts deployed on it
                final DevDeployment.Chain resumed = previous == null || !Files.exists(options.stateFile(profile)) ? null
                        : previous.chains().get(profile.chainId());
                started.add(starters.submit(() -> {
                    final DevChain chain = DevChain.start(profile, options.proxiesPerChain(), options.anvilArgs(profile));
                    synchronized (dev.chains) {
                        if (dev.closed) {
                            chain.close();
                            throw new IllegalStateException("dev chains closed while " + profile.name() + " started");
                        }
                        dev.chains.add(chain);
                    }
                    if (!options.deploy()) {
                        return null;
                    }
                    return resumed != null ? resumed.withEndpoints(DevContractsDeployer.direct(chain), DevContractsDeployer.proxies(chain))
                            : DevContractsDeployer.deploy(chain);
                }));
            }
            final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
            final List<DevDeployment.Chain> described = new ArrayList<>();
            for (final Future<DevDeployment.Chain> f : started) {
                final DevDeployment.Chain c = f.get(Math.max(1, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (c != null) {
                    described.add(c);
                }
            }
            int proxyIndex = 0;
            for (final ChainProfile profile : options.profiles()) {
                final DevChain chain = dev.chain(profile.name());
                if (options.chaosSeed() != null) {
                    for (final FaultProxy p : chain.proxies()) {
                        p.plan(FaultPlan.seeded(options.chaosSeed() + proxyIndex++, options.chaosPercent(),
                                EnumSet.complementOf(EnumSet.of(FaultKind.NONE, FaultKind.HANG))));
                    }
                }
                dev.pools.put(profile.name(), new UpstreamPool(chain.chainConfig(options.policy(), true)).start());
            }
            if (options.deploy()) {
                dev.deployment = DevDeployment.of(described);
                if (options.dataDir() != null) {
                    dev.deploymentFile = dev.deployment.write(options.dataDir());
                    LOG.info("dev deployment written to {}", dev.deploymentFile);
                }
            }
        } catch (java.io.IOException e) {
            dev.close();
            throw new IllegalStateException("dev chains' state directory: " + e.getMessage(), e);
        } catch (ExecutionException e) {
            dev.close();
            throw new IllegalStateException("dev chains did not start: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            dev.close();
            throw new IllegalStateException("dev chains did not start within " + START_TIMEOUT_MS + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dev.close();
            throw new IllegalStateException("interrupted while starting dev chains", e);
        } catch (RuntimeException e) {
            dev.close();
            throw e;
        } finally {
            starters.shutdownNow();
        }
        return dev;
    }

    /** The deployment a previous start wrote, when its chains kept their state; else null. */
    private static DevDeployment previousDeployment(final Options options) {
        if (options.stateDir() == null || options.dataDir() == null || !options.deploy()) {
            return null;
        }
        final Path file = options.dataDir().resolve(DevDeployment.FILE_NAME);
        return Files.exists(file) ? DevDeployment.read(file) : null;
    }

    private DevChain chain(final String name) {
        synchronized (chains) {
            return chains.stream().filter(c -> c.profile().name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("chain " + name + " did not start"));
        }
    }

    /** The running chains, sorted by chain id. */
    public List<DevChain> chains() {
        synchronized (chains) {
            final List<DevChain> ordered = new ArrayList<>(chains);
            ordered.sort(java.util.Comparator.comparingLong(c -> c.profile().chainId()));
            return ordered;
        }
    }

    public Map<String, UpstreamPool> pools() {
        return java.util.Collections.unmodifiableMap(pools);
    }

    /** What was deployed; null when started without deployment. */
    public DevDeployment deployment() {
        return deployment;
    }

    /** {@code <dataDir>/devchains.json}; null when no data dir was given or nothing was deployed. */
    public Path deploymentFile() {
        return deploymentFile;
    }

    /**
     * The chains stop only through {@link #close()} from now on, not also at JVM exit: for an owner whose
     * own shutdown hook first stops everything talking to them (settlement), then closes them.
     */
    public DevChains stopOnlyThroughClose() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (final IllegalStateException shuttingDown) {
            // the JVM is already exiting: the hook runs, which is what an owner's close would do
        }
        return this;
    }

    @Override
    public void close() {
        synchronized (chains) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (final UpstreamPool pool : pools.values()) {
            pool.close();
        }
        synchronized (chains) {
            for (final DevChain chain : chains) {
                chain.close();
            }
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down
            }
        }
    }
}
